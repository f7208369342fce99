package io.deskpilot.connector.platform;

import java.util.Objects;

/**
 * A comment the platform accepted.
 *
 * @param id the platform's comment id
 */
public record CommentRef(String id) {

	public CommentRef {
		Objects.requireNonNull(id, "id");
	}

}

package io.deskpilot.connector.platform;

import java.util.Objects;

/**
 * A request's status: the platform's own name and its category.
 *
 * @param name the workflow status as the platform names it
 * @param category the platform-neutral category
 */
public record RequestStatus(String name, StatusCategory category) {

	public RequestStatus {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(category, "category");
	}

}

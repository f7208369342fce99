package io.deskpilot.connector.platform;

import java.time.Instant;
import java.util.Objects;

import io.deskpilot.bot.kb.AuthorRole;

/**
 * A comment on a request: a public reply the customer sees, or an internal note only agents see.
 *
 * @param id the platform's comment id
 * @param author who wrote it
 * @param role customer, agent or this bot
 * @param isPublic true for a public reply, false for an internal note
 * @param body the text as the platform stores it
 * @param created when it was written
 */
public record PlatformComment(String id, Person author, AuthorRole role, boolean isPublic, String body,
		Instant created) {

	public PlatformComment {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(author, "author");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(created, "created");
		body = Objects.requireNonNullElse(body, "");
	}

}

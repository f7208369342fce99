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

	/**
	 * The newest of these comments written by this bot with this text (surrounding whitespace ignored): how desks that
	 * keep no idempotency keys find whether a post whose outcome was unknown landed.
	 */
	public static java.util.Optional<CommentRef> newestBotPost(java.util.List<PlatformComment> comments, String body) {
		String wanted = body.strip();
		PlatformComment newest = null;
		for (PlatformComment c : comments) {
			if (c.role() == AuthorRole.BOT && c.body().strip().equals(wanted)) {
				newest = c;
			}
		}
		return java.util.Optional.ofNullable(newest).map(c -> new CommentRef(c.id()));
	}

}

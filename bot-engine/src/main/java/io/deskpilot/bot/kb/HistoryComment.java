package io.deskpilot.bot.kb;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One comment of a ticket's conversation, as the platform stored it (raw markup).
 *
 * @param author opaque author id (account id, user name or hash)
 * @param role who wrote it
 * @param isPublic whether the customer could see it; internal notes are never answer sources
 * @param created when it was written, if known
 * @param body raw body (wiki markup, HTML, ADF JSON or plain text)
 */
public record HistoryComment(String author, AuthorRole role, boolean isPublic, @Nullable Instant created, String body) {

	public HistoryComment {
		Objects.requireNonNull(author, "author");
		Objects.requireNonNull(role, "role");
		body = body == null ? "" : body;
	}

}

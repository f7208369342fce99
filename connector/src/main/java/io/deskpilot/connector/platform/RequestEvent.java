package io.deskpilot.connector.platform;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a request, from a webhook or from polling. Events only point at what changed: the
 * workflow reads the request back from the platform before acting, so a forged or stale body cannot steer it.
 *
 * @param type what happened
 * @param requestKey the request it happened to
 * @param dedupeKey stable id of this event across redeliveries (webhook id, comment id, change id)
 * @param occurredAt when it happened on the platform
 * @param commentId for {@link EventType#COMMENT_ADDED}, the comment's id
 */
public record RequestEvent(EventType type, String requestKey, String dedupeKey, Instant occurredAt,
		@Nullable String commentId) {

	public RequestEvent {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(requestKey, "requestKey");
		Objects.requireNonNull(dedupeKey, "dedupeKey");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}

}

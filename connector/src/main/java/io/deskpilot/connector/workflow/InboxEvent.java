package io.deskpilot.connector.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A claimed inbox row. */
record InboxEvent(long id, String installationId, String dedupeKey, InboxEventType type, String requestKey,
		@Nullable String commentId, Instant occurredAt, int attempts) {

}

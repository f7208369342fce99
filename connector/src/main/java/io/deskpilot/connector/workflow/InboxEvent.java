package io.deskpilot.connector.workflow;

import java.time.Instant;

import io.deskpilot.connector.platform.EventType;
import org.jspecify.annotations.Nullable;

/** A claimed inbox row. */
record InboxEvent(long id, String installationId, String dedupeKey, EventType type, String requestKey,
		@Nullable String commentId, Instant occurredAt, int attempts) {

}

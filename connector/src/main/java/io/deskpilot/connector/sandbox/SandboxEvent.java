package io.deskpilot.connector.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One entry of the sandbox desk's change feed. */
record SandboxEvent(long id, String ticketKey, String type, @Nullable Long commentId, Instant created) {

}

package io.deskpilot.connector.sandbox;

import java.time.Instant;

/** A comment as the sandbox desk stores it; {@code role} is CUSTOMER, AGENT or BOT. */
record SandboxComment(long id, long ticketId, String authorId, String authorName, String role, boolean isPublic,
		String body, Instant created) {

}

package io.deskpilot.connector.sandbox;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A ticket as the sandbox desk stores it; {@code visitorHash} names the customer-page visitor that filed it (the
 * SHA-256 of its cookie's token), null when no visitor did.
 */
record SandboxTicket(long id, String summary, String description, String status, String reporterId,
		String reporterName, @Nullable String reporterEmail, @Nullable String organization,
		@Nullable String requestType, @Nullable String assigneeId, List<String> labels, List<String> components,
		@Nullable String priority, @Nullable String resolution, @Nullable String duplicateOf, Instant created,
		Instant updated, @Nullable Instant resolved, @Nullable String visitorHash) {

	String key() {
		return SandboxDesk.key(this.id);
	}

}

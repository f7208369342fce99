package io.deskpilot.connector.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A ticket of the desk's history with its whole conversation, as read for the knowledge base.
 *
 * @param request the ticket
 * @param resolved when it was resolved, if it was
 * @param resolution the platform's resolution name ({@code Fixed}, {@code Duplicate}, {@code Won't Fix}, ...)
 * @param duplicateOf the master ticket's key when resolved as a duplicate, if known
 * @param comments the conversation, oldest first, internal notes included (flagged)
 */
public record ResolvedTicket(PlatformRequest request, @Nullable Instant resolved, @Nullable String resolution,
		@Nullable String duplicateOf, List<PlatformComment> comments) {

	public ResolvedTicket {
		Objects.requireNonNull(request, "request");
		comments = comments == null ? List.of() : List.copyOf(comments);
	}

}

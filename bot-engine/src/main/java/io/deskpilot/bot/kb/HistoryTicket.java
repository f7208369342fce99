package io.deskpilot.bot.kb;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A ticket of a desk's history as read from the platform, before cleaning. The database keeps these as the source of
 * truth; the index is always rebuildable from them.
 *
 * @param id the platform's ticket key, unique within a tenant
 * @param created when the request was filed; null where unknown (the ticket is then eligible for every query)
 * @param resolved when it was resolved, if it was
 * @param status status as the platform names it
 * @param resolution resolution as the platform names it ({@code Fixed}, {@code Duplicate}, {@code Won't Fix}, ...)
 * @param summary the requester's title
 * @param description the requester's text (raw markup)
 * @param comments the conversation, oldest first
 * @param duplicateOf for a ticket resolved as a duplicate, the key of its master, when known
 * @param project project, queue or service desk
 * @param requestType request type or issue type
 * @param components components
 * @param labels labels
 */
public record HistoryTicket(String id, @Nullable Instant created, @Nullable Instant resolved, @Nullable String status,
		@Nullable String resolution, String summary, String description, List<HistoryComment> comments,
		@Nullable String duplicateOf, @Nullable String project, @Nullable String requestType, List<String> components,
		List<String> labels) {

	public HistoryTicket {
		Objects.requireNonNull(id, "id");
		summary = summary == null ? "" : summary;
		description = description == null ? "" : description;
		comments = comments == null ? List.of() : List.copyOf(comments);
		components = components == null ? List.of() : List.copyOf(components);
		labels = labels == null ? List.of() : List.copyOf(labels);
	}

	/** A ticket with only the fields a simple desk has. */
	public static HistoryTicket of(String id, @Nullable Instant created, @Nullable Instant resolved,
			@Nullable String resolution, String summary, String description, List<HistoryComment> comments) {
		return new HistoryTicket(id, created, resolved, resolved == null ? "Open" : "Resolved", resolution, summary,
				description, comments, null, null, null, List.of(), List.of());
	}

}

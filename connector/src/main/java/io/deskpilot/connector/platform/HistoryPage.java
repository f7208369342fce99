package io.deskpilot.connector.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of resolved history.
 *
 * @param tickets the tickets of this page, oldest resolution first
 * @param cursor opaque position to resume after this page; persist it as the import watermark
 * @param last whether this was the last page for now
 * @param total the number of tickets the whole import will read, when the platform can tell (-1 otherwise)
 */
public record HistoryPage(List<ResolvedTicket> tickets, @Nullable String cursor, boolean last, long total) {

	public HistoryPage {
		tickets = List.copyOf(tickets);
	}

}

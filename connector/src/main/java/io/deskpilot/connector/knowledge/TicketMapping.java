package io.deskpilot.connector.knowledge;

import java.util.List;

import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.ResolvedTicket;

/** Maps the platform's view of a ticket to the knowledge base's. */
final class TicketMapping {

	private TicketMapping() {
	}

	/** A request that is not resolved yet, as it was filed: findable as an open ticket, never an answer. */
	static HistoryTicket toOpen(PlatformRequest r) {
		return new HistoryTicket(r.key(), r.created(), null, "Open", null, r.summary(), r.description(), List.of(), null,
				null, r.requestType(), r.components(), r.labels());
	}

	static HistoryTicket toHistory(ResolvedTicket ticket) {
		PlatformRequest r = ticket.request();
		List<HistoryComment> comments = ticket.comments()
			.stream()
			.map(c -> new HistoryComment(c.author().id(), c.role(), c.isPublic(), c.created(), c.body()))
			.toList();
		return new HistoryTicket(r.key(), r.created(), ticket.resolved(), r.status().name(), ticket.resolution(),
				r.summary(), r.description(), comments, ticket.duplicateOf(), null, r.requestType(), r.components(),
				r.labels());
	}

}

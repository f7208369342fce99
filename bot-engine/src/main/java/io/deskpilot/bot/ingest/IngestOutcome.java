package io.deskpilot.bot.ingest;

import io.deskpilot.bot.kb.EntryKind;

/** What happened to one ticket during ingestion. Batch work counts these; it never stops on one bad ticket. */
public sealed interface IngestOutcome {

	/** The ticket's key. */
	String ticketId();

	/** The ticket is in the index. */
	record Indexed(String ticketId, EntryKind kind) implements IngestOutcome {
	}

	/** The ticket was left out on purpose (empty, a bot's own ticket, ...). */
	record Skipped(String ticketId, String reason) implements IngestOutcome {
	}

	/** The ticket could not be read or mapped; the reason says why. */
	record Invalid(String ticketId, String reason) implements IngestOutcome {
	}

}

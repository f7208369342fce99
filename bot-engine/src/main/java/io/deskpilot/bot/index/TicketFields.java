package io.deskpilot.bot.index;

/** Names of the Lucene fields of a knowledge entry. */
public final class TicketFields {

	/** Ticket key: indexed as one term, stored, and in doc values to break score ties. */
	public static final String ID = "id";

	/** Creation time in epoch milliseconds (point + doc values + stored); unknown times are {@link Long#MIN_VALUE}. */
	public static final String CREATED = "created";

	/** Resolution time in epoch milliseconds (stored); absent while open or unknown. */
	public static final String RESOLVED = "resolved";

	/**
	 * On duplicates only (doc values): with {@link #OPEN_UNTIL}, their closing time, ranking can tell, for a request
	 * filed at a given time, whether the ticket already pointed to another one.
	 */
	public static final String DUPLICATE = "duplicate";

	/**
	 * Until when the ticket was open, in epoch milliseconds (doc values), so ranking can tell whether it was still
	 * open when a request was filed: {@link Long#MAX_VALUE} while it is open, its resolution time once resolved;
	 * absent when it was resolved at an unknown time (as if resolved before any request).
	 */
	public static final String OPEN_UNTIL = "open_until";

	/** Cleaned title, English analysis. */
	public static final String SUMMARY = "summary";

	/** Cleaned description, English analysis. */
	public static final String DESCRIPTION = "description";

	/** Scrubbed public answer, English analysis. */
	public static final String ANSWER = "answer";

	/** The public conversation, English analysis. */
	public static final String DISCUSSION = "discussion";

	/** Identifiers, exception names, error codes and versions from summary and description (code analysis). */
	public static final String CODE = "code";

	/** {@link io.deskpilot.bot.kb.EntryKind} name. */
	public static final String KIND = "kind";

	/** The platform's resolution name. */
	public static final String RESOLUTION = "resolution";

	/** Master ticket key of a duplicate. */
	public static final String DUPLICATE_OF = "duplicate_of";

	/** Tags such as {@code component:storage}. */
	public static final String TAGS = "tags";

	/** Dense embedding of the problem text (HNSW). */
	public static final String VECTOR = "vector";

	/** Dense embedding of the summary alone, in binary doc values (read for candidates, never searched). */
	public static final String SUMMARY_VECTOR = "summary_vector";


	private TicketFields() {
	}

}

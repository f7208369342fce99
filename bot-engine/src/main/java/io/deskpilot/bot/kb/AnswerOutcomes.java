package io.deskpilot.bot.kb;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What customers made of a knowledge entry's answer when the bot gave it: confirmed, or rejected (rejected, reopened,
 * or overridden by an agent). Counted since the entry was last resolved, so an agent who resolves the ticket again with
 * its answer restores it; and only before a given time, so replays and evaluations see no outcome from their future.
 */
@FunctionalInterface
public interface AnswerOutcomes {

	/** No outcomes known. */
	AnswerOutcomes NONE = (entry, before) -> Standing.NONE;

	/** The entry's outcomes since it was resolved and before {@code before} (null: up to now). */
	Standing standing(KnowledgeEntry entry, @Nullable Instant before);

	/**
	 * An answer's record.
	 *
	 * @param confirmed how often customers confirmed it solved their request
	 * @param rejected how often it was rejected, reopened or overridden
	 */
	record Standing(int confirmed, int rejected) {

		public static final Standing NONE = new Standing(0, 0);

		/** Rejected twice or more, and more often than confirmed: no longer an answer, until resolved with it again. */
		public boolean blocked() {
			return this.rejected >= 2 && this.rejected > this.confirmed;
		}

		/** How much its rank among the answers moves: up to +0.1 for confirmations, down to -0.3 for rejections. */
		public double adjustment() {
			return 0.05 * Math.min(this.confirmed, 2) - 0.1 * Math.min(this.rejected, 3);
		}

	}

}

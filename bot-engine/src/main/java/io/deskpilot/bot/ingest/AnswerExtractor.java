package io.deskpilot.bot.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.text.TextCleaner;

/**
 * Finds the public agent reply that resolved a ticket. Internal notes, customer comments and bot comments are never
 * answers. Among the public agent replies that say something, the one the customer confirmed wins; otherwise the last
 * one written before the resolution; when there are no timestamps (a Q&A thread), the first.
 */
public final class AnswerExtractor {

	/** Below this many characters a reply is an acknowledgement, not an answer. */
	static final int MIN_ANSWER_CHARS = 25;

	private static final Pattern FILLER = Pattern.compile("(?is)^\\W*(thanks?( you)?( for (the|your) (report|ticket|request|feedback)[^.!]*)?"
			+ "|any (update|news)s?|ping|bump|\\+1|closing( this)?( ticket| issue| request)?( as)?( resolved| fixed| duplicate)?"
			+ "|(marking|marked) (as )?(resolved|fixed|duplicate)|fixed|done|resolved|duplicate"
			+ "|we are (looking|working) (into|on) (it|this)|(i'?m|we'?re) looking into (it|this)"
			+ "|can you (please )?(provide|send|attach)[^.?]*[.?]?)\\W*$");

	private static final Pattern CONFIRMATION = Pattern.compile("(?i)\\b(that (worked|fixed|did it|solved)|it works|works now|"
			+ "working now|solved|fixed it|problem (is )?(gone|solved|resolved)|thanks?,? (that|it) (worked|helped)|perfect,? thanks?)\\b");

	/** Returns the cleaned answer text, or an empty string when no public agent reply qualifies. */
	public String extract(HistoryTicket ticket) {
		return extract(ticket, ticket.comments().stream().map(c -> TextCleaner.clean(c.body())).toList());
	}

	/** As {@link #extract(HistoryTicket)}, with the comments already cleaned (same order). */
	public String extract(HistoryTicket ticket, List<String> cleaned) {
		List<HistoryComment> comments = ticket.comments();
		List<Integer> candidates = new ArrayList<>();
		for (int i = 0; i < comments.size(); i++) {
			HistoryComment c = comments.get(i);
			if (c.role() == AuthorRole.AGENT && c.isPublic() && isSubstantive(cleaned.get(i))) {
				candidates.add(i);
			}
		}
		if (candidates.isEmpty()) {
			return "";
		}
		int chosen = confirmed(comments, candidates);
		if (chosen < 0) {
			chosen = hasTimes(comments) ? lastBefore(comments, candidates, ticket.resolved()) : candidates.get(0);
		}
		return cleaned.get(chosen);
	}

	static boolean isSubstantive(String cleaned) {
		return cleaned.length() >= MIN_ANSWER_CHARS && !FILLER.matcher(cleaned).matches();
	}

	/** The last candidate followed by a customer comment that confirms it worked. */
	private static int confirmed(List<HistoryComment> comments, List<Integer> candidates) {
		int best = -1;
		for (int idx : candidates) {
			for (int j = idx + 1; j < comments.size(); j++) {
				HistoryComment next = comments.get(j);
				if (next.role() == AuthorRole.AGENT && next.isPublic()) {
					break;
				}
				if (next.role() == AuthorRole.CUSTOMER
						&& CONFIRMATION.matcher(next.body().toLowerCase(Locale.ROOT)).find()) {
					best = idx;
					break;
				}
			}
		}
		return best;
	}

	private static boolean hasTimes(List<HistoryComment> comments) {
		return comments.stream().anyMatch(c -> c.created() != null);
	}

	private static int lastBefore(List<HistoryComment> comments, List<Integer> candidates,
			@org.jspecify.annotations.Nullable Instant resolved) {
		int best = candidates.get(0);
		for (int idx : candidates) {
			Instant created = comments.get(idx).created();
			if (resolved == null || created == null || !created.isAfter(resolved)) {
				best = idx;
			}
		}
		return best;
	}

}

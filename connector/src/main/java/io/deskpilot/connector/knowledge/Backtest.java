package io.deskpilot.connector.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.KnowledgeEntry;
import org.jspecify.annotations.Nullable;

/**
 * Replays the last resolved tickets through the bot as if each had just come in: only tickets filed before it are
 * eligible and the ticket itself is left out, so nothing leaks from the future. Each replay yields the bot's
 * confidence and whether the answer it would have used was right; sweeping the answer threshold over them gives the
 * precision/coverage curve an admin chooses the threshold from.
 * <p>
 * "Right" is judged against what the agent actually answered: the two answers share at least half of their
 * distinctive words (the shorter one's), or the two tickets are duplicates of one another. Tickets without an agent
 * answer of their own cannot be judged and are left out.
 */
public final class Backtest {

	/** What counts as a right answer: shown next to the curve. */
	public static final String DEFINITION = "Each of the last resolved tickets is replayed as a new request against the "
			+ "tickets filed before it (itself left out). The bot's answer counts as right when it shares at least half of "
			+ "its distinctive words with the answer the agent actually gave, or when the two tickets are duplicates of "
			+ "each other. Coverage: share of replayed tickets the bot would answer at that threshold. Precision: share "
			+ "of those answers that are right.";

	static final double SAME_ANSWER = 0.5;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{3,}");

	private static final Set<String> COMMON = Set.of("this", "that", "with", "from", "have", "your", "will", "then", "there",
			"please", "thanks", "thank", "would", "could", "should", "which", "when", "what", "into", "also", "just", "them",
			"they", "their", "were", "been", "being", "after", "before", "again", "only", "does", "here", "some", "more");

	private Backtest() {
	}

	/** One replayed ticket. */
	public record Replay(String ticket, double confidence, boolean answerable, boolean right, @Nullable String chosen) {
	}

	/** A point of the curve; precision is NaN where the bot would answer nothing. */
	public record Point(double threshold, double coverage, double precision, int answered) {
	}

	/** The replays and the curve. */
	public record Result(List<Replay> replays, List<Point> curve, int skipped) {
	}

	static Result of(List<Replay> replays, int skipped) {
		List<Point> curve = new ArrayList<>();
		for (int t = 5; t <= 95; t += 5) {
			double threshold = t / 100.0;
			int answered = 0;
			int right = 0;
			for (Replay r : replays) {
				if (r.answerable() && r.confidence() >= threshold) {
					answered++;
					if (r.right()) {
						right++;
					}
				}
			}
			curve.add(new Point(threshold, replays.isEmpty() ? 0 : (double) answered / replays.size(),
					answered == 0 ? Double.NaN : (double) right / answered, answered));
		}
		return new Result(List.copyOf(replays), curve, skipped);
	}

	static Replay replay(KnowledgeEntry ticket, Decision decision, @Nullable KnowledgeEntry chosen) {
		boolean answerable = !decision.answer().isBlank();
		boolean right = answerable && chosen != null && (duplicates(ticket, chosen) || sameAnswer(ticket.answer(), decision.answer()));
		return new Replay(ticket.id(), decision.confidence(), answerable, right, chosen == null ? null : chosen.id());
	}

	static boolean duplicates(KnowledgeEntry a, KnowledgeEntry b) {
		return a.id().equals(b.duplicateOf()) || b.id().equals(a.duplicateOf())
				|| (a.duplicateOf() != null && a.duplicateOf().equals(b.duplicateOf()));
	}

	static boolean sameAnswer(String actual, String proposed) {
		Set<String> a = words(actual);
		Set<String> b = words(proposed);
		if (a.isEmpty() || b.isEmpty()) {
			return false;
		}
		Set<String> shared = new HashSet<>(a);
		shared.retainAll(b);
		return (double) shared.size() / Math.min(a.size(), b.size()) >= SAME_ANSWER;
	}

	private static Set<String> words(String text) {
		Set<String> out = new HashSet<>();
		Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (m.find()) {
			if (!COMMON.contains(m.group())) {
				out.add(m.group());
			}
		}
		return out;
	}

}

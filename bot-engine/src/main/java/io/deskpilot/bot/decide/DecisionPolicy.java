package io.deskpilot.bot.decide;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.deskpilot.bot.answer.AnswerFit;
import io.deskpilot.bot.answer.ReplyKind;
import io.deskpilot.bot.kb.AnswerOutcomes;
import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;

/**
 * Chooses between answering, suggesting and routing. The first resolved match's answer is used (a duplicate answers
 * with its master's answer); entries that are no answer source (known issues, open tickets) can only inform the agent.
 * Only what a new customer can follow is posted ({@link AnswerFit}): a report of what an agent did for that customer
 * goes to a person, a reply for another platform or one that needs the earlier customer's details is only suggested,
 * and what is posted has the action reports, the earlier customer's details, greetings and sign-offs taken out.
 */
public final class DecisionPolicy {

	/** The rule when the best answer reports what an agent did for that customer: a person must do it again. */
	public static final String ACTION_REPORT = "answer-reports-an-action";

	/** The rule when the best answer is about another platform, product or version than the request. */
	public static final String PLATFORM_MISMATCH = "answer-for-another-platform";

	/** The rule when nothing of the best answer is left once the earlier customer's details are taken out. */
	public static final String CUSTOMER_DETAILS = "answer-needs-earlier-customers-details";

	private final ConfidenceModel model;

	private final PolicySettings settings;

	public DecisionPolicy(ConfidenceModel model, PolicySettings settings) {
		this.model = model;
		this.settings = settings;
	}

	/**
	 * Decides on a result list; {@code lookup} finds a duplicate's master entry by id. The answer comes from the first
	 * ticket that was resolved when the request was filed (open ones have no answer yet), and the confidence model
	 * judges it against every other match, open ones included: an open ticket that resembles the request more closely
	 * says the problem is a current one the old answer may not fix. The explanation names an open ticket that ranks
	 * first, so the agent sees where the problem is already being worked on.
	 */
	public Decision decide(RequestText request, List<Match> matches, Function<String, Optional<KnowledgeEntry>> lookup) {
		return decide(request, matches, lookup, AnswerOutcomes.NONE);
	}

	/**
	 * As above, learning from what customers made of earlier answers: a confirmed answer ranks higher among the
	 * resolved matches, a rejected one lower, and one rejected repeatedly is no answer source until it is resolved with
	 * again (it still informs the agent).
	 */
	public Decision decide(RequestText request, List<Match> matches, Function<String, Optional<KnowledgeEntry>> lookup,
			AnswerOutcomes outcomes) {
		String open = !matches.isEmpty() && matches.get(0).open()
				? " Open ticket " + matches.get(0).id() + " looks like the same problem and is not resolved yet." : "";
		List<Match> resolved = new java.util.ArrayList<>();
		java.util.Map<Match, Double> adjusted = new java.util.IdentityHashMap<>();
		String rejectedNote = "";
		for (Match m : answerCandidates(matches)) {
			AnswerOutcomes.Standing standing = outcomes.standing(m.entry(), request.created());
			if (standing.blocked()) {
				rejectedNote = rejectedNote.isEmpty() ? " Ticket " + m.id() + "'s answer was rejected " + standing.rejected()
						+ " times since it was resolved and is not used." : rejectedNote;
				continue;
			}
			adjusted.put(m, m.score() + standing.adjustment());
			resolved.add(m);
		}
		resolved.sort(java.util.Comparator.comparingDouble((Match m) -> -adjusted.getOrDefault(m, m.score())));
		open += rejectedNote;
		if (resolved.isEmpty()) {
			return new Decision(Action.ROUTE, 0, null, "", matches, "no-similar-ticket",
					"No resolved ticket resembles this request." + open);
		}
		Match top = resolved.get(0);
		List<Match> judged = judged(matches, top);
		double confidence = this.model.confidence(judged);
		String answer = answerOf(top.entry(), lookup);
		String pct = String.format(Locale.ROOT, "%.0f%%", confidence * 100);
		if (answer.isBlank()) {
			return new Decision(Action.ROUTE, confidence, top, "", matches, "best-match-has-no-answer",
					"The most similar resolved ticket " + top.id() + " (" + pct + ") has no answer that can be shared." + open);
		}
		String evidence = evidence(judged);
		String matched = "Ticket " + top.id() + " matches with " + pct + " confidence" + evidence;
		if (confidence < this.settings.suggestThreshold()) {
			return new Decision(Action.ROUTE, confidence, top, answer, matches, "confidence<suggestThreshold",
					"The best match " + top.id() + " has only " + pct + " confidence" + evidence + ", below the suggest threshold "
							+ threshold(this.settings.suggestThreshold()) + "." + open);
		}
		AnswerFit.Fitted fit = AnswerFit.fit(answer, request.summary() + "\n" + request.description(),
				top.entry().summary() + "\n" + top.entry().description());
		if (fit.kind() == ReplyKind.ACTION_REPORT) {
			// the precedent goes to the person who has to do it again, never to the customer
			return new Decision(Action.ROUTE, confidence, top, answer, matches, ACTION_REPORT,
					matched + ", but its answer reports what an agent did for that customer (\"" + clip(fit.actions().get(0))
							+ "\"): a person has to do it for this one." + open);
		}
		boolean answers = confidence >= this.settings.answerThreshold();
		if (answers && fit.conflict() != null) {
			return new Decision(Action.SUGGEST, confidence, top, answer, matches, PLATFORM_MISMATCH,
					matched + ", but it is about another platform (" + fit.conflict() + "): suggested to the agent." + open);
		}
		if (answers && !fit.postable()) {
			return new Decision(Action.SUGGEST, confidence, top, answer, matches, CUSTOMER_DETAILS,
					matched + ", but its answer depends on the earlier customer's details (" + String.join(", ", fit.withheld())
							+ "): suggested to the agent." + open);
		}
		String text = fit.postable() ? fit.text() : answer;
		String partly = fit.kind() == ReplyKind.MIXED ? " Left out, as it reports what an agent did for that customer: \""
				+ clip(String.join(" ", fit.actions())) + "\"" : "";
		if (answers) {
			return new Decision(Action.ANSWER, confidence, top, text, matches, "confidence>=answerThreshold",
					matched + ", at or above the answer threshold " + threshold(this.settings.answerThreshold()) + "." + partly + open);
		}
		return new Decision(Action.SUGGEST, confidence, top, text, matches, "confidence>=suggestThreshold",
				matched + ": suggested to the agent, below the answer threshold " + threshold(this.settings.answerThreshold()) + "."
						+ partly + open);
	}

	private static String clip(String s) {
		return s.length() > 200 ? s.substring(0, 200) + "…" : s;
	}

	/** The list a decision's confidence was judged on: its chosen ticket first, then every other match in order. */
	public static List<Match> judged(Decision decision) {
		return decision.chosen() == null ? decision.evidence() : judged(decision.evidence(), decision.chosen());
	}

	/** The candidate first, then every other match in order: the list its confidence is judged on. */
	static List<Match> judged(List<Match> matches, Match candidate) {
		if (matches.get(0) == candidate) {
			return matches;
		}
		List<Match> judged = new java.util.ArrayList<>(matches.size());
		judged.add(candidate);
		matches.stream().filter(m -> m != candidate).forEach(judged::add);
		return judged;
	}

	/** The matches an answer can come from, in order: those that were not open when the request was filed. */
	public static List<Match> answerCandidates(List<Match> matches) {
		return matches.stream().filter(m -> !m.open()).toList();
	}

	/** The answer an entry offers: its own, or for a duplicate without one, its master's. */
	public static String answerOf(KnowledgeEntry entry, Function<String, Optional<KnowledgeEntry>> lookup) {
		if (entry.hasAnswer()) {
			return entry.answer();
		}
		if (entry.kind() == EntryKind.DUPLICATE && entry.duplicateOf() != null) {
			return lookup.apply(entry.duplicateOf()).filter(KnowledgeEntry::hasAnswer).map(KnowledgeEntry::answer).orElse("");
		}
		return "";
	}

	/** The evidence in words: similarity, lead over the runner-up, agreement of the retrievers. */
	static String evidence(List<Match> matches) {
		ConfidenceFeatures f = ConfidenceFeatures.of(matches);
		StringBuilder s = new StringBuilder(" (");
		if (f.cosine() > 0) {
			// behind: another match is closer in meaning (an open ticket above the resolved one judged, say)
			double margin = f.cosineMargin();
			s.append(String.format(Locale.ROOT, "similarity %.2f, %.2f %s; ", f.cosine(), Math.abs(margin),
					margin < 0 ? "behind a closer ticket" : "ahead of the next ticket"));
		}
		s.append(String.format(Locale.ROOT, "%.0f%% of the request's distinctive words", f.coverage() * 100));
		if (f.agreement() == 1) {
			s.append("; keyword and meaning search agree");
		}
		return s.append(')').toString();
	}

	private static String threshold(double t) {
		return String.format(Locale.ROOT, "%.0f%%", t * 100);
	}

}

package io.deskpilot.bot.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates the evaluation metrics of FORMAT.md: recall@1/5/10 (a relevant ticket in the top k), MRR (first
 * relevant within the top 100), nDCG@10 with binary gains, and for the answer policy coverage (share answered) and
 * precision (share of answers whose chosen ticket is relevant). Also per-query latency percentiles.
 */
public final class Metrics {

	private int queries;

	private int hit1;

	private int hit5;

	private int hit10;

	private double reciprocalRanks;

	private double ndcg;

	private int answered;

	private int answeredCorrect;

	private final List<Double> latenciesMs = new ArrayList<>();

	private boolean labelled;

	private int actionAnswersPosted;

	private int reusableRepeats;

	private int reusableAnswered;

	private boolean checksText;

	private int forbiddenPosted;

	/**
	 * Records one query.
	 * @param ranked ticket ids best first (at least the top 100 when available)
	 * @param relevant the relevant ids
	 * @param answeredWith the ticket the policy answered with, or null when it did not answer
	 * @param latencyMs time to decide
	 */
	public void add(List<String> ranked, Set<String> relevant, @org.jspecify.annotations.Nullable String answeredWith,
			double latencyMs) {
		this.queries++;
		int first = firstRelevant(ranked, relevant);
		if (first == 1) {
			this.hit1++;
		}
		if (first >= 1 && first <= 5) {
			this.hit5++;
		}
		if (first >= 1 && first <= 10) {
			this.hit10++;
		}
		if (first >= 1 && first <= 100) {
			this.reciprocalRanks += 1.0 / first;
		}
		this.ndcg += ndcgAt10(ranked, relevant);
		if (answeredWith != null) {
			this.answered++;
			if (relevant.contains(answeredWith)) {
				this.answeredCorrect++;
			}
		}
		this.latenciesMs.add(latencyMs);
	}

	/**
	 * Records what an answer posted, for sets that label their history's answers ({@code answer_kind}) or say what an
	 * answer must never contain ({@code must_not_post}).
	 * @param relevant the query's relevant ids
	 * @param answeredWith the ticket answered with, or null
	 * @param posted the text posted (empty when it did not answer)
	 * @param kinds each labelled history ticket's answer kind
	 * @param mustNotPost texts the answer must not contain
	 */
	public void addPosting(Set<String> relevant, @org.jspecify.annotations.Nullable String answeredWith, String posted,
			Map<String, String> kinds, List<String> mustNotPost) {
		if (!kinds.isEmpty()) {
			this.labelled = true;
			if (answeredWith != null && "action".equals(kinds.get(answeredWith))) {
				this.actionAnswersPosted++;
			}
			boolean reusable = relevant.stream().map(kinds::get).anyMatch(k -> "instructions".equals(k) || "mixed".equals(k));
			if (reusable) {
				this.reusableRepeats++;
				if (answeredWith != null && relevant.contains(answeredWith)) {
					this.reusableAnswered++;
				}
			}
		}
		if (!mustNotPost.isEmpty()) {
			this.checksText = true;
			String lower = posted.toLowerCase(java.util.Locale.ROOT);
			if (answeredWith != null && mustNotPost.stream().anyMatch(f -> lower.contains(f.toLowerCase(java.util.Locale.ROOT)))) {
				this.forbiddenPosted++;
			}
		}
	}

	/** 1-based rank of the first relevant id, 0 when none is ranked. */
	public static int firstRelevant(List<String> ranked, Set<String> relevant) {
		for (int i = 0; i < ranked.size(); i++) {
			if (relevant.contains(ranked.get(i))) {
				return i + 1;
			}
		}
		return 0;
	}

	static double ndcgAt10(List<String> ranked, Set<String> relevant) {
		double dcg = 0;
		for (int i = 0; i < Math.min(10, ranked.size()); i++) {
			if (relevant.contains(ranked.get(i))) {
				dcg += 1 / log2(i + 2);
			}
		}
		double idcg = 0;
		for (int i = 0; i < Math.min(10, relevant.size()); i++) {
			idcg += 1 / log2(i + 2);
		}
		return idcg == 0 ? 0 : dcg / idcg;
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

	/** The metrics as an ordered map (the JSON line's fields). */
	public Map<String, Object> summary() {
		Map<String, Object> m = new LinkedHashMap<>();
		int n = Math.max(1, this.queries);
		m.put("queries", this.queries);
		m.put("recall@1", round(this.hit1 / (double) n));
		m.put("recall@5", round(this.hit5 / (double) n));
		m.put("recall@10", round(this.hit10 / (double) n));
		m.put("mrr", round(this.reciprocalRanks / n));
		m.put("ndcg@10", round(this.ndcg / n));
		m.put("coverage", round(this.answered / (double) n));
		m.put("answer_precision", this.answered == 0 ? null : round(this.answeredCorrect / (double) this.answered));
		m.put("answered", this.answered);
		// answered with a ticket that is not relevant, as a share of all queries
		m.put("false_answers", round((this.answered - this.answeredCorrect) / (double) n));
		if (this.labelled) {
			m.put("action_answers_posted", this.actionAnswersPosted);
			m.put("reusable_repeats", this.reusableRepeats);
			m.put("reusable_answered", this.reusableRepeats == 0 ? null : round(this.reusableAnswered / (double) this.reusableRepeats));
		}
		if (this.checksText) {
			m.put("forbidden_text_posted", this.forbiddenPosted);
		}
		double[] sorted = this.latenciesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		m.put("p50_ms", round(percentile(sorted, 0.50)));
		m.put("p99_ms", round(percentile(sorted, 0.99)));
		return m;
	}

	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}

	@Override
	public String toString() {
		return summary().toString() + " " + Arrays.toString(new int[] { this.hit1, this.hit5, this.hit10 });
	}

}

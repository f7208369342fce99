package io.deskpilot.bot.decide;

import java.util.List;
import java.util.Locale;

/**
 * Chooses a desk's answer threshold from its own replayed history so that the precision of what it answers is at
 * least a target with a stated confidence (Learn-then-Test, arXiv 2110.01052, with fixed-sequence testing): for each
 * threshold of a fixed grid, from the highest down, the hypothesis "precision below the target" is tested with the
 * exact binomial tail of the answered replays; the lowest threshold reached before the first test that cannot reject
 * is chosen. Thresholds with fewer than the minimum answered replays are not tested (they lead the sequence: fewer
 * replays clear a higher threshold), nor those with fewer than a clean record needs to pass (59 at 0.95 and 95%).
 * With too little history there is no threshold: the bot only suggests.
 */
public final class PrecisionGuarantee {

	/** The thresholds tested, highest first. */
	static final double[] GRID = grid();

	/**
	 * What the desk asks for.
	 *
	 * @param target the precision the answers must have (e.g. 0.95)
	 * @param confidence how sure the guarantee is (e.g. 0.95: the chosen threshold's true precision is below the
	 *        target with probability at most 5%)
	 * @param minAnswered the fewest answered replays a threshold is tested with
	 */
	public record Target(double target, double confidence, int minAnswered) {

		public Target {
			if (!(target > 0 && target < 1)) {
				throw new IllegalArgumentException("target precision must be within (0, 1), was " + target);
			}
			if (!(confidence > 0 && confidence < 1)) {
				throw new IllegalArgumentException("confidence must be within (0, 1), was " + confidence);
			}
			if (minAnswered < 1 || minAnswered > 100_000) {
				throw new IllegalArgumentException("minAnswered must be within [1, 100000], was " + minAnswered);
			}
		}

		/** The product default: precision at least 0.95 with 95% confidence, from at least 50 answered replays. */
		public static Target defaults() {
			return new Target(0.95, 0.95, 50);
		}

	}

	/**
	 * One replayed request.
	 *
	 * @param confidence the bot's confidence
	 * @param answerable whether the bot would post an answer at a low enough threshold (a reusable reply on the same
	 *        platform; action reports and replies needing the earlier customer's details never are)
	 * @param right whether that answer was right
	 */
	public record Case(double confidence, boolean answerable, boolean right) {
	}

	/**
	 * The choice.
	 *
	 * @param threshold the answer threshold; NaN when none can be guaranteed (suggest only)
	 * @param answered replays answered at it
	 * @param right of those, how many were right
	 * @param precision right / answered (NaN when none)
	 * @param lowerBound the one-sided Clopper–Pearson lower bound of the precision at the target's confidence
	 * @param coverage answered / all replays
	 * @param replays all replays
	 * @param target what was asked for
	 * @param reason one sentence for the admin
	 */
	public record Result(double threshold, int answered, int right, double precision, double lowerBound, double coverage,
			int replays, Target target, String reason) {

		/** Whether a threshold was found. */
		public boolean guaranteed() {
			return !Double.isNaN(this.threshold);
		}

	}

	private PrecisionGuarantee() {
	}

	/** Chooses the threshold for these replays. */
	public static Result choose(List<Case> cases, Target target) {
		double alpha = 1 - target.confidence();
		// below this many answered replays not even a clean record could pass: testing there would end the sequence
		int fewest = Math.max(target.minAnswered(), (int) Math.ceil(Math.log(alpha) / Math.log(target.target())));
		double chosen = Double.NaN;
		int tested = 0;
		for (double t : GRID) {
			int answered = 0;
			int right = 0;
			for (Case c : cases) {
				if (c.answerable() && c.confidence() >= t) {
					answered++;
					if (c.right()) {
						right++;
					}
				}
			}
			if (answered < fewest) {
				continue;
			}
			tested++;
			if (upperTail(answered, right, target.target()) > alpha) {
				break;
			}
			chosen = t;
		}
		if (Double.isNaN(chosen)) {
			int answerable = (int) cases.stream().filter(Case::answerable).count();
			String why = tested == 0
					? String.format(Locale.ROOT, "Too little history: %d of %d replayed requests could be answered, fewer than the %d a "
							+ "guarantee needs. Deskpilot only suggests answers to agents until there are more.", answerable, cases.size(),
							fewest)
					: String.format(Locale.ROOT, "No answer threshold reaches precision %.2f with %.0f%% confidence on %d replayed "
							+ "requests: Deskpilot only suggests answers to agents.", target.target(), target.confidence() * 100,
							cases.size());
			return new Result(Double.NaN, 0, 0, Double.NaN, Double.NaN, 0, cases.size(), target, why);
		}
		int answered = 0;
		int right = 0;
		for (Case c : cases) {
			if (c.answerable() && c.confidence() >= chosen) {
				answered++;
				right += c.right() ? 1 : 0;
			}
		}
		double lower = lowerBound(answered, right, alpha);
		double coverage = cases.isEmpty() ? 0 : (double) answered / cases.size();
		return new Result(chosen, answered, right, (double) right / answered, lower, coverage, cases.size(), target,
				String.format(Locale.ROOT, "Answering from %.0f%% confidence: %d of %d replayed requests answered (coverage %.2f), "
						+ "%d right; precision is at least %.3f with %.0f%% confidence.", chosen * 100, answered, cases.size(),
						coverage, right, lower, target.confidence() * 100));
	}

	/** P(X ≥ k) for X ~ Binomial(n, p). */
	static double upperTail(int n, int k, double p) {
		if (k <= 0) {
			return 1;
		}
		if (k > n) {
			return 0;
		}
		double logP = Math.log(p);
		double logQ = Math.log1p(-p);
		double max = Double.NEGATIVE_INFINITY;
		double[] terms = new double[n - k + 1];
		for (int i = k; i <= n; i++) {
			terms[i - k] = logChoose(n, i) + i * logP + (n - i) * logQ;
			max = Math.max(max, terms[i - k]);
		}
		double sum = 0;
		for (double t : terms) {
			sum += Math.exp(t - max);
		}
		return Math.min(1, Math.exp(max) * sum);
	}

	/** The one-sided Clopper–Pearson lower bound: the smallest p with P(X ≥ k | n, p) ≥ alpha. */
	static double lowerBound(int n, int k, double alpha) {
		if (k == 0) {
			return 0;
		}
		double lo = 0;
		double hi = (double) k / n;
		for (int i = 0; i < 60; i++) {
			double mid = (lo + hi) / 2;
			if (upperTail(n, k, mid) < alpha) {
				lo = mid;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	private static double logChoose(int n, int k) {
		double[] table = logFactorials(n);
		return table[n] - table[k] - table[n - k];
	}

	/** log(i!) for i ≤ n, kept between calls (it only grows). */
	private static volatile double[] logFactorials = { 0, 0 };

	private static double[] logFactorials(int n) {
		double[] table = logFactorials;
		if (table.length > n) {
			return table;
		}
		synchronized (PrecisionGuarantee.class) {
			table = logFactorials;
			if (table.length <= n) {
				double[] grown = java.util.Arrays.copyOf(table, Math.max(n + 1, table.length * 2));
				for (int i = table.length; i < grown.length; i++) {
					grown[i] = grown[i - 1] + Math.log(i);
				}
				logFactorials = grown;
				table = grown;
			}
			return table;
		}
	}

	private static double[] grid() {
		double[] g = new double[95];
		for (int i = 0; i < g.length; i++) {
			g[i] = (99 - i) / 100.0;
		}
		return g;
	}

}

package io.deskpilot.bot.decide;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.deskpilot.bot.kb.Match;

/**
 * A logistic model over {@link ConfidenceFeatures}: the probability that the first match is a ticket about the same
 * problem. Its coefficients are fitted by the {@code calibrate} command on labelled help-desk data (see
 * docs/RETRIEVAL.md); {@link #defaults()} are the fitted product defaults.
 *
 * @param intercept the bias
 * @param weights one weight per feature, in {@link ConfidenceFeatures} order
 */
public record CalibratedConfidence(double intercept, double[] weights) implements ConfidenceModel {

	public CalibratedConfidence {
		if (weights.length != ConfidenceFeatures.SIZE) {
			throw new IllegalArgumentException("expected " + ConfidenceFeatures.SIZE + " weights, got " + weights.length);
		}
		weights = weights.clone();
	}

	/**
	 * The product defaults: fitted by {@code calibrate} on StackFAQ, SeaMonkey and Eucalyptus Jira with the product's
	 * retrieval defaults, each set weighted equally, half on requests the knowledge base can answer and half on the same
	 * requests with their answers left out (see docs/RETRIEVAL.md for the command and its report).
	 */
	public static CalibratedConfidence defaults() {
		return new CalibratedConfidence(-8.6218, new double[] { 3.5357, 10.5741, 4.7962, 0.6564, 0.8985, 0.0701 });
	}

	@Override
	public double confidence(List<Match> matches) {
		if (matches.isEmpty()) {
			return 0;
		}
		return probability(ConfidenceFeatures.of(matches).toArray());
	}

	/** The model's probability for a feature vector. */
	public double probability(double[] features) {
		double z = this.intercept;
		for (int i = 0; i < features.length; i++) {
			z += this.weights[i] * features[i];
		}
		return 1 / (1 + Math.exp(-z));
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof CalibratedConfidence c && c.intercept == this.intercept && Arrays.equals(c.weights, this.weights);
	}

	@Override
	public int hashCode() {
		return Double.hashCode(this.intercept) * 31 + Arrays.hashCode(this.weights);
	}

	@Override
	public String toString() {
		StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "CalibratedConfidence[intercept=%.4f, weights=[", this.intercept));
		for (int i = 0; i < this.weights.length; i++) {
			s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", this.weights[i]));
		}
		return s.append("]]").toString();
	}

}

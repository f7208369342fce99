package io.deskpilot.bot.decide;

import java.util.List;

import io.deskpilot.bot.kb.Match;

/**
 * The evidence about a result list's first match, on scales that mean the same for every request (unlike raw BM25
 * scores): how similar it is (dense cosines, term coverage), how far it stands above the runner-up, and whether the
 * lexical and dense retrievers agree on it.
 *
 * @param cosine dense cosine of the first match's problem text
 * @param cosineMargin its cosine minus the best cosine among the other matches
 * @param title cosine of the summaries
 * @param coverage share of the request's distinctive words the first match contains
 * @param agreement 1 when both retrievers rank it first, 0.5 when both rank it in their top 3, else 0
 * @param fusedMargin fused score margin over the second match
 */
public record ConfidenceFeatures(double cosine, double cosineMargin, double title, double coverage, double agreement,
		double fusedMargin) {

	/** Number of features. */
	public static final int SIZE = 6;

	/** Feature names, in order. */
	public static final java.util.List<String> NAMES = java.util.List.of("cosine", "cosineMargin", "title", "coverage",
			"agreement", "fusedMargin");

	/** Computes the features of a non-empty result list. */
	public static ConfidenceFeatures of(List<Match> matches) {
		Match top = matches.get(0);
		double otherCosine = 0;
		double second = 0;
		for (int i = 1; i < matches.size(); i++) {
			otherCosine = Math.max(otherCosine, matches.get(i).denseScore());
		}
		if (matches.size() > 1) {
			second = matches.get(1).score();
		}
		double agreement = top.lexicalRank() == 1 && top.denseRank() == 1 ? 1
				: top.lexicalRank() >= 1 && top.lexicalRank() <= 3 && top.denseRank() >= 1 && top.denseRank() <= 3 ? 0.5 : 0;
		return new ConfidenceFeatures(top.denseScore(), top.denseScore() - otherCosine, top.titleScore(), top.coverage(),
				agreement, matches.size() > 1 ? top.score() - second : top.score());
	}

	/** The features as an array, in declaration order. */
	public double[] toArray() {
		return new double[] { this.cosine, this.cosineMargin, this.title, this.coverage, this.agreement, this.fusedMargin };
	}

}

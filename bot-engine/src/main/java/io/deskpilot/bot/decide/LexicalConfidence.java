package io.deskpilot.bot.decide;

import java.util.List;

import io.deskpilot.bot.kb.Match;

/**
 * Confidence from lexical evidence alone: how much of the request the first match covers (comparable between
 * requests), and how far it stands above the runners-up (BM25 scores are not comparable between requests, their
 * ratios are). Used when no dense retriever is configured.
 */
public final class LexicalConfidence implements ConfidenceModel {

	@Override
	public double confidence(List<Match> matches) {
		if (matches.isEmpty()) {
			return 0;
		}
		double top = matches.get(0).lexicalScore();
		if (top <= 0) {
			return 0;
		}
		double dominance = 1;
		int n = Math.min(matches.size(), 5);
		if (n > 1) {
			double rest = 0;
			for (int i = 1; i < n; i++) {
				rest += matches.get(i).lexicalScore();
			}
			// 0.5 when the first match is no better than the others, 1 when it stands alone
			dominance = top / (top + rest / (n - 1));
		}
		double coverage = matches.get(0).coverage();
		return 1 / (1 + Math.exp(-(9 * coverage + 6 * dominance - 9.5)));
	}

}

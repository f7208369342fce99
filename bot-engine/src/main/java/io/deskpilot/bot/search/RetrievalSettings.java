package io.deskpilot.bot.search;

import java.time.Duration;
import java.util.Map;

/**
 * How retrieval ranks tickets, validated on construction.
 *
 * @param fieldBoosts fields BM25 searches and their weights
 * @param maxQueryTerms most distinct terms per field taken from a request (the rarest win)
 * @param summaryWeight extra weight of terms from the request's summary over its description
 * @param candidates how many candidates each retriever contributes before fusion
 * @param fusion how the two signals are put on one scale
 * @param denseWeight weight of the dense similarity of the problem texts in the fused score
 * @param titleWeight weight of the dense similarity of the summaries alone; BM25 gets what the two leave
 * @param lexicalSaturation distinct request terms at which BM25 gets its full weight; shorter requests shift weight
 * to the dense model, which handles paraphrase better while BM25 evidence grows with length (0: always full)
 * @param mentionWeight added to the fused score of a ticket whose key the request mentions ("same as HELP-12")
 * @param recencyWeight weight of the recency prior added to the fused score (0: off)
 * @param recencyHalfLife age difference at which the recency prior halves
 * @param coverageWeight weight of the request's coverage (the IDF-weighted share of its distinct terms a ticket
 * contains, 0 to 1): unlike min-max-scaled BM25 it is comparable between tickets of different lengths
 * @param duplicatePenalty subtracted from the fused score of a ticket that had already been closed as a duplicate
 * when the request was filed: the problem is tracked, and answered, on its master, which should come first
 * @param openWeight added to the fused score of a ticket that was still open when the request was filed: repeat
 * reports of a problem arrive while it is open, so an open ticket that resembles a request is likely the same problem
 * (it never answers: it shows the agent where the problem is being worked on)
 * @param requestTokens word pieces of a request the dense model reads (tickets are read up to the model's own limit):
 * a request's embedding is paid while the requester waits, and its cost grows with its length
 */
public record RetrievalSettings(Map<String, Float> fieldBoosts, int maxQueryTerms, float summaryWeight, int candidates,
		Fusion fusion, double denseWeight, double titleWeight, int lexicalSaturation, double mentionWeight,
		double recencyWeight, Duration recencyHalfLife, double coverageWeight, double duplicatePenalty,
		double openWeight, int requestTokens) {

	public RetrievalSettings {
		if (fieldBoosts.isEmpty()) {
			throw new IllegalArgumentException("at least one field must be searched");
		}
		fieldBoosts.forEach((field, boost) -> {
			if (!(boost > 0)) {
				throw new IllegalArgumentException("boost of " + field + " must be positive, was " + boost);
			}
		});
		fieldBoosts = Map.copyOf(fieldBoosts);
		if (maxQueryTerms < 1) {
			throw new IllegalArgumentException("maxQueryTerms must be positive, was " + maxQueryTerms);
		}
		if (!(summaryWeight >= 1 && summaryWeight <= 10)) {
			throw new IllegalArgumentException("summaryWeight must be within [1, 10], was " + summaryWeight);
		}
		if (candidates < 1 || candidates > 1000) {
			throw new IllegalArgumentException("candidates must be within [1, 1000], was " + candidates);
		}
		if (!(denseWeight >= 0 && denseWeight <= 1)) {
			throw new IllegalArgumentException("denseWeight must be within [0, 1], was " + denseWeight);
		}
		if (!(titleWeight >= 0 && denseWeight + titleWeight <= 1)) {
			throw new IllegalArgumentException("titleWeight must be within [0, 1 - denseWeight], was " + titleWeight);
		}
		if (lexicalSaturation < 0 || lexicalSaturation > 1000) {
			throw new IllegalArgumentException("lexicalSaturation must be within [0, 1000], was " + lexicalSaturation);
		}
		if (!(mentionWeight >= 0 && mentionWeight <= 1)) {
			throw new IllegalArgumentException("mentionWeight must be within [0, 1], was " + mentionWeight);
		}
		if (!(recencyWeight >= 0 && recencyWeight <= 1)) {
			throw new IllegalArgumentException("recencyWeight must be within [0, 1], was " + recencyWeight);
		}
		if (recencyHalfLife.isNegative() || recencyHalfLife.isZero()) {
			throw new IllegalArgumentException("recencyHalfLife must be positive, was " + recencyHalfLife);
		}
		if (!(coverageWeight >= 0 && coverageWeight <= 1)) {
			throw new IllegalArgumentException("coverageWeight must be within [0, 1], was " + coverageWeight);
		}
		if (!(duplicatePenalty >= 0 && duplicatePenalty <= 1)) {
			throw new IllegalArgumentException("duplicatePenalty must be within [0, 1], was " + duplicatePenalty);
		}
		if (!(openWeight >= 0 && openWeight <= 1)) {
			throw new IllegalArgumentException("openWeight must be within [0, 1], was " + openWeight);
		}
		if (requestTokens < 8 || requestTokens > 512) {
			throw new IllegalArgumentException("requestTokens must be within [8, 512], was " + requestTokens);
		}
	}

	/** The product defaults. */
	public static RetrievalSettings defaults() {
		return new RetrievalSettings(LexicalQueryBuilder.defaultBoosts(), 64, 1.0f, 50, Fusion.MIN_MAX, 0.5, 0.2, 30, 0.3,
				0.15, Duration.ofDays(60), 0.15, 0.2, 0.1, 128);
	}

	/** A copy whose requests the dense model reads up to {@code tokens} word pieces. */
	public RetrievalSettings withRequestTokens(int tokens) {
		return new RetrievalSettings(this.fieldBoosts, this.maxQueryTerms, this.summaryWeight, this.candidates, this.fusion,
				this.denseWeight, this.titleWeight, this.lexicalSaturation, this.mentionWeight, this.recencyWeight,
				this.recencyHalfLife, this.coverageWeight, this.duplicatePenalty, this.openWeight, tokens);
	}

	/** A copy with another weight of tickets still open when the request was filed. */
	public RetrievalSettings withOpenWeight(double weight) {
		return new RetrievalSettings(this.fieldBoosts, this.maxQueryTerms, this.summaryWeight, this.candidates, this.fusion,
				this.denseWeight, this.titleWeight, this.lexicalSaturation, this.mentionWeight, this.recencyWeight,
				this.recencyHalfLife, this.coverageWeight, this.duplicatePenalty, weight, this.requestTokens);
	}

	/** A copy with another weight of the request's coverage. */
	public RetrievalSettings withCoverageWeight(double weight) {
		return new RetrievalSettings(this.fieldBoosts, this.maxQueryTerms, this.summaryWeight, this.candidates, this.fusion,
				this.denseWeight, this.titleWeight, this.lexicalSaturation, this.mentionWeight, this.recencyWeight,
				this.recencyHalfLife, weight, this.duplicatePenalty, this.openWeight, this.requestTokens);
	}

}

package io.deskpilot.bot;

import java.nio.file.Path;

import io.deskpilot.bot.decide.CalibratedConfidence;
import io.deskpilot.bot.decide.PolicySettings;
import io.deskpilot.bot.search.RetrievalSettings;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one knowledge base, validated on construction.
 *
 * @param indexDir where the index lives; null keeps it in memory
 * @param k1 BM25 term-frequency saturation
 * @param b BM25 length normalisation
 * @param retrieval how candidates are found and fused
 * @param topK how many matches a decision considers
 * @param policy decision thresholds
 * @param confidence the confidence model used when an embedder is configured
 */
public record KnowledgeBaseConfig(@Nullable Path indexDir, float k1, float b, RetrievalSettings retrieval, int topK,
		PolicySettings policy, CalibratedConfidence confidence) {

	public KnowledgeBaseConfig {
		if (!(k1 >= 0 && k1 <= 10)) {
			throw new IllegalArgumentException("k1 must be within [0, 10], was " + k1);
		}
		if (!(b >= 0 && b <= 1)) {
			throw new IllegalArgumentException("b must be within [0, 1], was " + b);
		}
		if (topK < 1 || topK > 1000) {
			throw new IllegalArgumentException("topK must be within [1, 1000], was " + topK);
		}
	}

	/** The product defaults, with the index in the given directory (null: in memory). */
	public static KnowledgeBaseConfig defaults(@Nullable Path indexDir) {
		return new KnowledgeBaseConfig(indexDir, 1.2f, 0.75f, RetrievalSettings.defaults(), 10, PolicySettings.defaults(),
				CalibratedConfidence.defaults());
	}

	/** A copy with other decision thresholds. */
	public KnowledgeBaseConfig withPolicy(PolicySettings policy) {
		return new KnowledgeBaseConfig(this.indexDir, this.k1, this.b, this.retrieval, this.topK, policy, this.confidence);
	}

	/** A copy with other retrieval settings. */
	public KnowledgeBaseConfig withRetrieval(RetrievalSettings retrieval) {
		return new KnowledgeBaseConfig(this.indexDir, this.k1, this.b, retrieval, this.topK, this.policy, this.confidence);
	}

	/** A copy with another confidence model. */
	public KnowledgeBaseConfig withConfidence(CalibratedConfidence confidence) {
		return new KnowledgeBaseConfig(this.indexDir, this.k1, this.b, this.retrieval, this.topK, this.policy, confidence);
	}

	/** A copy with other BM25 parameters. */
	public KnowledgeBaseConfig withBm25(float k1, float b) {
		return new KnowledgeBaseConfig(this.indexDir, k1, b, this.retrieval, this.topK, this.policy, this.confidence);
	}

}

package io.deskpilot.bot;

import java.nio.file.Path;
import java.util.Map;

import io.deskpilot.bot.decide.PolicySettings;
import io.deskpilot.bot.search.LexicalQueryBuilder;

import org.jspecify.annotations.Nullable;

/**
 * Settings of one knowledge base, validated on construction.
 *
 * @param indexDir where the index lives; null keeps it in memory
 * @param k1 BM25 term-frequency saturation
 * @param b BM25 length normalisation
 * @param fieldBoosts fields searched and their weights
 * @param maxQueryTerms most distinct terms per field taken from a request
 * @param topK how many matches a search returns
 * @param policy decision thresholds
 */
public record KnowledgeBaseConfig(@Nullable Path indexDir, float k1, float b, Map<String, Float> fieldBoosts,
		int maxQueryTerms, int topK, PolicySettings policy) {

	public KnowledgeBaseConfig {
		if (!(k1 >= 0 && k1 <= 10)) {
			throw new IllegalArgumentException("k1 must be within [0, 10], was " + k1);
		}
		if (!(b >= 0 && b <= 1)) {
			throw new IllegalArgumentException("b must be within [0, 1], was " + b);
		}
		if (fieldBoosts.isEmpty()) {
			throw new IllegalArgumentException("at least one field must be searched");
		}
		fieldBoosts.forEach((field, boost) -> {
			if (!(boost > 0)) {
				throw new IllegalArgumentException("boost of " + field + " must be positive, was " + boost);
			}
		});
		if (maxQueryTerms < 1) {
			throw new IllegalArgumentException("maxQueryTerms must be positive, was " + maxQueryTerms);
		}
		if (topK < 1 || topK > 1000) {
			throw new IllegalArgumentException("topK must be within [1, 1000], was " + topK);
		}
		fieldBoosts = Map.copyOf(fieldBoosts);
	}

	/** The product defaults, with the index in the given directory (null: in memory). */
	public static KnowledgeBaseConfig defaults(@Nullable Path indexDir) {
		return new KnowledgeBaseConfig(indexDir, 1.2f, 0.75f, LexicalQueryBuilder.defaultBoosts(), 128, 10,
				PolicySettings.defaults());
	}

	/** A copy with other decision thresholds. */
	public KnowledgeBaseConfig withPolicy(PolicySettings policy) {
		return new KnowledgeBaseConfig(this.indexDir, this.k1, this.b, this.fieldBoosts, this.maxQueryTerms, this.topK,
				policy);
	}

}

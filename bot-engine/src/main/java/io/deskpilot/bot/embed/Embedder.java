package io.deskpilot.bot.embed;

import java.util.List;

/** Turns text into unit-length vectors whose dot product measures similarity. Thread-safe. */
public interface Embedder extends AutoCloseable {

	/** A stable id of the model and its input limit, stored with indexes so vectors of different models never mix. */
	String id();

	/** Vector length. */
	int dimensions();

	/** Embeds several texts at once (faster than one by one). */
	List<float[]> embed(List<String> texts);

	/**
	 * Embeds texts read only up to {@code maxTokens} word pieces each (or the model's own limit, if lower). Models
	 * that do not read word pieces embed the whole text.
	 */
	default List<float[]> embed(List<String> texts, int maxTokens) {
		return embed(texts);
	}

	/** The most word pieces of a text the model reads ({@link Integer#MAX_VALUE}: it reads whole texts). */
	default int maxTokens() {
		return Integer.MAX_VALUE;
	}

	/** Embeds one text. */
	default float[] embed(String text) {
		return embed(List.of(text)).get(0);
	}

	@Override
	default void close() {
	}

}

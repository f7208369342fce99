package io.deskpilot.bot.embed;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the vectors of the last texts embedded, in memory: a request is embedded to decide on it, and moments later
 * the same texts again when the request is kept in the knowledge base as an open ticket. Keyed by the SHA-256 of the
 * text and the word pieces read; the least recently used vector goes first. Thread-safe.
 */
public final class RecentEmbeddings extends KeyedVectors {

	private final Map<String, float[]> recent;

	/** Wraps a model, keeping up to {@code capacity} vectors. */
	public RecentEmbeddings(Embedder delegate, int capacity) {
		super(delegate);
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive, was " + capacity);
		}
		this.recent = new LinkedHashMap<>(2 * capacity, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
				return size() > capacity;
			}

		};
	}

	/** The same text read up to the same length is the same input, however the limit was asked for. */
	@Override
	String key(String text, int maxTokens) {
		return sha256(Math.min(maxTokens, maxTokens()) + "\u0000" + text);
	}

	@Override
	float @Nullable [] lookUp(String key) {
		synchronized (this.recent) {
			return this.recent.get(key);
		}
	}

	@Override
	void keep(String key, float[] vector) {
		synchronized (this.recent) {
			this.recent.put(key, vector);
		}
	}

	/** Vectors held. */
	public int size() {
		synchronized (this.recent) {
			return this.recent.size();
		}
	}

	/** Leaves the model open: it is not this wrapper's (one model serves every knowledge base). */
	@Override
	public void close() {
	}

}

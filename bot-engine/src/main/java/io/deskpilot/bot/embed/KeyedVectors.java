package io.deskpilot.bot.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A model in front of which vectors are looked up by a key of their text: only the texts not found are embedded (in
 * one call), then kept. Subclasses say how a text and its length limit make a key, and where vectors are kept.
 */
abstract class KeyedVectors implements Embedder {

	private final Embedder delegate;

	KeyedVectors(Embedder delegate) {
		this.delegate = delegate;
	}

	/** The key of a text read up to {@code maxTokens} word pieces ({@link Integer#MAX_VALUE}: the model's limit). */
	abstract String key(String text, int maxTokens);

	/** The kept vector of a key, if any. */
	abstract float @Nullable [] lookUp(String key);

	/** Keeps a fresh vector. */
	abstract void keep(String key, float[] vector);

	/** The model behind. */
	final Embedder delegate() {
		return this.delegate;
	}

	@Override
	public final String id() {
		return this.delegate.id();
	}

	@Override
	public final int dimensions() {
		return this.delegate.dimensions();
	}

	@Override
	public final int maxTokens() {
		return this.delegate.maxTokens();
	}

	@Override
	public final List<float[]> embed(List<String> texts) {
		return embed(texts, Integer.MAX_VALUE);
	}

	@Override
	public final List<float[]> embed(List<String> texts, int maxTokens) {
		List<String> keys = new ArrayList<>(texts.size());
		List<float[]> out = new ArrayList<>(texts.size());
		List<Integer> missing = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			String key = key(texts.get(i), maxTokens);
			keys.add(key);
			float[] v = lookUp(key);
			out.add(v);
			if (v == null) {
				missing.add(i);
			}
		}
		if (!missing.isEmpty()) {
			List<float[]> fresh = this.delegate.embed(missing.stream().map(texts::get).toList(), maxTokens);
			for (int j = 0; j < missing.size(); j++) {
				int i = missing.get(j);
				out.set(i, fresh.get(j));
				keep(keys.get(i), fresh.get(j));
			}
		}
		return out;
	}

	/** The SHA-256 of a text, in hex. */
	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

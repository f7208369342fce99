package io.deskpilot.bot.embed;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers embeddings by the SHA-256 of their text, in memory and in an append-only file per model id, so repeated
 * evaluations and rebuilds embed each text once. A damaged tail (an interrupted write) is ignored on load.
 */
public final class CachingEmbedder implements Embedder {

	private final Embedder delegate;

	private final Map<String, float[]> cache = new ConcurrentHashMap<>();

	private final DataOutputStream out;

	/** Wraps a model; the cache file lives in {@code dir}. */
	public CachingEmbedder(Embedder delegate, Path dir) {
		this.delegate = delegate;
		Path file = dir.resolve(delegate.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".vectors");
		try {
			Files.createDirectories(dir);
			load(file);
			this.out = new DataOutputStream(new BufferedOutputStream(
					Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the embedding cache " + file, ex);
		}
	}

	private void load(Path file) throws IOException {
		if (!Files.exists(file)) {
			return;
		}
		int dims = this.delegate.dimensions();
		try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
			byte[] key = new byte[32];
			while (true) {
				try {
					in.readFully(key);
					float[] v = new float[dims];
					for (int i = 0; i < dims; i++) {
						v[i] = in.readFloat();
					}
					this.cache.put(HexFormat.of().formatHex(key), v);
				}
				catch (EOFException ex) {
					return;
				}
			}
		}
	}

	@Override
	public String id() {
		return this.delegate.id();
	}

	@Override
	public int dimensions() {
		return this.delegate.dimensions();
	}

	/** Vectors held. */
	public int size() {
		return this.cache.size();
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		return embed(texts, Integer.MAX_VALUE);
	}

	@Override
	public List<float[]> embed(List<String> texts, int maxTokens) {
		List<float[]> out = new ArrayList<>(texts.size());
		List<Integer> missing = new ArrayList<>();
		List<String> keys = new ArrayList<>(texts.size());
		for (int i = 0; i < texts.size(); i++) {
			// a text read only partly is another input: its limit is part of the key
			String key = key(maxTokens == Integer.MAX_VALUE ? texts.get(i) : maxTokens + "\u0000" + texts.get(i));
			keys.add(key);
			float[] v = this.cache.get(key);
			out.add(v);
			if (v == null) {
				missing.add(i);
			}
		}
		if (!missing.isEmpty()) {
			List<String> todo = missing.stream().map(texts::get).toList();
			List<float[]> fresh = this.delegate.embed(todo, maxTokens);
			for (int j = 0; j < missing.size(); j++) {
				int i = missing.get(j);
				out.set(i, fresh.get(j));
				if (this.cache.putIfAbsent(keys.get(i), fresh.get(j)) == null) {
					append(keys.get(i), fresh.get(j));
				}
			}
		}
		return out;
	}

	private synchronized void append(String key, float[] v) {
		try {
			this.out.write(HexFormat.of().parseHex(key));
			for (float f : v) {
				this.out.writeFloat(f);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String key(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.delegate.close();
	}

}

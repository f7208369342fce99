package io.deskpilot.bot.embed;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Remembers embeddings by the SHA-256 of their text, in memory and in an append-only file per model id, so repeated
 * evaluations and rebuilds embed each text once. A damaged tail (an interrupted write) is ignored on load.
 */
public final class CachingEmbedder extends KeyedVectors {

	private final Map<String, float[]> cache = new ConcurrentHashMap<>();

	private final DataOutputStream out;

	/** Wraps a model; the cache file lives in {@code dir}. */
	public CachingEmbedder(Embedder delegate, Path dir) {
		super(delegate);
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
		int dims = delegate().dimensions();
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

	/** Vectors held. */
	public int size() {
		return this.cache.size();
	}

	/** A text read only partly is another input: its limit is part of the key. */
	@Override
	String key(String text, int maxTokens) {
		return sha256(maxTokens == Integer.MAX_VALUE ? text : maxTokens + "\u0000" + text);
	}

	@Override
	float @Nullable [] lookUp(String key) {
		return this.cache.get(key);
	}

	@Override
	void keep(String key, float[] vector) {
		if (this.cache.putIfAbsent(key, vector) == null) {
			append(key, vector);
		}
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

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		delegate().close();
	}

}

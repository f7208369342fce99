package io.deskpilot.bot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import io.deskpilot.bot.embed.Embedder;

/**
 * A cheap stand-in for the dense model in benchmarks: each word has a fixed random unit vector, a text's vector is
 * the normalised sum of its words'. Texts that share words get nearby vectors, so the HNSW graph sees realistic
 * neighbourhoods, at a tiny fraction of the real model's cost. Never used outside benchmarks.
 */
public final class HashingEmbedder implements Embedder {

	private final int dimensions;

	private final Map<String, float[]> words = new ConcurrentHashMap<>();

	public HashingEmbedder(int dimensions) {
		this.dimensions = dimensions;
	}

	@Override
	public String id() {
		return "hashing-" + this.dimensions;
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		List<float[]> out = new ArrayList<>(texts.size());
		for (String text : texts) {
			float[] v = new float[this.dimensions];
			int count = 0;
			for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
				if (w.isEmpty() || count++ > 128) {
					continue;
				}
				float[] wv = this.words.computeIfAbsent(w, this::wordVector);
				for (int i = 0; i < v.length; i++) {
					v[i] += wv[i];
				}
			}
			double norm = 0;
			for (float x : v) {
				norm += x * x;
			}
			norm = Math.sqrt(norm);
			if (norm == 0) {
				v[0] = 1;
				norm = 1;
			}
			for (int i = 0; i < v.length; i++) {
				v[i] /= norm;
			}
			out.add(v);
		}
		return out;
	}

	private float[] wordVector(String word) {
		Random r = new Random(word.hashCode() * 0x9E3779B97F4A7C15L);
		float[] v = new float[this.dimensions];
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) r.nextGaussian();
		}
		return v;
	}

}

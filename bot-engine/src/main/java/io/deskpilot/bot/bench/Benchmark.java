package io.deskpilot.bot.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.embed.Embedder;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.bot.search.Retriever;
import io.deskpilot.bot.text.TextCleaner;
import org.jspecify.annotations.Nullable;

/**
 * Measures one index size: indexing throughput, decision latency (search + policy, the production path) and heap
 * after GC. In hybrid mode the index holds {@link HashingEmbedder} vectors, and the real model's time to embed each
 * request is measured separately and added to that request's latency.
 */
public final class Benchmark {

	private static final int BATCH = 1000;

	/** Tickets per embedding call when measuring the model's indexing cost. */
	private static final int EMBED_BATCH = 50;

	private final SyntheticTickets tickets = new SyntheticTickets(20_000, 2_000, 42);

	private final PrintStream progress;

	private final int requestTokens;

	/** A benchmark whose requests the dense model reads up to {@code requestTokens} word pieces. */
	public Benchmark(PrintStream progress, int requestTokens) {
		this.progress = progress;
		this.requestTokens = requestTokens;
	}

	private KnowledgeBaseConfig config(Path indexDir) {
		KnowledgeBaseConfig config = KnowledgeBaseConfig.defaults(indexDir);
		return config.withRetrieval(config.retrieval().withRequestTokens(this.requestTokens));
	}

	/**
	 * Runs one configuration.
	 * @param size tickets to index
	 * @param queries requests to time (after 200 warm-up requests)
	 * @param dir where the index is written (deleted afterwards)
	 * @param model the real dense model for hybrid mode, or null for BM25 only
	 */
	public Map<String, Object> run(int size, int queries, Path dir, @Nullable Embedder model) {
		boolean hybrid = model != null;
		Path indexDir = dir.resolve((hybrid ? "hybrid-" : "bm25-") + size);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("mode", hybrid ? "hybrid" : "bm25");
		result.put("tickets", size);
		HashingEmbedder vectors = new HashingEmbedder(384);
		try {
			try (KnowledgeBase kb = KnowledgeBase.open(config(indexDir), hybrid ? vectors : null)) {
				long indexNanos = 0;
				for (int from = 0; from < size; from += BATCH) {
					List<HistoryTicket> batch = this.tickets.tickets(from, Math.min(size, from + BATCH));
					long t0 = System.nanoTime();
					kb.ingest(batch);
					indexNanos += System.nanoTime() - t0;
					if ((from / BATCH) % 50 == 0) {
						this.progress.printf("%s %d: indexed %d%n", result.get("mode"), size, from + batch.size());
					}
				}
				long t0 = System.nanoTime();
				kb.commit(Map.of());
				kb.refresh();
				indexNanos += System.nanoTime() - t0;
				result.put("index_tickets_per_s", Math.round(size / (indexNanos / 1e9)));
				result.put("heap_after_index_mb", heapAfterGcMb());
			}
			// queries pay the real model's cost where production pays it, inside the search
			ModelCost cost = model != null ? new ModelCost(vectors, model) : null;
			try (KnowledgeBase kb = KnowledgeBase.open(config(indexDir), cost)) {
				for (int i = 0; i < 200; i++) {
					kb.decide(this.tickets.request(i));
				}
				double[] latency = new double[queries];
				double[] embedding = new double[queries];
				for (int i = 0; i < queries; i++) {
					RequestText request = this.tickets.request(1_000 + i);
					long t0 = System.nanoTime();
					if (cost != null) {
						cost.reset();
					}
					kb.decide(request);
					latency[i] = (System.nanoTime() - t0) / 1e6;
					embedding[i] = cost == null ? 0 : cost.millis();
				}
				Arrays.sort(latency);
				Arrays.sort(embedding);
				result.put("query_p50_ms", round(percentile(latency, 0.50)));
				result.put("query_p99_ms", round(percentile(latency, 0.99)));
				if (hybrid) {
					result.put("query_embedding_p50_ms", round(percentile(embedding, 0.50)));
					result.put("query_embedding_p99_ms", round(percentile(embedding, 0.99)));
				}
				result.put("heap_after_queries_mb", heapAfterGcMb());
				result.put("index_mb", round(sizeMb(indexDir)));
			}
		}
		finally {
			delete(indexDir);
		}
		return result;
	}

	/**
	 * The real model's indexing cost: tickets per second, both vectors (problem text and summary) per ticket, embedded
	 * as ingestion does (one call per batch of tickets, its texts side by side on the model's threads).
	 */
	public double embeddingTicketsPerSecond(Embedder model, int sample) {
		List<HistoryTicket> batch = this.tickets.tickets(0, sample);
		List<String> texts = new ArrayList<>(2 * sample);
		for (HistoryTicket t : batch) {
			String summary = TextCleaner.clean(t.summary());
			texts.add(Retriever.embedText(summary, TextCleaner.forSearch(t.description())));
			texts.add(summary);
		}
		model.embed(texts.subList(0, Math.min(texts.size(), 40)));
		long t0 = System.nanoTime();
		for (int from = 0; from < texts.size(); from += 2 * EMBED_BATCH) {
			model.embed(texts.subList(from, Math.min(texts.size(), from + 2 * EMBED_BATCH)));
		}
		return sample / ((System.nanoTime() - t0) / 1e9);
	}

	/** Runs the real model on every text (its cost) and returns the benchmark's vectors (meaningful search). */
	private static final class ModelCost implements Embedder {

		private final Embedder vectors;

		private final Embedder model;

		private long nanos;

		ModelCost(Embedder vectors, Embedder model) {
			this.vectors = vectors;
			this.model = model;
		}

		void reset() {
			this.nanos = 0;
		}

		double millis() {
			return this.nanos / 1e6;
		}

		@Override
		public String id() {
			return this.vectors.id();
		}

		@Override
		public int dimensions() {
			return this.vectors.dimensions();
		}

		@Override
		public List<float[]> embed(List<String> texts) {
			return embed(texts, Integer.MAX_VALUE);
		}

		@Override
		public List<float[]> embed(List<String> texts, int maxTokens) {
			long t0 = System.nanoTime();
			this.model.embed(texts, maxTokens);
			this.nanos += System.nanoTime() - t0;
			return this.vectors.embed(texts);
		}

	}

	static long heapAfterGcMb() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
	}

	static double percentile(double[] sorted, double p) {
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double round(double v) {
		return Math.round(v * 100) / 100.0;
	}

	private static double sizeMb(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / (1024.0 * 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

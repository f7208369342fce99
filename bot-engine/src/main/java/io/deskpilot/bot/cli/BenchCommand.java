package io.deskpilot.bot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.bench.Benchmark;
import io.deskpilot.bot.embed.BgeSmallEmbedder;
import io.deskpilot.bot.embed.Embedder;
import tools.jackson.databind.json.JsonMapper;

/** The {@code bench} command: the harness behind docs/BENCHMARKS.md. */
final class BenchCommand {

	private final PrintStream out;

	private final PrintStream err;

	BenchCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	int run(String[] args) {
		Options options;
		List<Integer> sizes = new ArrayList<>();
		String mode;
		int queries;
		int requestTokens;
		try {
			options = Options.parse(args, Set.of("--tickets", "--mode", "--queries", "--dir", "--embedding-sample", "--model-threads", "--request-tokens"), Set.of(), Set.of());
			for (String s : options.get("--tickets") == null ? new String[] { "10000" } : options.get("--tickets").split(",")) {
				try {
					sizes.add(Integer.parseInt(s.strip()));
				}
				catch (NumberFormatException ex) {
					throw new Options.UsageException("--tickets takes sizes separated by commas, not '" + s + "'.");
				}
			}
			mode = options.get("--mode") == null ? "both" : options.get("--mode");
			if (!Set.of("bm25", "hybrid", "both").contains(mode)) {
				throw new Options.UsageException("--mode must be bm25, hybrid or both.");
			}
			queries = options.integer("--queries", 2000);
			requestTokens = options.integer("--request-tokens", KnowledgeBaseConfig.defaults(null).retrieval().requestTokens(),
					8, 512);
		}
		catch (Options.UsageException ex) {
			this.err.println(ex.getMessage());
			this.err.println(Main.usage());
			return 2;
		}
		try {
			Path dir = options.get("--dir") == null ? Files.createTempDirectory("deskpilot-bench") : Path.of(options.get("--dir"));
			Files.createDirectories(dir);
			Benchmark bench = new Benchmark(this.err, requestTokens);
			Map<String, Object> report = new LinkedHashMap<>();
			report.put("cpus", Runtime.getRuntime().availableProcessors());
			report.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
			report.put("jvm", ManagementFactory.getRuntimeMXBean().getVmVersion());
			List<Map<String, Object>> runs = new ArrayList<>();
			try (Embedder model = mode.equals("bm25") ? null
					: BgeSmallEmbedder.load(BgeSmallEmbedder.DEFAULT_MAX_TOKENS, options.integer("--model-threads", Runtime.getRuntime().availableProcessors()))) {
				if (model != null) {
					double perSecond = bench.embeddingTicketsPerSecond(model, options.integer("--embedding-sample", 300));
					report.put("model_embedding_tickets_per_s", Math.round(perSecond * 10) / 10.0);
				}
				for (int size : sizes) {
					if (!mode.equals("hybrid")) {
						runs.add(print(bench.run(size, queries, dir, null)));
					}
					if (model != null) {
						runs.add(print(bench.run(size, queries, dir, model)));
					}
				}
			}
			report.put("runs", runs);
			this.out.println(JsonMapper.builder().build().writeValueAsString(report));
			return 0;
		}
		catch (IOException ex) {
			this.err.println("Cannot write the benchmark index: " + ex.getMessage());
			return 1;
		}
	}

	private Map<String, Object> print(Map<String, Object> run) {
		this.out.println(run);
		return run;
	}

}

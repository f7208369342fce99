package io.deskpilot.bot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.decide.PolicySettings;
import io.deskpilot.bot.decide.PrecisionGuarantee;
import io.deskpilot.bot.embed.Embedder;
import io.deskpilot.bot.eval.EvalFiles;
import io.deskpilot.bot.eval.EvalQuery;
import io.deskpilot.bot.eval.Evaluation;
import io.deskpilot.bot.kb.HistoryTicket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The {@code eval} command. */
final class EvalCommand {

	static final Set<String> SINGLE = Set.of("--history", "--queries", "--answer-threshold", "--suggest-threshold",
			"--details", "--candidates", "--embedding-cache", "--max-tokens", "--request-tokens",
			"--coverage-weight", "--open-weight", "--calibrate", "--feedback");

	static final Set<String> FLAGS = Set.of("--lexical-only");

	private final PrintStream out;

	private final PrintStream err;

	EvalCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	int run(String[] args) {
		Options options;
		KnowledgeBaseConfig config;
		try {
			options = Options.parse(args, SINGLE, FLAGS, Set.of());
			if (options.get("--history") == null || options.get("--queries") == null) {
				throw new Options.UsageException("Both --history and --queries are required.");
			}
			config = config(options);
		}
		catch (Options.UsageException | IllegalArgumentException ex) {
			return usage(String.valueOf(ex.getMessage()));
		}
		try {
			List<HistoryTicket> history = EvalFiles.history(Path.of(options.get("--history")));
			List<EvalQuery> queries = EvalFiles.queries(Path.of(options.get("--queries")));
			this.err.printf("read %d history tickets and %d queries%n", history.size(), queries.size());
			Map<String, Object> report;
			try (Embedder embedder = options.embedder()) {
				Evaluation evaluation = new Evaluation(config, embedder, this.err);
				if (options.get("--feedback") != null) {
					evaluation = evaluation.withOutcomes(EvalFiles.outcomes(Path.of(options.get("--feedback"))));
				}
				try (PrintWriter details = writer(options.get("--details"));
						PrintWriter candidates = writer(options.get("--candidates"))) {
					report = evaluation.run(history, EvalFiles.answerKinds(Path.of(options.get("--history"))), queries,
							calibration(options), details, candidates);
				}
			}
			this.out.println(JsonMapper.builder().build().writeValueAsString(report));
			return 0;
		}
		catch (Options.UsageException ex) {
			return usage(ex.getMessage());
		}
		catch (NoSuchFileException ex) {
			this.err.println("No such file: " + ex.getFile());
			return 1;
		}
		catch (IOException ex) {
			this.err.println("Cannot read the evaluation files: " + ex.getMessage());
			return 1;
		}
	}

	private static @Nullable PrintWriter writer(@Nullable String file) throws IOException {
		return file == null ? null : new PrintWriter(Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8));
	}

	/** {@code --calibrate P}: each half of the queries answers at the threshold that guarantees precision P on the other. */
	static PrecisionGuarantee.@Nullable Target calibration(Options options) {
		if (options.get("--calibrate") == null) {
			return null;
		}
		PrecisionGuarantee.Target d = PrecisionGuarantee.Target.defaults();
		return new PrecisionGuarantee.Target(options.number("--calibrate", d.target(), 0.5, 0.999), d.confidence(), d.minAnswered());
	}

	static KnowledgeBaseConfig config(Options options) {
		KnowledgeBaseConfig config = KnowledgeBaseConfig.defaults(null);
		if (options.get("--calibrate") != null) {
			// every answerable decision is kept: the calibrated thresholds decide which of them answer
			config = config.withPolicy(new PolicySettings(0, 0));
		}
		PolicySettings policy = config.policy();
		double answer = options.number("--answer-threshold", policy.answerThreshold());
		double suggest = options.number("--suggest-threshold", Math.min(policy.suggestThreshold(), answer));
		int requestTokens = options.integer("--request-tokens", config.retrieval().requestTokens(), 8, 512);
		double coverageWeight = options.number("--coverage-weight", config.retrieval().coverageWeight(), 0, 1);
		double openWeight = options.number("--open-weight", config.retrieval().openWeight(), 0, 1);
		return config.withPolicy(new PolicySettings(answer, suggest))
			.withRetrieval(config.retrieval().withRequestTokens(requestTokens).withCoverageWeight(coverageWeight)
				.withOpenWeight(openWeight));
	}

	private int usage(String problem) {
		this.err.println(problem);
		this.err.println(Main.usage());
		return 2;
	}

}

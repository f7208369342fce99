package io.deskpilot.bot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.decide.CalibratedConfidence;
import io.deskpilot.bot.decide.ConfidenceFeatures;
import io.deskpilot.bot.decide.DecisionPolicy;
import io.deskpilot.bot.decide.LogisticFit;
import io.deskpilot.bot.embed.Embedder;
import io.deskpilot.bot.eval.EvalFiles;
import io.deskpilot.bot.eval.EvalQuery;
import io.deskpilot.bot.eval.Evaluation;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.Match;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * The {@code calibrate} command: fits the confidence model on labelled sets. For every query it records the features
 * of the production result list's first match and whether that match is relevant, fits a logistic model giving each
 * set the same total weight, and reports precision and coverage per threshold, in-sample and with each set held out.
 * The last stdout line is the fitted model as JSON.
 */
final class CalibrateCommand {

	private static final double[] THRESHOLDS = { 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95 };

	private final PrintStream out;

	private final PrintStream err;

	CalibrateCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	int run(String[] args) {
		Options options;
		try {
			options = Options.parse(args, Set.of("--embedding-cache", "--max-tokens", "--l2"), Set.of(), Set.of("--set"));
			if (options.pairs("--set").isEmpty()) {
				throw new Options.UsageException("At least one --set HISTORY QUERIES is required.");
			}
		}
		catch (Options.UsageException ex) {
			return usage(ex.getMessage());
		}
		List<Sample> samples = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<EvalQuery> allQueries = new ArrayList<>();
		try (Embedder embedder = options.embedder()) {
			if (embedder == null) {
				return usage("calibrate needs the dense model.");
			}
			for (List<String> set : options.pairs("--set")) {
				String name = setName(Path.of(set.get(1)));
				names.add(name);
				List<HistoryTicket> history = EvalFiles.history(Path.of(set.get(0)));
				List<EvalQuery> queries = EvalFiles.queries(Path.of(set.get(1)));
				this.err.printf("%s: %d history tickets, %d queries%n", name, history.size(), queries.size());
				new Evaluation(KnowledgeBaseConfig.defaults(null), embedder, this.err).forEachQuery(history, queries,
						(kb, query, ranked, decision, latency) -> {
							List<Match> evidence = DecisionPolicy.judged(decision);
							if (!evidence.isEmpty()) {
								samples.add(new Sample(name, false, ConfidenceFeatures.of(evidence).toArray(),
										query.relevant().contains(evidence.get(0).id()), !decision.answer().isBlank()));
							}
							// the same request when the knowledge base holds no answer to it: every match is wrong
							List<Match> without = DecisionPolicy.judged(kb.decide(query.request(), query.relevant()));
							if (!without.isEmpty()) {
								samples.add(new Sample(name, true, ConfidenceFeatures.of(without).toArray(), false, false));
							}
						});
			}
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
		double l2 = options.number("--l2", 1.0);
		CalibratedConfidence model = fit(samples, null, l2);
		for (String name : names) {
			report(name + " in-sample", model, samples, name);
			if (names.size() > 1) {
				report(name + " held out", fit(samples, name, l2), samples, name);
			}
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("features", ConfidenceFeatures.NAMES);
		json.put("intercept", model.intercept());
		json.put("weights", model.weights());
		this.out.println(JsonMapper.builder().build().writeValueAsString(json));
		return 0;
	}

	/**
	 * Fits on every sample except those of {@code heldOut}. Each set gets the same total weight, split evenly between
	 * requests the knowledge base can answer and the same requests with their answers left out.
	 */
	private static CalibratedConfidence fit(List<Sample> samples, @Nullable String heldOut, double l2) {
		Map<String, Integer> perSet = new LinkedHashMap<>();
		samples.stream().filter(s -> !s.set.equals(heldOut)).forEach(s -> perSet.merge(s.set + s.unanswerable, 1, Integer::sum));
		List<double[]> x = new ArrayList<>();
		List<Boolean> y = new ArrayList<>();
		List<Double> w = new ArrayList<>();
		for (Sample s : samples) {
			if (!s.set.equals(heldOut)) {
				x.add(s.features);
				y.add(s.relevant);
				w.add(1000.0 / java.util.Objects.requireNonNull(perSet.get(s.set + s.unanswerable)));
			}
		}
		return LogisticFit.fit(x, y, w, l2);
	}

	/** Precision and coverage per threshold on the set's answerable requests, and how often an unanswerable one is answered. */
	private void report(String label, CalibratedConfidence model, List<Sample> samples, String set) {
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-32s", label));
		List<Sample> mine = samples.stream().filter(s -> s.set.equals(set) && !s.unanswerable).toList();
		List<Sample> none = samples.stream().filter(s -> s.set.equals(set) && s.unanswerable).toList();
		for (double t : THRESHOLDS) {
			int answered = 0;
			int correct = 0;
			for (Sample s : mine) {
				if (s.answerable && model.probability(s.features) >= t) {
					answered++;
					if (s.relevant) {
						correct++;
					}
				}
			}
			long falseAlarms = none.stream().filter(s -> model.probability(s.features) >= t).count();
			line.append(String.format(Locale.ROOT, " | t=%.2f cov %.3f prec %s none>t %.3f", t, answered / (double) Math.max(1, mine.size()),
					answered == 0 ? "  -  " : String.format(Locale.ROOT, "%.3f", correct / (double) answered),
					falseAlarms / (double) Math.max(1, none.size())));
		}
		this.out.println(line);
	}

	/** A data set is named after the directory its queries file is in. */
	private static String setName(Path queries) {
		Path dir = queries.toAbsolutePath().getParent();
		return String.valueOf(dir == null ? queries.getFileName() : dir.getFileName());
	}

	private int usage(String problem) {
		this.err.println(problem);
		this.err.println(Main.usage());
		return 2;
	}

	private record Sample(String set, boolean unanswerable, double[] features, boolean relevant, boolean answerable) {
	}

}

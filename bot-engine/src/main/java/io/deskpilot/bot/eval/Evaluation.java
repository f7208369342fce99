package io.deskpilot.bot.eval;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.decide.PrecisionGuarantee;
import io.deskpilot.bot.embed.Embedder;
import io.deskpilot.bot.kb.AnswerOutcomes;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.Match;
import org.jspecify.annotations.Nullable;

/**
 * Runs the evaluation protocol: index the whole history, then for each query search only among tickets created before
 * it (never the query itself), rank the top 100 for the retrieval metrics, and let the decision policy decide as it
 * would in production, timing that decision.
 */
public final class Evaluation {

	static final int RANKED = 100;

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

	private static final int CHUNK = 1000;

	private final KnowledgeBaseConfig config;

	private final @Nullable Embedder embedder;

	private final PrintStream progress;

	private final AnswerOutcomes outcomes;

	public Evaluation(KnowledgeBaseConfig config, @Nullable Embedder embedder, PrintStream progress) {
		this(config, embedder, progress, AnswerOutcomes.NONE);
	}

	private Evaluation(KnowledgeBaseConfig config, @Nullable Embedder embedder, PrintStream progress, AnswerOutcomes outcomes) {
		this.config = config;
		this.embedder = embedder;
		this.progress = progress;
		this.outcomes = outcomes;
	}

	/** An evaluation whose decisions learn from these outcomes (only those before each query's time). */
	public Evaluation withOutcomes(AnswerOutcomes outcomes) {
		return new Evaluation(this.config, this.embedder, this.progress, outcomes);
	}

	/**
	 * Runs the protocol and returns the JSON fields of the report; per-query rows go to {@code details} and one JSON
	 * line per query with every signal of its top 100 to {@code candidates} (for studying fusion and priors offline),
	 * each if given.
	 */
	public Map<String, Object> run(List<HistoryTicket> history, List<EvalQuery> queries, @Nullable PrintWriter details,
			@Nullable PrintWriter candidates) {
		return run(history, Map.of(), queries, details, candidates);
	}

	/** As above, with the history's labelled answer kinds ({@link EvalFiles#answerKinds}). */
	public Map<String, Object> run(List<HistoryTicket> history, Map<String, String> answerKinds, List<EvalQuery> queries,
			@Nullable PrintWriter details, @Nullable PrintWriter candidates) {
		return run(history, answerKinds, queries, null, details, candidates);
	}

	/**
	 * As above; with a {@code calibrate} target each query is answered at a threshold chosen, as a desk's own is, from
	 * replayed history ({@link PrecisionGuarantee}): the queries are split in two halves by id, each half's threshold is
	 * chosen on the other half, and the report says both. The configured answer threshold is then not used.
	 */
	public Map<String, Object> run(List<HistoryTicket> history, Map<String, String> answerKinds, List<EvalQuery> queries,
			PrecisionGuarantee.@Nullable Target calibrate, @Nullable PrintWriter details, @Nullable PrintWriter candidates) {
		Metrics metrics = new Metrics();
		if (details != null) {
			details.println("query\tfirst_relevant_rank\tdecision\tconfidence\tchosen\tchosen_relevant\tlatency_ms");
		}
		List<Row> rows = new java.util.ArrayList<>(queries.size());
		double indexSeconds = forEachQuery(history, queries, (kb, query, ranked, decision, latencyMs) -> {
			rows.add(new Row(query, ranked.stream().map(Match::id).toList(), decision, latencyMs));
			if (candidates != null) {
				candidates.println(JSON.writeValueAsString(candidateRow(query, ranked, decision)));
			}
		});
		double[] thresholds = calibrate == null ? null : crossFit(rows, calibrate);
		for (Row row : rows) {
			EvalQuery query = row.query();
			Decision decision = row.decision();
			Match chosen = decision.chosen();
			boolean answers = decision.action() == Action.ANSWER && chosen != null
					&& (thresholds == null || decision.confidence() >= thresholds[fold(query)]);
			String answeredWith = answers && chosen != null ? chosen.id() : null;
			metrics.add(row.ranked(), query.relevant(), answeredWith, row.latencyMs());
			metrics.addPosting(query.relevant(), answeredWith, answeredWith == null ? "" : decision.answer(), answerKinds,
					query.mustNotPost());
			if (details != null) {
				details.printf("%s\t%d\t%s\t%.4f\t%s\t%s\t%.2f%n", query.request().id(), Metrics.firstRelevant(row.ranked(), query.relevant()),
						answers ? Action.ANSWER : decision.action() == Action.ANSWER ? Action.SUGGEST : decision.action(),
						decision.confidence(), chosen == null ? "" : chosen.id(),
						chosen != null && query.relevant().contains(chosen.id()), row.latencyMs());
			}
		}
		Map<String, Object> report = new LinkedHashMap<>(metrics.summary());
		report.put("index_seconds", Math.round(indexSeconds * 1000) / 1000.0);
		report.put("history", history.size());
		report.put("dense", this.embedder == null ? "off" : this.embedder.id());
		// cached vectors make repeated runs skip the model: their latencies then leave its cost out
		report.put("embedding_cache", this.embedder instanceof io.deskpilot.bot.embed.CachingEmbedder);
		if (thresholds == null || calibrate == null) {
			report.put("answer_threshold", this.config.policy().answerThreshold());
		}
		else {
			report.put("calibrated_thresholds", java.util.Arrays.stream(thresholds).mapToObj(t -> Double.isNaN(t) ? null : t).toList());
			report.put("calibration_target", calibrate.target());
		}
		return report;
	}

	/** One query's outcome, kept until the thresholds are known. */
	private record Row(EvalQuery query, List<String> ranked, Decision decision, double latencyMs) {
	}

	/** The half a query falls in (by its id, so a rerun splits the same way). */
	private static int fold(EvalQuery query) {
		String id = query.request().id();
		return Math.floorMod(id == null ? 0 : id.hashCode() * 0x9E3779B9, 2);
	}

	/** Each half's threshold, chosen on the other half's replays; NaN where none can be guaranteed. */
	private static double[] crossFit(List<Row> rows, PrecisionGuarantee.Target target) {
		double[] out = new double[2];
		for (int fold = 0; fold < 2; fold++) {
			List<PrecisionGuarantee.Case> cases = new java.util.ArrayList<>();
			for (Row row : rows) {
				if (fold(row.query()) != fold) {
					Decision d = row.decision();
					cases.add(new PrecisionGuarantee.Case(d.confidence(), d.action() == Action.ANSWER && d.chosen() != null,
							d.chosen() != null && row.query().relevant().contains(d.chosen().id())));
				}
			}
			out[fold] = PrecisionGuarantee.choose(cases, target).threshold();
		}
		return out;
	}

	private static Map<String, Object> candidateRow(EvalQuery query, List<Match> ranked, Decision decision) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("query", query.request().id());
		row.put("created", query.request().created() == null ? null : query.request().created().toString());
		row.put("relevant", query.relevant());
		row.put("confidence", decision.confidence());
		List<Map<String, Object>> list = new java.util.ArrayList<>(ranked.size());
		for (Match m : ranked) {
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("id", m.id());
			c.put("score", m.score());
			c.put("lex", m.lexicalScore());
			c.put("lexRank", m.lexicalRank());
			c.put("cos", m.denseScore());
			c.put("denseRank", m.denseRank());
			c.put("title", m.titleScore());
			c.put("coverage", m.coverage());
			c.put("mentioned", m.mentioned());
			c.put("kind", m.entry().kind().name());
			c.put("open", m.open());
			list.add(c);
		}
		row.put("candidates", list);
		return row;
	}

	/**
	 * Indexes the history and runs every query, handing each one's top 100 and the production decision to the
	 * consumer. Returns the indexing time in seconds.
	 */
	public double forEachQuery(List<HistoryTicket> history, List<EvalQuery> queries, QueryConsumer consumer) {
		try (KnowledgeBase kb = KnowledgeBase.open(this.config, this.embedder)) {
			kb.useOutcomes(this.outcomes);
			long start = System.nanoTime();
			for (int i = 0; i < history.size(); i += CHUNK) {
				kb.ingest(history.subList(i, Math.min(history.size(), i + CHUNK)));
				int done = Math.min(history.size(), i + CHUNK);
				this.progress.printf("indexed %d/%d tickets (%.0f/s)%n", done, history.size(), done / ((System.nanoTime() - start) / 1e9));
			}
			kb.commit(Map.of());
			kb.refresh();
			double indexSeconds = (System.nanoTime() - start) / 1e9;
			this.progress.printf("indexed %d tickets in %.1f s %s%n", history.size(), indexSeconds, kb.counters());
			long lastReport = System.nanoTime();
			int q = 0;
			for (EvalQuery query : queries) {
				List<Match> ranked = kb.search(query.request(), RANKED);
				long t0 = System.nanoTime();
				Decision decision = kb.decide(query.request());
				double latencyMs = (System.nanoTime() - t0) / 1e6;
				consumer.accept(kb, query, ranked, decision, latencyMs);
				q++;
				if (System.nanoTime() - lastReport > 5_000_000_000L) {
					this.progress.printf("queries %d/%d%n", q, queries.size());
					lastReport = System.nanoTime();
				}
			}
			return indexSeconds;
		}
	}

	/** Receives each query's results. */
	@FunctionalInterface
	public interface QueryConsumer {

		/** One query: the knowledge base, its top 100, the production decision and how long deciding took. */
		void accept(KnowledgeBase kb, EvalQuery query, List<Match> ranked, Decision decision, double latencyMs);

	}

}

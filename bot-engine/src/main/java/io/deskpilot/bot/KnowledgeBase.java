package io.deskpilot.bot;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.AnswerOutcomes;
import io.deskpilot.bot.decide.DecisionPolicy;
import io.deskpilot.bot.decide.LexicalConfidence;
import io.deskpilot.bot.embed.Embedder;
import io.deskpilot.bot.embed.RecentEmbeddings;
import io.deskpilot.bot.index.TicketAnalyzers;
import io.deskpilot.bot.index.TicketDocumentMapper;
import io.deskpilot.bot.index.TicketFields;
import io.deskpilot.bot.index.TicketIndex;
import io.deskpilot.bot.ingest.IngestCounters;
import io.deskpilot.bot.ingest.IngestOutcome;
import io.deskpilot.bot.ingest.TicketTransformer;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.bot.search.LexicalQueryBuilder;
import io.deskpilot.bot.search.RetrievalSettings;
import io.deskpilot.bot.search.Retriever;
import io.deskpilot.bot.text.BoilerplateFilter;
import org.jspecify.annotations.Nullable;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * One tenant's knowledge base: resolved tickets in, similar tickets and decisions out. Ingesting is upsert by ticket
 * id; changes are searchable after {@link #refresh()} and durable after {@link #commit}. Thread-safe. The caller's
 * database remains the source of truth: {@link #rebuild} recreates the index from it.
 */
public final class KnowledgeBase implements Closeable {

	/**
	 * Version of the index's document layout: an index written with another one is not reused but rebuilt from the
	 * database (a caller keeps one directory per layout).
	 */
	public static final int INDEX_LAYOUT = TicketDocumentMapper.LAYOUT;

	private static final int REBUILD_BATCH = 64;

	/** A line in at least 2% of the tickets (and in at least 5) is form boilerplate. */
	private static final double BOILERPLATE_SHARE = 0.02;

	private static final int BOILERPLATE_MIN_TICKETS = 5;

	private static final String BOILERPLATE_FILE = "boilerplate.tsv";

	private final KnowledgeBaseConfig config;

	private final TicketIndex index;

	private final TicketTransformer transformer = new TicketTransformer();

	private final Retriever retriever;

	private final DecisionPolicy policy;

	private final io.deskpilot.bot.decide.ConfidenceModel confidence;

	private final IngestCounters counters = new IngestCounters();

	private volatile AnswerOutcomes outcomes = AnswerOutcomes.NONE;

	/** Batches of at least this many tickets are cleaned in parallel, in chunks of this size. */
	private static final int PARALLEL_FROM = 64;

	private final @Nullable Embedder embedder;

	/**
	 * Vectors of the last texts embedded that are kept: a request's two are needed again when it is kept as an open
	 * ticket (about 0.8 MB).
	 */
	private static final int RECENT_VECTORS = 512;

	private final BoilerplateFilter boilerplate = new BoilerplateFilter(BOILERPLATE_SHARE, BOILERPLATE_MIN_TICKETS);

	private KnowledgeBase(KnowledgeBaseConfig config, @Nullable Embedder embedder) {
		this.config = config;
		this.embedder = embedder == null ? null : new RecentEmbeddings(embedder, RECENT_VECTORS);
		if (config.indexDir() != null) {
			this.boilerplate.load(config.indexDir().resolve(BOILERPLATE_FILE));
		}
		Analyzer analyzer = TicketAnalyzers.perField();
		BM25Similarity similarity = new BM25Similarity(config.k1(), config.b());
		this.index = config.indexDir() == null ? TicketIndex.inMemory(analyzer, similarity)
				: TicketIndex.open(config.indexDir(), analyzer, similarity);
		RetrievalSettings retrieval = config.retrieval();
		this.retriever = new Retriever(this.index, new LexicalQueryBuilder(analyzer, retrieval.fieldBoosts(),
				retrieval.maxQueryTerms(), retrieval.summaryWeight()), embedder, retrieval, this.boilerplate);
		this.confidence = embedder == null ? new LexicalConfidence() : config.confidence();
		this.policy = new DecisionPolicy(this.confidence, config.policy());
	}

	/** Opens a lexical-only knowledge base, creating its index if needed. */
	public static KnowledgeBase open(KnowledgeBaseConfig config) {
		return new KnowledgeBase(config, null);
	}

	/** Opens a hybrid knowledge base whose entries and requests are also embedded with the given model. */
	public static KnowledgeBase open(KnowledgeBaseConfig config, @Nullable Embedder embedder) {
		return new KnowledgeBase(config, embedder);
	}

	/** Cleans, maps and indexes one ticket (replacing an earlier version); never throws for a bad ticket. */
	public IngestOutcome ingest(HistoryTicket ticket) {
		return ingest(List.of(ticket)).get(0);
	}

	/**
	 * Cleans, maps and indexes tickets (replacing earlier versions), embedding them in batches; one outcome per
	 * ticket, in order. Never throws for a bad ticket.
	 */
	public List<IngestOutcome> ingest(List<HistoryTicket> tickets) {
		List<IngestOutcome> outcomes = new ArrayList<>(tickets.size());
		if (tickets.size() < PARALLEL_FROM) {
			write(tickets.stream().map(this::transform).toList(), outcomes);
		}
		else if (this.embedder != null) {
			// the model is most of the work: the batch is cleaned on every core, then all its form lines are learned
			// before any of its texts is embedded
			write(tickets.parallelStream().map(this::transform).toList(), outcomes);
		}
		else {
			// cleaning and writing the index cost about the same (on 2 cores, 100k tickets: 14.8 s of cleaning on one
			// core, 15.5 s of writing), and each ticket's cleaning is independent: later chunks are cleaned on the
			// other cores while this thread writes the earlier ones, in the batch's order, so the same history always
			// gives the same index
			for (CompletableFuture<List<TicketTransformer.Result>> chunk : cleanAhead(tickets)) {
				write(chunk.join(), outcomes);
			}
		}
		outcomes.forEach(this.counters::record);
		return outcomes;
	}

	/**
	 * Cleans a large batch in chunks of {@link #PARALLEL_FROM}: the first on this thread, the others on the common
	 * pool's workers (in order: on 2 cores the pool has one); the futures are in the batch's order.
	 */
	private List<CompletableFuture<List<TicketTransformer.Result>>> cleanAhead(List<HistoryTicket> tickets) {
		List<CompletableFuture<List<TicketTransformer.Result>>> chunks = new ArrayList<>();
		for (int from = PARALLEL_FROM; from < tickets.size(); from += PARALLEL_FROM) {
			List<HistoryTicket> chunk = tickets.subList(from, Math.min(tickets.size(), from + PARALLEL_FROM));
			chunks.add(CompletableFuture.supplyAsync(() -> chunk.stream().map(this::transform).toList(),
					ForkJoinPool.commonPool()));
		}
		chunks.addFirst(CompletableFuture.completedFuture(
				tickets.subList(0, PARALLEL_FROM).stream().map(this::transform).toList()));
		return chunks;
	}

	/** Indexes cleaned tickets (embedding them first, if there is a model), adding their outcomes in order. */
	private void write(List<TicketTransformer.Result> transformed, List<IngestOutcome> outcomes) {
		int first = outcomes.size();
		List<KnowledgeEntry> entries = new ArrayList<>(transformed.size());
		for (TicketTransformer.Result result : transformed) {
			if (result.entry() != null) {
				entries.add(result.entry());
			}
			else if (!(result.outcome() instanceof IngestOutcome.Invalid)) {
				this.index.delete(result.outcome().ticketId());
			}
			outcomes.add(result.outcome());
		}
		if (this.embedder != null) {
			entries.forEach(e -> this.boilerplate.observe(e.description()));
		}
		List<float[]> vectors = embed(entries);
		for (int i = 0; i < entries.size(); i++) {
			KnowledgeEntry entry = entries.get(i);
			try {
				this.index.upsert(entry.id(), TicketDocumentMapper.toDocument(entry, vectors == null ? null : vectors.get(2 * i),
						vectors == null ? null : vectors.get(2 * i + 1)));
			}
			catch (RuntimeException ex) {
				int at = indexOf(outcomes, first, entry.id());
				outcomes.set(at, invalid(entry.id(), ex));
			}
		}
	}

	/** The ticket's cleaned entry, or an invalid outcome saying what went wrong with it. */
	private TicketTransformer.Result transform(HistoryTicket ticket) {
		try {
			return this.transformer.transform(ticket);
		}
		catch (RuntimeException ex) {
			return new TicketTransformer.Result(null, invalid(ticket.id(), ex));
		}
	}

	private @Nullable List<float[]> embed(List<KnowledgeEntry> entries) {
		if (this.embedder == null || entries.isEmpty()) {
			return null;
		}
		// two vectors per entry: the problem text, then the summary alone
		List<String> texts = new ArrayList<>(2 * entries.size());
		for (KnowledgeEntry e : entries) {
			texts.add(Retriever.embedText(e.summary(), this.boilerplate.strip(e.description())));
			texts.add(e.summary());
		}
		return this.embedder.embed(texts);
	}

	private static IngestOutcome invalid(String id, RuntimeException ex) {
		return new IngestOutcome.Invalid(id, ex.getClass().getSimpleName() + ": " + ex.getMessage());
	}

	/** Where a ticket's outcome is among those added since {@code first} (its last occurrence). */
	private static int indexOf(List<IngestOutcome> outcomes, int first, String id) {
		for (int i = outcomes.size() - 1; i >= first; i--) {
			if (outcomes.get(i).ticketId().equals(id)) {
				return i;
			}
		}
		throw new IllegalStateException(id);
	}

	/** Removes a ticket. */
	public void delete(String ticketId) {
		this.index.delete(ticketId);
	}

	/** Replaces the whole index with the given tickets and commits; returns the counts of this rebuild. */
	public IngestCounters rebuild(Iterable<HistoryTicket> tickets, Map<String, String> commitData) {
		IngestCounters run = new IngestCounters();
		this.index.deleteAll();
		this.boilerplate.clear();
		List<HistoryTicket> batch = new ArrayList<>(REBUILD_BATCH);
		for (HistoryTicket ticket : tickets) {
			batch.add(ticket);
			if (batch.size() == REBUILD_BATCH) {
				ingest(batch).forEach(run::record);
				batch.clear();
			}
		}
		ingest(batch).forEach(run::record);
		commit(commitData);
		refresh();
		return run;
	}

	/** Makes everything ingested so far durable, with caller data such as a sync watermark. */
	public void commit(Map<String, String> commitData) {
		if (this.config.indexDir() != null && this.embedder != null) {
			// saved first: an index commit never refers to boilerplate statistics older than its vectors
			this.boilerplate.save(this.config.indexDir().resolve(BOILERPLATE_FILE));
		}
		this.index.commit(commitData);
	}

	/** The caller data of the last commit. */
	public Map<String, String> commitData() {
		return this.index.commitData();
	}

	/** Makes everything ingested so far searchable. */
	public void refresh() {
		this.index.refresh();
	}

	/** The best matches for a request, best first. */
	public List<Match> search(RequestText request) {
		return search(request, this.config.topK());
	}

	/** The best {@code k} matches for a request, best first. */
	public List<Match> search(RequestText request, int k) {
		return this.retriever.search(request, k);
	}

	/** Where decisions learn what customers made of earlier answers (by default, nothing is known). */
	public void useOutcomes(AnswerOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	/** Searches and decides: answer, suggest or route, with the evidence. */
	public Decision decide(RequestText request) {
		return this.policy.decide(request, search(request), this::get, this.outcomes);
	}

	/** Searches and decides with other thresholds than the configured ones (one tenant's policy). */
	public Decision decide(RequestText request, io.deskpilot.bot.decide.PolicySettings thresholds) {
		return new DecisionPolicy(this.confidence, thresholds).decide(request, search(request), this::get, this.outcomes);
	}

	/** Decides as if the given tickets did not exist (backtests without leakage, what-if questions). */
	public Decision decide(RequestText request, Set<String> excluded) {
		return this.policy.decide(request, this.retriever.search(request, this.config.topK(), excluded), this::get, this.outcomes);
	}

	/** The entry of a ticket, if indexed (as of the last refresh). */
	public Optional<KnowledgeEntry> get(String ticketId) {
		return this.index.withSearcher(searcher -> {
			TopDocs top = searcher.search(new TermQuery(new Term(TicketFields.ID, ticketId)), 1);
			if (top.scoreDocs.length == 0) {
				return Optional.empty();
			}
			return Optional.of(TicketDocumentMapper.toEntry(searcher.storedFields().document(top.scoreDocs[0].doc)));
		});
	}

	/** Entries searchable now. */
	public int size() {
		return this.index.size();
	}

	/** Outcome counts since this knowledge base was opened. */
	public Map<String, Long> counters() {
		return new LinkedHashMap<>(this.counters.snapshot());
	}

	/** The settings in force. */
	public KnowledgeBaseConfig config() {
		return this.config;
	}

	@Override
	public void close() {
		this.index.close();
	}

}

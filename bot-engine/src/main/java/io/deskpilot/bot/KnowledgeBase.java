package io.deskpilot.bot;

import java.io.Closeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.decide.DecisionPolicy;
import io.deskpilot.bot.decide.LexicalConfidence;
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
import io.deskpilot.bot.search.Retriever;

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

	private final KnowledgeBaseConfig config;

	private final TicketIndex index;

	private final TicketTransformer transformer = new TicketTransformer();

	private final Retriever retriever;

	private final DecisionPolicy policy;

	private final IngestCounters counters = new IngestCounters();

	private KnowledgeBase(KnowledgeBaseConfig config) {
		this.config = config;
		Analyzer analyzer = TicketAnalyzers.perField();
		BM25Similarity similarity = new BM25Similarity(config.k1(), config.b());
		this.index = config.indexDir() == null ? TicketIndex.inMemory(analyzer, similarity)
				: TicketIndex.open(config.indexDir(), analyzer, similarity);
		this.retriever = new Retriever(this.index,
				new LexicalQueryBuilder(analyzer, config.fieldBoosts(), config.maxQueryTerms()));
		this.policy = new DecisionPolicy(new LexicalConfidence(), config.policy());
	}

	/** Opens the knowledge base described by the configuration, creating its index if needed. */
	public static KnowledgeBase open(KnowledgeBaseConfig config) {
		return new KnowledgeBase(config);
	}

	/** Cleans, maps and indexes one ticket (replacing an earlier version); never throws for a bad ticket. */
	public IngestOutcome ingest(HistoryTicket ticket) {
		IngestOutcome outcome;
		try {
			TicketTransformer.Result result = this.transformer.transform(ticket);
			if (result.entry() != null) {
				this.index.upsert(ticket.id(), TicketDocumentMapper.toDocument(result.entry(), null));
			}
			else {
				this.index.delete(ticket.id());
			}
			outcome = result.outcome();
		}
		catch (RuntimeException ex) {
			outcome = new IngestOutcome.Invalid(ticket.id(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		return this.counters.record(outcome);
	}

	/** Removes a ticket. */
	public void delete(String ticketId) {
		this.index.delete(ticketId);
	}

	/** Replaces the whole index with the given tickets and commits; returns the counts of this rebuild. */
	public IngestCounters rebuild(Iterable<HistoryTicket> tickets, Map<String, String> commitData) {
		IngestCounters run = new IngestCounters();
		this.index.deleteAll();
		for (HistoryTicket ticket : tickets) {
			run.record(ingest(ticket));
		}
		commit(commitData);
		refresh();
		return run;
	}

	/** Makes everything ingested so far durable, with caller data such as a sync watermark. */
	public void commit(Map<String, String> commitData) {
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

	/** Searches and decides: answer, suggest or route, with the evidence. */
	public Decision decide(RequestText request) {
		return this.policy.decide(search(request), this::get);
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

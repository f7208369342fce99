package io.deskpilot.bot.search;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.embed.Embedder;
import io.deskpilot.bot.index.TicketDocumentMapper;
import io.deskpilot.bot.index.TicketFields;
import io.deskpilot.bot.index.TicketIndex;
import io.deskpilot.bot.index.VectorBytes;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.bot.text.BoilerplateFilter;
import io.deskpilot.bot.text.TextCleaner;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.jspecify.annotations.Nullable;

/**
 * Finds the tickets most similar to a request. BM25 and (when an embedder is configured) the dense retriever each
 * contribute candidates; the dense similarity is then computed exactly for every candidate from its stored vector,
 * and the signals are put on one scale ({@link Fusion}) and weighted: problem-text cosine, summary cosine, and BM25,
 * whose weight grows with the request's length, plus the share of the request's terms each candidate contains. A
 * ticket whose key the request mentions gets a bonus, and a recency prior favours tickets filed shortly before the
 * request (repeat requests cluster in time); a ticket that had already been closed as a duplicate when the request
 * was filed ranks lower, so that its master comes first, and one still open then ranks higher (repeat reports arrive
 * while a problem is open). Only tickets created before the request are eligible, never
 * the request itself; equal scores are ordered by ticket id.
 */
public final class Retriever {

	private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

	/** Runs BM25 searches next to the embedding of the request. */
	private static final java.util.concurrent.ExecutorService LEXICAL = java.util.concurrent.Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("deskpilot-bm25-", 0).factory());

	private final TicketIndex index;

	private final LexicalQueryBuilder lexical;

	private final @Nullable Embedder embedder;

	private final RetrievalSettings settings;

	private final @Nullable BoilerplateFilter boilerplate;

	public Retriever(TicketIndex index, LexicalQueryBuilder lexical, @Nullable Embedder embedder,
			RetrievalSettings settings) {
		this(index, lexical, embedder, settings, null);
	}

	/** A retriever whose dense model sees request descriptions without the desk's form boilerplate. */
	public Retriever(TicketIndex index, LexicalQueryBuilder lexical, @Nullable Embedder embedder,
			RetrievalSettings settings, @Nullable BoilerplateFilter boilerplate) {
		this.index = index;
		this.lexical = lexical;
		this.embedder = embedder;
		this.settings = settings;
		this.boilerplate = boilerplate;
	}

	/** The text of a request as it is searched: its cleaned summary and condensed description. */
	public static String queryText(RequestText request) {
		return TextCleaner.clean(request.summary()) + "\n" + TextCleaner.forSearch(request.description());
	}

	/** The text of an entry or request the dense model sees (the model cuts it at its token limit). */
	public static String embedText(String summary, String description) {
		return summary.strip() + "\n" + description.strip();
	}

	/** The best {@code k} matches, best first (at most the candidates the retrievers contribute together). */
	public List<Match> search(RequestText request, int k) {
		return search(request, k, java.util.Set.of());
	}

	/** The best {@code k} matches, best first, leaving out the given tickets (backtests, what-if searches). */
	public List<Match> search(RequestText request, int k, java.util.Set<String> excluded) {
		String summary = TextCleaner.clean(request.summary());
		String description = TextCleaner.forSearch(request.description());
		boolean dense = this.embedder != null && this.settings.denseWeight() + this.settings.titleWeight() > 0;
		return this.index.withSearcher(searcher -> {
			// the same candidates whatever k is: a longer list (the evaluation's top 100) ranks exactly as a decision does
			int n = this.settings.candidates();
			Query filter = eligibility(request, excluded);
			RequestTerms lookups = new RequestTerms(searcher);
			// BM25 and the term lookups need no vectors: they run while the request is embedded
			java.util.concurrent.Future<Lexical> lexical = dense
					? LEXICAL.submit(() -> lexical(searcher, lookups, summary, description, filter, n))
					: java.util.concurrent.CompletableFuture.completedFuture(lexical(searcher, lookups, summary, description, filter, n));
			float[] vector = null;
			float[] summaryVector = null;
			Embedder embedder = this.embedder;
			if (dense && embedder != null) {
				String denseDescription = this.boilerplate == null ? description : this.boilerplate.strip(description);
				List<float[]> vectors = embedder.embed(List.of(embedText(summary, denseDescription), summary),
						this.settings.requestTokens());
				vector = vectors.get(0);
				summaryVector = this.settings.titleWeight() > 0 ? vectors.get(1) : null;
			}
			return search(searcher, request, filter, join(lexical), summary, description, vector, summaryVector, k, n);
		});
	}

	/** What the request's words find: BM25's top candidates, and the request's terms looked up for coverage. */
	private record Lexical(@Nullable TopDocs top, TermCoverage coverage) {
	}

	private Lexical lexical(IndexSearcher searcher, RequestTerms lookups, String summary, String description,
			@Nullable Query filter, int n) throws IOException {
		Query query = this.lexical.build(summary, description, lookups);
		TopDocs top = query == null ? null : searcher.search(restrict(query, filter), n);
		return new Lexical(top, TermCoverage.of(summary + "\n" + description, this.lexical, lookups).lookUp());
	}

	private static Lexical join(java.util.concurrent.Future<Lexical> future) throws IOException {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private List<Match> search(IndexSearcher searcher, RequestText request, @Nullable Query filter,
			Lexical lexical, String summary, String description, float @Nullable [] vector,
			float @Nullable [] summaryVector, int k, int n) throws IOException {
		Map<Integer, Candidate> candidates = new HashMap<>();
		TopDocs lexicalTop = lexical.top();
		if (lexicalTop != null) {
			for (int i = 0; i < lexicalTop.scoreDocs.length; i++) {
				ScoreDoc sd = lexicalTop.scoreDocs[i];
				Candidate c = candidates.computeIfAbsent(sd.doc, Candidate::new);
				c.lexical = sd.score;
				c.lexicalRank = i + 1;
			}
		}
		if (this.settings.mentionWeight() > 0) {
			for (String key : Mentions.keys(summary + "\n" + description)) {
				TopDocs hit = searcher.search(restrict(new TermQuery(new Term(TicketFields.ID, key)), filter), 1);
				if (hit.scoreDocs.length > 0) {
					candidates.computeIfAbsent(hit.scoreDocs[0].doc, Candidate::new).mentioned = true;
				}
			}
		}
		if (vector != null) {
			TopDocs top = searcher.search(new KnnFloatVectorQuery(TicketFields.VECTOR, vector, n, filter), n);
			for (int i = 0; i < top.scoreDocs.length; i++) {
				candidates.computeIfAbsent(top.scoreDocs[i].doc, Candidate::new).denseRank = i + 1;
			}
			exactCosines(searcher, candidates, vector);
			if (summaryVector != null) {
				summaryCosines(searcher, candidates, summaryVector);
			}
		}
		if (candidates.isEmpty()) {
			return List.of();
		}
		List<Candidate> ranked = new ArrayList<>(candidates.values());
		// only doc values and postings are read for the candidates; stored fields only for the final top k
		readKeys(searcher, ranked);
		TermCoverage coverage = lexical.coverage();
		double[] covered = coverage.of(ranked.stream().mapToInt(c -> c.doc).toArray());
		for (int i = 0; i < covered.length; i++) {
			ranked.get(i).coverage = covered[i];
		}
		Scale lexScale = Scale.of(ranked, c -> c.lexical);
		Scale denseScale = Scale.of(ranked, c -> c.cosine);
		Scale titleScale = Scale.of(ranked, c -> c.titleCosine);
		Standard lexZ = Standard.of(ranked, c -> c.lexical);
		Standard denseZ = Standard.of(ranked, c -> c.cosine);
		Standard titleZ = Standard.of(ranked, c -> c.titleCosine);
		double w = vector == null ? 0 : this.settings.denseWeight();
		double wt = summaryVector == null ? 0 : this.settings.titleWeight();
		if (vector != null && this.settings.lexicalSaturation() > 0) {
			int terms = coverage.terms();
			double lexicalShare = (1 - w - wt) * Math.min(1, terms / (double) this.settings.lexicalSaturation());
			w = 1 - wt - lexicalShare;
		}
		for (Candidate c : ranked) {
			double lex;
			double dense;
			if (this.settings.fusion() == Fusion.RRF) {
				lex = c.lexicalRank == 0 ? 0 : 61.0 / (60 + c.lexicalRank);
				dense = c.denseRank == 0 ? 0 : 61.0 / (60 + c.denseRank);
			}
			else if (this.settings.fusion() == Fusion.Z_SCORE) {
				lex = lexZ.apply(c.lexical);
				dense = vector == null ? 0 : denseZ.apply(c.cosine);
			}
			else {
				lex = c.lexicalRank == 0 ? 0 : lexScale.apply(c.lexical);
				dense = vector == null ? 0 : denseScale.apply(c.cosine);
			}
			double title = wt == 0 ? 0 : this.settings.fusion() == Fusion.Z_SCORE ? titleZ.apply(c.titleCosine) : titleScale.apply(c.titleCosine);
			c.fused = w * dense + wt * title + (1 - w - wt) * lex + this.settings.coverageWeight() * c.coverage
					+ recency(request.created(), c.created) + (c.mentioned ? this.settings.mentionWeight() : 0)
					- (c.duplicateBefore(request.created()) ? this.settings.duplicatePenalty() : 0)
					+ (c.openAt(request.created()) ? this.settings.openWeight() : 0);
		}
		// equal scores are ordered by ticket id, so results are deterministic
		ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.fused).thenComparing(c -> c.id));
		var stored = searcher.storedFields();
		int top = Math.min(k, ranked.size());
		List<Match> matches = new ArrayList<>(top);
		for (int i = 0; i < top; i++) {
			Candidate c = ranked.get(i);
			KnowledgeEntry entry = TicketDocumentMapper.toEntry(stored.document(c.doc));
			matches.add(new Match(entry, i + 1, c.fused, c.lexical, c.lexicalRank, vector == null ? 0 : c.cosine,
					c.denseRank, c.titleCosine, c.coverage, c.mentioned, c.openAt(request.created())));
		}
		return matches;
	}

	private double recency(@Nullable Instant request, @Nullable Instant ticket) {
		if (this.settings.recencyWeight() == 0 || request == null || ticket == null) {
			return 0;
		}
		double days = Math.max(0, (request.toEpochMilli() - ticket.toEpochMilli()) / DAY_MILLIS);
		return this.settings.recencyWeight() * Math.pow(2, -days / (this.settings.recencyHalfLife().toMillis() / DAY_MILLIS));
	}

	/** What to do per index segment ({@link #open}) and per candidate in it ({@link #visit}, segment-local doc id). */
	private interface SegmentWalk {

		void open(LeafReaderContext segment) throws IOException;

		void visit(Candidate candidate, int doc) throws IOException;

	}

	/** Visits candidates in doc-id order, opening each segment's values once, as Lucene's iterators require. */
	private static void inDocOrder(IndexSearcher searcher, Collection<Candidate> candidates, SegmentWalk walk)
			throws IOException {
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		List<Candidate> byDoc = new ArrayList<>(candidates);
		byDoc.sort(Comparator.comparingInt(c -> c.doc));
		int leafIndex = -1;
		int docBase = 0;
		for (Candidate c : byDoc) {
			int leaf = ReaderUtil.subIndex(c.doc, leaves);
			if (leaf != leafIndex) {
				leafIndex = leaf;
				docBase = leaves.get(leaf).docBase;
				walk.open(leaves.get(leaf));
			}
			walk.visit(c, c.doc - docBase);
		}
	}

	/**
	 * Reads each candidate's ticket id, creation time, until when it was open and, for duplicates, when they were
	 * closed as one.
	 */
	private static void readKeys(IndexSearcher searcher, List<Candidate> candidates) throws IOException {
		inDocOrder(searcher, candidates, new SegmentWalk() {

			private @Nullable SortedDocValues ids;

			private @Nullable SortedNumericDocValues created;

			private @Nullable NumericDocValues duplicate;

			private @Nullable NumericDocValues openUntil;

			@Override
			public void open(LeafReaderContext segment) throws IOException {
				this.ids = segment.reader().getSortedDocValues(TicketFields.ID);
				this.created = segment.reader().getSortedNumericDocValues(TicketFields.CREATED);
				this.duplicate = segment.reader().getNumericDocValues(TicketFields.DUPLICATE);
				this.openUntil = segment.reader().getNumericDocValues(TicketFields.OPEN_UNTIL);
			}

			@Override
			public void visit(Candidate c, int doc) throws IOException {
				if (this.ids != null && this.ids.advanceExact(doc)) {
					c.id = this.ids.lookupOrd(this.ids.ordValue()).utf8ToString();
				}
				if (this.created != null && this.created.advanceExact(doc)) {
					long millis = this.created.nextValue();
					c.created = millis == TicketDocumentMapper.UNKNOWN_TIME ? null : Instant.ofEpochMilli(millis);
				}
				c.duplicate = this.duplicate != null && this.duplicate.advanceExact(doc);
				if (this.openUntil != null && this.openUntil.advanceExact(doc)) {
					c.openUntil = this.openUntil.longValue();
				}
			}

		});
	}

	/** Dot products of the query vector with each candidate's stored vector (unit vectors: cosines). */
	private static void exactCosines(IndexSearcher searcher, Map<Integer, Candidate> candidates, float[] vector)
			throws IOException {
		inDocOrder(searcher, candidates.values(), new SegmentWalk() {

			private @Nullable FloatVectorValues values;

			private KnnVectorValues.@Nullable DocIndexIterator iterator;

			@Override
			public void open(LeafReaderContext segment) throws IOException {
				this.values = segment.reader().getFloatVectorValues(TicketFields.VECTOR);
				this.iterator = this.values == null ? null : this.values.iterator();
			}

			@Override
			public void visit(Candidate c, int doc) throws IOException {
				if (this.iterator == null || this.values == null) {
					return;
				}
				if (this.iterator.docID() < doc) {
					this.iterator.advance(doc);
				}
				if (this.iterator.docID() == doc) {
					float[] v = this.values.vectorValue(this.iterator.index());
					double dot = 0;
					for (int i = 0; i < v.length; i++) {
						dot += v[i] * vector[i];
					}
					c.cosine = dot;
				}
			}

		});
	}

	/** Dot products of the query's summary vector with each candidate's summary vector. */
	private static void summaryCosines(IndexSearcher searcher, Map<Integer, Candidate> candidates, float[] vector)
			throws IOException {
		inDocOrder(searcher, candidates.values(), new SegmentWalk() {

			private @Nullable BinaryDocValues values;

			@Override
			public void open(LeafReaderContext segment) throws IOException {
				this.values = segment.reader().getBinaryDocValues(TicketFields.SUMMARY_VECTOR);
			}

			@Override
			public void visit(Candidate c, int doc) throws IOException {
				if (this.values != null && this.values.advanceExact(doc)) {
					c.titleCosine = VectorBytes.dot(vector, this.values.binaryValue());
				}
			}

		});
	}

	/** The tickets a request may be matched with (null: all). */
	static @Nullable Query eligibility(RequestText request, java.util.Set<String> excluded) {
		if (request.created() == null && request.id() == null && excluded.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder b = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
		if (request.created() != null) {
			long before = request.created().toEpochMilli() - 1;
			b.add(LongField.newRangeQuery(TicketFields.CREATED, Long.MIN_VALUE, before), BooleanClause.Occur.FILTER);
		}
		if (request.id() != null) {
			b.add(new TermQuery(new Term(TicketFields.ID, request.id())), BooleanClause.Occur.MUST_NOT);
		}
		for (String id : excluded) {
			b.add(new TermQuery(new Term(TicketFields.ID, id)), BooleanClause.Occur.MUST_NOT);
		}
		return b.build();
	}

	private static Query restrict(Query query, @Nullable Query filter) {
		if (filter == null) {
			return query;
		}
		return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
	}

	/** Min-max normalisation over the candidates. */
	private record Scale(double min, double max) {

		static Scale of(List<Candidate> candidates, java.util.function.ToDoubleFunction<Candidate> value) {
			double min = Double.POSITIVE_INFINITY;
			double max = Double.NEGATIVE_INFINITY;
			for (Candidate c : candidates) {
				double v = value.applyAsDouble(c);
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			return new Scale(min, max);
		}

		double apply(double v) {
			return this.max > this.min ? (v - this.min) / (this.max - this.min) : 1;
		}

	}

	/** Standardisation over the candidates, scaled down so it adds up like the [0, 1] scales. */
	private record Standard(double mean, double sd) {

		static Standard of(List<Candidate> candidates, java.util.function.ToDoubleFunction<Candidate> value) {
			double sum = 0;
			double squares = 0;
			for (Candidate c : candidates) {
				double v = value.applyAsDouble(c);
				sum += v;
				squares += v * v;
			}
			int n = Math.max(1, candidates.size());
			double mean = sum / n;
			return new Standard(mean, Math.sqrt(Math.max(1e-12, squares / n - mean * mean)));
		}

		double apply(double v) {
			return (v - this.mean) / this.sd / 4;
		}

	}

	private static final class Candidate {

		final int doc;

		double lexical;

		int lexicalRank;

		double cosine;

		double titleCosine;

		int denseRank;

		boolean mentioned;

		double coverage;

		double fused;

		String id = "";

		@Nullable Instant created;

		/** Whether it was resolved as a duplicate (then {@link #openUntil} is when it was closed as one). */
		boolean duplicate;

		/** Until when it was open ({@link TicketDocumentMapper#STILL_OPEN}: it is); resolved at an unknown time: min. */
		long openUntil = Long.MIN_VALUE;

		Candidate(int doc) {
			this.doc = doc;
		}

		/**
		 * Whether it had been closed as a duplicate when a request filed at {@code request} came in (a duplicate
		 * of unknown closing time, or a request of unknown time: yes, as for a live request).
		 */
		boolean duplicateBefore(@Nullable Instant request) {
			return this.duplicate && (request == null || this.openUntil < request.toEpochMilli());
		}

		/**
		 * Whether it was still open when a request filed at {@code request} came in (a request of unknown time, as a
		 * live one: whether it is open now).
		 */
		boolean openAt(@Nullable Instant request) {
			return request == null ? this.openUntil == TicketDocumentMapper.STILL_OPEN
					: this.openUntil > request.toEpochMilli();
		}

	}

}

package io.deskpilot.bot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.deskpilot.bot.index.TicketDocumentMapper;
import io.deskpilot.bot.index.TicketFields;
import io.deskpilot.bot.index.TicketIndex;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.bot.text.TextCleaner;

import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Finds the tickets most similar to a request. Only tickets created before the request are eligible, and never the
 * request itself. Equal scores are ordered by ticket id, so results are deterministic.
 */
public final class Retriever {

	private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE,
			new SortField(TicketFields.ID, SortField.Type.STRING));

	private final TicketIndex index;

	private final LexicalQueryBuilder lexical;

	public Retriever(TicketIndex index, LexicalQueryBuilder lexical) {
		this.index = index;
		this.lexical = lexical;
	}

	/** The text of a request as it is searched: its cleaned summary and description. */
	public static String queryText(RequestText request) {
		return TextCleaner.clean(request.summary()) + "\n" + TextCleaner.clean(request.description());
	}

	/** The best {@code k} matches, best first. */
	public List<Match> search(RequestText request, int k) {
		String text = queryText(request);
		return this.index.withSearcher(searcher -> lexical(searcher, request, text, k));
	}

	private List<Match> lexical(IndexSearcher searcher, RequestText request, String text, int k) throws IOException {
		Query query = this.lexical.build(text, searcher.getIndexReader());
		if (query == null) {
			return List.of();
		}
		TopFieldDocs top = searcher.search(eligible(query, request), k, BY_SCORE_THEN_ID, true);
		List<Match> matches = new ArrayList<>(top.scoreDocs.length);
		var stored = searcher.storedFields();
		TermCoverage coverage = TermCoverage.of(text, this.lexical, searcher.getIndexReader());
		for (int i = 0; i < top.scoreDocs.length; i++) {
			ScoreDoc sd = top.scoreDocs[i];
			KnowledgeEntry entry = TicketDocumentMapper.toEntry(stored.document(sd.doc));
			matches.add(new Match(entry, i + 1, sd.score, sd.score, i + 1, 0, 0, coverage.of(entry)));
		}
		return matches;
	}

	/** Restricts a query to the tickets a request may be matched with. */
	static Query eligible(Query query, RequestText request) {
		BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
		if (request.created() != null) {
			long before = request.created().toEpochMilli() - 1;
			b.add(LongField.newRangeQuery(TicketFields.CREATED, Long.MIN_VALUE, before), BooleanClause.Occur.FILTER);
		}
		if (request.id() != null) {
			b.add(new TermQuery(new Term(TicketFields.ID, request.id())), BooleanClause.Occur.MUST_NOT);
		}
		return b.build();
	}

}

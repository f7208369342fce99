package io.deskpilot.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.deskpilot.bot.index.TicketFields;
import io.deskpilot.bot.kb.KnowledgeEntry;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * How much of a request an entry covers: the IDF-weighted share of the request's distinct analysed terms that occur in
 * the entry's problem text or answer. Unlike BM25 scores, this is comparable between requests (0 nothing, 1 all).
 */
final class TermCoverage {

	private final Map<String, Double> idf;

	private final double total;

	private final LexicalQueryBuilder analysis;

	private TermCoverage(Map<String, Double> idf, LexicalQueryBuilder analysis) {
		this.idf = idf;
		this.total = idf.values().stream().mapToDouble(Double::doubleValue).sum();
		this.analysis = analysis;
	}

	/** Prepares the request's terms and their IDF in the index. */
	static TermCoverage of(String requestText, LexicalQueryBuilder analysis, IndexReader reader) {
		Set<String> terms = analysis.terms(TicketFields.DESCRIPTION, requestText).keySet();
		int n = Math.max(1, reader.numDocs());
		Map<String, Double> idf = new HashMap<>();
		try {
			for (String t : terms) {
				int df = Math.max(reader.docFreq(new Term(TicketFields.DESCRIPTION, t)),
						reader.docFreq(new Term(TicketFields.SUMMARY, t)));
				idf.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new TermCoverage(idf, analysis);
	}

	/** The share of the request's IDF mass found in the entry. */
	double of(KnowledgeEntry entry) {
		if (this.total <= 0) {
			return 0;
		}
		Set<String> entryTerms = this.analysis
			.terms(TicketFields.DESCRIPTION, entry.summary() + "\n" + entry.description() + "\n" + entry.answer())
			.keySet();
		double covered = 0;
		for (Map.Entry<String, Double> e : this.idf.entrySet()) {
			if (entryTerms.contains(e.getKey())) {
				covered += e.getValue();
			}
		}
		return covered / this.total;
	}

}

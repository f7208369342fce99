package io.deskpilot.bot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.deskpilot.bot.index.TicketFields;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;

/**
 * How much of a request a ticket covers: the IDF-weighted share of the request's distinct analysed terms that occur in
 * the ticket's summary, description or discussion (which holds the answer), looked up in the postings. Unlike BM25 scores, this is comparable
 * between requests (0 nothing, 1 everything).
 */
final class TermCoverage {

	// the discussion holds the answer too
	private static final String[] FIELDS = { TicketFields.SUMMARY, TicketFields.DESCRIPTION, TicketFields.DISCUSSION };

	private final RequestTerms lookups;

	private final List<String> terms;

	private final double[] idf;

	private final double total;

	private TermCoverage(RequestTerms lookups, List<String> terms, double[] idf) {
		this.lookups = lookups;
		this.terms = terms;
		this.idf = idf;
		double sum = 0;
		for (double v : idf) {
			sum += v;
		}
		this.total = sum;
	}

	/** Prepares the request's terms and their IDF in the index. */
	static TermCoverage of(String requestText, LexicalQueryBuilder analysis, RequestTerms lookups) throws IOException {
		Set<String> distinct = analysis.terms(TicketFields.DESCRIPTION, requestText).keySet();
		List<String> terms = new ArrayList<>(distinct);
		double[] idf = new double[terms.size()];
		int n = Math.max(1, lookups.searcher().getIndexReader().numDocs());
		for (int i = 0; i < terms.size(); i++) {
			// rarity among problem descriptions
			int df = lookups.docFreq(new Term(TicketFields.DESCRIPTION, terms.get(i)));
			idf[i] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
		}
		return new TermCoverage(lookups, terms, idf);
	}

	/**
	 * Looks every term up in every field it is counted in, so that {@link #of(int[])} only reads postings (done while
	 * the request is being embedded, when the candidates are not known yet).
	 */
	TermCoverage lookUp() throws IOException {
		for (String t : this.terms) {
			for (String field : FIELDS) {
				this.lookups.states(new Term(field, t));
			}
		}
		return this;
	}

	/** How many distinct analysed terms the request has. */
	int terms() {
		return this.terms.size();
	}

	/** The share of the request's IDF mass found in each document; one pass over each term's postings per segment. */
	double[] of(int[] docs) throws IOException {
		double[] covered = new double[docs.length];
		if (this.total <= 0 || docs.length == 0) {
			return covered;
		}
		Integer[] order = new Integer[docs.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> docs[i]));
		List<LeafReaderContext> leaves = this.lookups.searcher().getIndexReader().leaves();
		for (int t = 0; t < this.terms.size(); t++) {
			boolean[] found = new boolean[docs.length];
			for (String field : FIELDS) {
				Term term = new Term(field, this.terms.get(t));
				int leafIndex = -1;
				PostingsEnum postings = null;
				int base = 0;
				for (int o : order) {
					int leaf = ReaderUtil.subIndex(docs[o], leaves);
					if (leaf != leafIndex) {
						leafIndex = leaf;
						base = leaves.get(leaf).docBase;
						postings = this.lookups.postings(leaves.get(leaf), term);
					}
					if (postings == null || found[o]) {
						continue;
					}
					int target = docs[o] - base;
					int at = postings.docID() < target ? postings.advance(target) : postings.docID();
					if (at == target) {
						found[o] = true;
					}
				}
			}
			for (int i = 0; i < docs.length; i++) {
				if (found[i]) {
					covered[i] += this.idf[t];
				}
			}
		}
		for (int i = 0; i < docs.length; i++) {
			covered[i] /= this.total;
		}
		return covered;
	}

}

package io.deskpilot.bot.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.jspecify.annotations.Nullable;

/**
 * The term-dictionary entries of one request's terms in one searcher's view, each looked up once per segment and
 * shared by everything that needs them: the common-term rule (document frequency), the BM25 query (its term weights)
 * and the request's coverage (postings of the candidates). Without it each term was looked up in every segment up to
 * three times per request. One per request; not thread-safe (handed from the thread that fills it to the one that reads
 * it through a {@code Future}).
 */
final class RequestTerms {

	private final IndexSearcher searcher;

	private final Map<Term, TermStates> states = new HashMap<>();

	RequestTerms(IndexSearcher searcher) {
		this.searcher = searcher;
	}

	IndexSearcher searcher() {
		return this.searcher;
	}

	/** The term's entries in every segment, with its statistics (looked up on first use). */
	TermStates states(Term term) throws IOException {
		TermStates found = this.states.get(term);
		if (found == null) {
			found = TermStates.build(this.searcher, term, true);
			this.states.put(term, found);
		}
		return found;
	}

	/** In how many documents of the view the term occurs. */
	int docFreq(Term term) throws IOException {
		return states(term).docFreq();
	}

	/** The term's postings (documents only) in one segment, or null when the segment does not contain it. */
	@Nullable PostingsEnum postings(LeafReaderContext segment, Term term) throws IOException {
		// no supplier, or none from it: the segment does not contain the term
		org.apache.lucene.util.IOSupplier<TermState> supplier = states(term).get(segment);
		TermState state = supplier == null ? null : supplier.get();
		if (state == null) {
			return null;
		}
		Terms terms = segment.reader().terms(term.field());
		if (terms == null) {
			return null;
		}
		TermsEnum te = terms.iterator();
		te.seekExact(term.bytes(), state);
		return te.postings(null, PostingsEnum.NONE);
	}

}

package io.deskpilot.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.index.TicketAnalyzers;
import io.deskpilot.bot.index.TicketFields;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the bag-of-words BM25 query for a request: the request text is analysed once per field, each distinct term
 * becomes a SHOULD clause on that field with the field's boost. Long requests (logs, stack traces) keep only their
 * most selective terms, so a query never has more than {@code maxTerms} clauses per field. In a large knowledge base,
 * terms found in more than a tenth of the tickets are left out: their BM25 weight is a fraction of a rare term's
 * while their postings are most of the work (the request's coverage and the confidence still count them).
 */
public final class LexicalQueryBuilder {

	/** A term in more documents than this and than {@link #COMMON_SHARE} of the index is too common to search. */
	static final int COMMON_FLOOR = 1_000;

	static final double COMMON_SHARE = 0.10;

	/** A request keeps its rarest terms up to this many even when they are all common. */
	static final int MIN_TERMS = 3;

	private final Analyzer analyzer;

	private final Map<String, Float> fieldBoosts;

	private final int maxTerms;

	private final float summaryWeight;

	/**
	 * @param analyzer the per-field analyzer the index was written with
	 * @param fieldBoosts fields to search and their weights
	 * @param maxTerms most distinct terms per field
	 * @param summaryWeight extra weight of terms that occur in the request's summary
	 */
	public LexicalQueryBuilder(Analyzer analyzer, Map<String, Float> fieldBoosts, int maxTerms, float summaryWeight) {
		if (maxTerms < 1) {
			throw new IllegalArgumentException("maxTerms must be positive, was " + maxTerms);
		}
		this.analyzer = analyzer;
		this.fieldBoosts = new LinkedHashMap<>(fieldBoosts);
		this.maxTerms = maxTerms;
		this.summaryWeight = summaryWeight;
	}

	/**
	 * The query for a request's summary and description, or null when they have no searchable term. Its term queries
	 * reuse the request's term lookups.
	 */
	@org.jspecify.annotations.Nullable Query build(String summary, String description, RequestTerms lookups) throws IOException {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		int clauses = 0;
		// English fields share one analysis of the request
		Map<String, Map<String, Integer>> summaryTerms = new HashMap<>();
		Map<String, Map<String, Integer>> allTerms = new HashMap<>();
		for (Map.Entry<String, Float> field : this.fieldBoosts.entrySet()) {
			String key = TicketAnalyzers.isEnglish(field.getKey()) ? "english" : field.getKey();
			Map<String, Integer> inSummary = summaryTerms.computeIfAbsent(key, k -> terms(field.getKey(), summary));
			Map<String, Integer> terms = allTerms.computeIfAbsent(key, k -> terms(field.getKey(), summary + "\n" + description));
			List<Map.Entry<String, Integer>> selected = selective(field.getKey(), terms, lookups);
			for (Map.Entry<String, Integer> term : selected) {
				Term t = new Term(field.getKey(), term.getKey());
				// the query's weight reuses the request's lookups instead of looking the term up again
				Query tq = new TermQuery(t, lookups.states(t));
				// a term said several times in the request weighs a little more, as in the query side of BM25
				float weight = field.getValue() * (float) (1 + Math.log(term.getValue()));
				if (inSummary.containsKey(term.getKey())) {
					weight *= this.summaryWeight;
				}
				query.add(weight == 1f ? tq : new BoostQuery(tq, weight), BooleanClause.Occur.SHOULD);
				clauses++;
			}
		}
		return clauses == 0 ? null : query.build();
	}

	/** The analysed terms of the text for one field, with their counts, in order of first appearance. */
	public Map<String, Integer> terms(String field, String text) {
		Map<String, Integer> terms = new LinkedHashMap<>();
		try (TokenStream ts = this.analyzer.tokenStream(field, text)) {
			CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
			ts.reset();
			while (ts.incrementToken()) {
				terms.merge(term.toString(), 1, Integer::sum);
			}
			ts.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	private List<Map.Entry<String, Integer>> selective(String field, Map<String, Integer> terms, RequestTerms lookups)
			throws IOException {
		IndexReader reader = lookups.searcher().getIndexReader();
		List<Map.Entry<String, Integer>> list = new ArrayList<>(terms.entrySet());
		int common = Math.max(COMMON_FLOOR, (int) (COMMON_SHARE * reader.maxDoc()));
		if (list.size() <= this.maxTerms && reader.maxDoc() <= common) {
			// no term can be too common, and all are kept: no need to look them up
			return list;
		}
		Map<String, Integer> docFreq = new LinkedHashMap<>();
		for (Map.Entry<String, Integer> e : list) {
			docFreq.put(e.getKey(), lookups.docFreq(new Term(field, e.getKey())));
		}
		// a term absent from the index cannot match anything
		list.removeIf(e -> docFreq.getOrDefault(e.getKey(), 0) == 0);
		// rarest first
		list.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> docFreq.getOrDefault(e.getKey(), 0))
			.thenComparing(Map.Entry::getKey));
		// terms in more than a tenth of a large index hardly tell tickets apart, unless nothing else is left
		int selective = 0;
		while (selective < list.size() && docFreq.getOrDefault(list.get(selective).getKey(), 0) <= common) {
			selective++;
		}
		int keep = Math.max(selective, Math.min(MIN_TERMS, list.size()));
		return list.subList(0, Math.min(this.maxTerms, keep));
	}

	/**
	 * Default field weights: the title says most. The answer is not searched on its own: the discussion, which contains
	 * it, is (measured neutral on the evaluation sets, one field fewer per request term).
	 */
	public static Map<String, Float> defaultBoosts() {
		Map<String, Float> boosts = new LinkedHashMap<>();
		boosts.put(TicketFields.SUMMARY, 2.0f);
		boosts.put(TicketFields.DESCRIPTION, 1.0f);
		boosts.put(TicketFields.DISCUSSION, 0.6f);
		boosts.put(TicketFields.CODE, 1.0f);
		return boosts;
	}

}

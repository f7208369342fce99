package io.deskpilot.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

import io.deskpilot.bot.index.TicketAnalyzers;
import io.deskpilot.bot.index.TicketFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Marks a request's words in a ticket's text the way the index matches them: both go through the index's English
 * analyzer (stop words out, Porter stems, so "connecting" marks "connects"), and Lucene's highlighter wraps each match.
 * Text between the matches goes through the caller's encoder (for HTML, an escaper).
 */
public final class TermHighlighter {

	private final Analyzer analyzer = TicketAnalyzers.english();

	private final BooleanQuery query;

	public TermHighlighter(String request) {
		BooleanQuery.Builder b = new BooleanQuery.Builder();
		b.setMinimumNumberShouldMatch(0);
		try (var tokens = this.analyzer.tokenStream(TicketFields.SUMMARY, request)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			tokens.reset();
			int n = 0;
			while (tokens.incrementToken() && n < IndexSearcher.getMaxClauseCount()) {
				if (term.length() >= 2) {
					b.add(new TermQuery(new Term(TicketFields.SUMMARY, term.toString())), BooleanClause.Occur.SHOULD);
					n++;
				}
			}
			tokens.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.query = b.build();
	}

	/** The text with the request's words between {@code open} and {@code close}, everything else encoded. */
	public String mark(String text, String open, String close, UnaryOperator<String> encoder) {
		Highlighter h = new Highlighter(new SimpleHTMLFormatter(open, close), encoder::apply,
				new QueryScorer(this.query, TicketFields.SUMMARY));
		h.setTextFragmenter(new NullFragmenter());
		h.setMaxDocCharsToAnalyze(Math.max(text.length(), 1));
		try {
			String marked = h.getBestFragment(this.analyzer, TicketFields.SUMMARY, text);
			return marked == null ? encoder.apply(text) : marked;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InvalidTokenOffsetsException ex) {
			return encoder.apply(text);
		}
	}

}

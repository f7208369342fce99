package io.deskpilot.bot.index;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.util.CharTokenizer;

/** The analyzers of the ticket index: English for prose fields, a code-aware chain for {@link TicketFields#CODE}. */
public final class TicketAnalyzers {

	private TicketAnalyzers() {
	}

	/** English prose: standard tokenizer, possessives, lower case, stop words, Porter stemming. */
	public static Analyzer english() {
		return new EnglishAnalyzer();
	}

	/** Identifiers, exception names, error codes and versions; other words are dropped. */
	public static Analyzer code() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(TicketAnalyzers::isCodeChar);
				return new TokenStreamComponents(tokenizer, new CodeTokenFilter(tokenizer));
			}
		};
	}

	/** Whether a field is analysed as English prose (such fields share one analysis of a request). */
	public static boolean isEnglish(String field) {
		return !field.equals(TicketFields.CODE) && !field.equals(TicketFields.ID);
	}

	/** The per-field analyzer used by the index writer and the query builder. */
	public static Analyzer perField() {
		return new PerFieldAnalyzerWrapper(english(), Map.of(TicketFields.CODE, code(), TicketFields.ID, new KeywordAnalyzer()));
	}

	private static boolean isCodeChar(int c) {
		return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == ':' || c == '$' || c == '#';
	}

}

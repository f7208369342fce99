package io.deskpilot.connector.console;

import io.deskpilot.bot.search.TermHighlighter;

import org.springframework.web.util.HtmlUtils;

/**
 * Marks the request's words in a retrieved ticket's text, for the playground, as the knowledge base matches them
 * (the index's analyzer and Lucene's highlighter, {@link TermHighlighter}): everything is HTML-escaped, each match is
 * wrapped in {@code <mark>}.
 */
final class Highlighter {

	private final TermHighlighter terms;

	Highlighter(String request) {
		this.terms = new TermHighlighter(request);
	}

	/** The text, escaped, with the request's words marked; cut to {@code max} characters. */
	String mark(String text, int max) {
		String cut = text.length() > max ? text.substring(0, max) + "…" : text;
		return this.terms.mark(cut, "<mark>", "</mark>", HtmlUtils::htmlEscape);
	}

}

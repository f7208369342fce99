package io.deskpilot.connector.console;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Marks the request's words in a retrieved ticket's text, for the playground: the text is HTML-escaped first, then
 * each word the request also contains (three letters or more, common words left out) is wrapped in {@code <mark>}.
 * Words match on a shared stem of five letters, so "connecting" marks "connect".
 */
final class Highlighter {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*");

	private static final Set<String> COMMON = Set.of("the", "and", "for", "are", "but", "not", "you", "your", "can", "cant",
			"with", "this", "that", "have", "has", "was", "since", "from", "our", "they", "them", "what", "when", "will",
			"would", "there", "their", "please", "help", "thanks", "thank", "any", "all", "just", "into", "about", "does");

	private final Set<String> stems = new HashSet<>();

	Highlighter(String request) {
		Matcher m = WORD.matcher(request.toLowerCase(Locale.ROOT));
		while (m.find()) {
			String w = m.group();
			if (w.length() >= 3 && !COMMON.contains(w)) {
				this.stems.add(stem(w));
			}
		}
	}

	/** The text, escaped, with the request's words marked; cut to {@code max} characters. */
	String mark(String text, int max) {
		String cut = text.length() > max ? text.substring(0, max) + "…" : text;
		StringBuilder out = new StringBuilder();
		Matcher m = WORD.matcher(cut);
		int last = 0;
		while (m.find()) {
			out.append(HtmlUtils.htmlEscape(cut.substring(last, m.start())));
			String w = m.group();
			String lower = w.toLowerCase(Locale.ROOT);
			boolean hit = lower.length() >= 3 && !COMMON.contains(lower) && this.stems.contains(stem(lower));
			out.append(hit ? "<mark>" + HtmlUtils.htmlEscape(w) + "</mark>" : HtmlUtils.htmlEscape(w));
			last = m.end();
		}
		out.append(HtmlUtils.htmlEscape(cut.substring(last)));
		return out.toString();
	}

	private static String stem(String w) {
		return w.length() > 5 ? w.substring(0, 5) : w;
	}

}

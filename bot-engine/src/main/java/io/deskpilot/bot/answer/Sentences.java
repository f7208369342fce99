package io.deskpilot.bot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a reply into sentences (and list items), keeping menu paths, URLs, versions and abbreviations whole, so each
 * can be judged and the reusable ones joined again.
 */
final class Sentences {

	/** A sentence ends at . ! ? (or a colon before a list) followed by space and a capital, digit or bullet; or a line break. */
	private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])[\"')\\]]*[ \\t]+(?=[\\p{Lu}\\d\"'(¿¡*•-])|\\n+");

	/** Abbreviations after which a period does not end a sentence. */
	private static final Pattern ABBREVIATION = Pattern.compile("(?i)(\\b(e\\.g|i\\.e|etc|vs|approx|incl|no|nr|z\\.b|bzw|ca|usw|p\\.ex|mr|mrs|ms|dr|st|fig)\\.|\\b\\p{L}\\.)$");

	private Sentences() {
	}

	/**
	 * One sentence or list item.
	 *
	 * @param text the sentence, stripped
	 * @param startsLine whether a line break came before it (a list item, a new paragraph)
	 */
	record Sentence(String text, boolean startsLine) {
	}

	static List<Sentence> split(String text) {
		List<Sentence> out = new ArrayList<>();
		Matcher m = BOUNDARY.matcher(text);
		int start = 0;
		boolean startsLine = true;
		StringBuilder pending = new StringBuilder();
		while (m.find()) {
			String piece = text.substring(start, m.start());
			start = m.end();
			boolean lineBreak = m.group().contains("\n");
			if (!lineBreak && ABBREVIATION.matcher(piece.strip()).find()) {
				pending.append(piece).append(' ');
				continue;
			}
			add(out, pending.append(piece).toString(), startsLine);
			pending.setLength(0);
			startsLine = lineBreak;
		}
		add(out, pending.append(text.substring(start)).toString(), startsLine);
		return out;
	}

	/** The sentences as text again: a space between sentences, a line break where there was one. */
	static String join(List<Sentence> sentences) {
		StringBuilder out = new StringBuilder();
		for (Sentence s : sentences) {
			if (!out.isEmpty()) {
				out.append(s.startsLine() ? "\n" : " ");
			}
			out.append(s.text());
		}
		return out.toString();
	}

	private static void add(List<Sentence> out, String sentence, boolean startsLine) {
		String s = sentence.strip();
		if (!s.isEmpty()) {
			out.add(new Sentence(s, startsLine));
		}
	}

}

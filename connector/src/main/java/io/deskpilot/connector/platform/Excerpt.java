package io.deskpilot.connector.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a desk's error answer goes into a message an admin sees: the error texts of a JSON answer ({@code message},
 * {@code errors}, {@code errorMessages}, {@code error_description}, ...), the first line of a short text, never an HTML
 * page or the rest of a body. A URL pointing somewhere else than a desk must not turn a connection test into a way to
 * read that place's answers.
 */
public final class Excerpt {

	/** At most this many characters of a desk's words. */
	public static final int MAX = 200;

	private static final Pattern TEXT_FIELD = Pattern
		.compile("\"(message|errorMessage|error_description|error|detail|title)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern LIST_FIELD = Pattern.compile("\"(errors|errorMessages|messages)\"\\s*:\\s*\\[([^\\]]*)\\]");

	private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	private Excerpt() {
	}

	/** The error texts in a desk's answer body, short and on one line; empty when it has none worth showing. */
	public static String of(String body) {
		String b = body.strip();
		if (b.isEmpty()) {
			return "";
		}
		if (b.startsWith("{") || b.startsWith("[")) {
			List<String> parts = new ArrayList<>();
			Matcher lists = LIST_FIELD.matcher(b);
			while (lists.find()) {
				Matcher s = STRING.matcher(lists.group(2));
				while (s.find()) {
					parts.add(unescape(s.group(1)));
				}
			}
			Matcher texts = TEXT_FIELD.matcher(b);
			while (texts.find()) {
				parts.add(unescape(texts.group(2)));
			}
			return parts.isEmpty() ? "(an answer without an error message)" : oneLine(String.join("; ", parts), MAX);
		}
		if (b.startsWith("<")) {
			return "(an HTML page, not shown)";
		}
		int newline = b.indexOf('\n');
		return oneLine(newline < 0 ? b : b.substring(0, newline), 120);
	}

	/** A text on one line (control characters and runs of space as one space), cut to {@code max} characters. */
	public static String oneLine(String text, int max) {
		String t = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
		return t.length() > max ? t.substring(0, max) + "…" : t;
	}

	private static String unescape(String json) {
		return json.replace("\\\"", "\"").replace("\\n", " ").replace("\\/", "/").replace("\\\\", "\\");
	}

}

package io.deskpilot.bot.text;

import java.util.regex.Pattern;

/**
 * The one entry point for turning a raw ticket body into plain text. It detects the markup (ADF JSON, HTML, Jira wiki
 * markup, plain text), converts it, removes e-mail quotes and signatures and normalises white space.
 */
public final class TextCleaner {

	private static final Pattern TRAILING_SPACE = Pattern.compile("(?m)[ \\t\\x0B\\f\\u00A0]+$");

	private static final Pattern INNER_SPACE = Pattern.compile("(?<=\\S)[ \\t\\x0B\\f\\u00A0]{2,}");

	private static final Pattern MANY_NEWLINES = Pattern.compile("\\n{3,}");

	private TextCleaner() {
	}

	/** Converts markup to plain text without removing anything the author wrote. */
	public static String toPlain(String raw) {
		if (raw.isBlank()) {
			return "";
		}
		String s = raw.replace("\r\n", "\n").replace('\r', '\n');
		if (AdfText.looksLikeAdf(s)) {
			String adf = AdfText.toText(s);
			if (adf != null) {
				return normalizeSpace(adf);
			}
		}
		if (HtmlText.looksLikeHtml(s)) {
			s = HtmlText.toText(s);
		}
		else {
			s = HtmlText.decodeEntities(s);
		}
		if (WikiText.looksLikeWiki(s)) {
			s = WikiText.toText(s);
		}
		return normalizeSpace(s);
	}

	/** Plain text of what the author wrote: markup converted, quoted replies and signature removed. */
	public static String clean(String raw) {
		return normalizeSpace(MailText.stripQuotesAndSignature(toPlain(raw)));
	}

	/** Collapses runs of spaces inside lines (indentation stays), trims line ends and keeps at most one blank line between paragraphs. */
	public static String normalizeSpace(String s) {
		String t = TRAILING_SPACE.matcher(s).replaceAll("");
		t = INNER_SPACE.matcher(t).replaceAll(" ");
		t = MANY_NEWLINES.matcher(t).replaceAll("\n\n");
		return t.strip();
	}

}

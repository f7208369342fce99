package io.deskpilot.bot.text;

/**
 * The one entry point for turning a raw ticket body into plain text. It detects the markup (ADF JSON, HTML, Jira wiki
 * markup, plain text), converts it, removes e-mail quotes and signatures and normalises white space.
 */
public final class TextCleaner {

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

	/** Text for searching: {@link #clean} with logs and stack traces condensed to what identifies the problem. */
	public static String forSearch(String raw) {
		return normalizeSpace(LogCondenser.condense(clean(raw)));
	}

	/**
	 * Collapses runs of spaces inside lines (indentation stays), trims line ends and keeps at most one blank line
	 * between paragraphs. One pass over the text.
	 */
	public static String normalizeSpace(String s) {
		StringBuilder out = new StringBuilder(s.length());
		int newlines = 0;
		boolean lineStart = true;
		int pendingSpace = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '\n') {
				pendingSpace = 0;
				newlines++;
				lineStart = true;
				continue;
			}
			boolean space = c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0';
			if (space) {
				pendingSpace++;
				continue;
			}
			if (newlines > 0) {
				if (!out.isEmpty()) {
					out.append(newlines > 1 ? "\n\n" : "\n");
				}
				newlines = 0;
			}
			if (pendingSpace > 0) {
				if (lineStart) {
					// indentation stays as it was, inner runs collapse to one space
					out.append(s, i - pendingSpace, i);
				}
				else if (!out.isEmpty()) {
					out.append(' ');
				}
				pendingSpace = 0;
			}
			lineStart = false;
			out.append(c);
		}
		return out.toString().strip();
	}

}

package io.deskpilot.bot.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what e-mail clients add around the words someone actually wrote: quoted earlier messages, reply headers,
 * signatures, valedictions and "sent from my phone" lines.
 */
public final class MailText {

	private static final Pattern REPLY_HEADER = Pattern.compile("(?i)^\\s*(on\\s.{4,200}\\s(wrote|writes)\\s*:|"
			+ "le\\s.{4,200}\\sa\\s[ée]crit\\s*:|am\\s.{4,200}\\sschrieb.{0,60}:|el\\s.{4,200}\\sescribi[óo]\\s*:|"
			+ "-{2,}\\s*(original message|forwarded message|mensaje original|ursprüngliche nachricht)\\s*-{2,}|"
			+ "_{10,}|begin forwarded message:)\\s*$");

	private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\s*\\*?(from|von|de)\\s*:\\*?\\s.+");

	private static final Pattern OUTLOOK_FIELD = Pattern.compile("(?i)^\\s*\\*?(sent|date|to|subject|gesendet|an|betreff|envoy[ée]|objet|cc)\\s*:.*");

	private static final Pattern QUOTED = Pattern.compile("^\\s*>.*");

	private static final Pattern SIG_DASHES = Pattern.compile("^--\\s?$");

	private static final Pattern SENT_FROM = Pattern.compile("(?i)^\\s*(sent from my|get outlook for|sent via|envoy[ée] de mon)\\b.*");

	private static final Pattern VALEDICTION = Pattern.compile("(?i)^\\s*(best|kind|warm|many thanks and|thanks and)?\\s*"
			+ "(regards|wishes|rgds|cheers|thanks|thank you|thx|ty|sincerely|yours|cordially|best|br|mfg|"
			+ "mit freundlichen gr(ü|ue)(ß|ss)en|cordialement|saludos|atentamente)"
			+ "(\\s+(in advance|so much|a lot|again|very much))?\\s*[,.!]*\\s*$");

	private static final int SIGNATURE_MAX_LINES = 6;

	private MailText() {
	}

	/** Returns the text with quoted replies, reply headers and the signature block removed. */
	public static String stripQuotesAndSignature(String text) {
		String[] lines = text.split("\\R", -1);
		List<String> kept = new ArrayList<>(lines.length);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (REPLY_HEADER.matcher(line).matches() || isOutlookHeader(lines, i) || SIG_DASHES.matcher(line).matches()) {
				break;
			}
			if (QUOTED.matcher(line).matches() || SENT_FROM.matcher(line).matches()) {
				continue;
			}
			kept.add(line);
		}
		cutValediction(kept);
		return String.join("\n", kept).strip();
	}

	private static boolean isOutlookHeader(String[] lines, int i) {
		if (!OUTLOOK_FROM.matcher(lines[i]).matches()) {
			return false;
		}
		int fields = 0;
		for (int j = i + 1; j < Math.min(lines.length, i + 6); j++) {
			if (OUTLOOK_FIELD.matcher(lines[j]).matches()) {
				fields++;
			}
		}
		return fields >= 2;
	}

	/** A closing such as "Best regards," followed by a few short lines (name, title, phone) ends the message. */
	private static void cutValediction(List<String> lines) {
		int last = lastNonBlank(lines);
		int floor = Math.max(1, last - SIGNATURE_MAX_LINES);
		for (int i = last; i >= floor; i--) {
			String line = lines.get(i);
			if (VALEDICTION.matcher(line).matches()) {
				if (tailIsShort(lines, i + 1, last)) {
					lines.subList(i, lines.size()).clear();
				}
				return;
			}
			if (line.strip().length() > 60) {
				return;
			}
		}
	}

	private static boolean tailIsShort(List<String> lines, int from, int to) {
		for (int i = from; i <= to; i++) {
			if (lines.get(i).strip().length() > 60) {
				return false;
			}
		}
		return true;
	}

	private static int lastNonBlank(List<String> lines) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (!lines.get(i).isBlank()) {
				return i;
			}
		}
		return -1;
	}

}

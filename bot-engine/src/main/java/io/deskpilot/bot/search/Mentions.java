package io.deskpilot.bot.search;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ticket keys a request mentions: Jira-style keys ({@code HELP-12}) and numbers after "bug", "ticket", "#" and the like. */
final class Mentions {

	private static final Pattern JIRA_KEY = Pattern.compile("\\b[A-Z][A-Z0-9_]{1,15}-\\d{1,9}\\b");

	private static final Pattern NUMBERED = Pattern
		.compile("(?i)\\b(?:bug|ticket|issue|request|case|incident|req|inc)\\s*(?:no\\.?|number)?\\s*#?\\s*(\\d{2,10})\\b|(?<![\\w&])#(\\d{2,10})\\b");

	private static final int MAX = 10;

	private Mentions() {
	}

	/** The distinct keys, in order of appearance (at most ten). */
	static Set<String> keys(String text) {
		Set<String> keys = new LinkedHashSet<>();
		Matcher m = JIRA_KEY.matcher(text);
		while (m.find() && keys.size() < MAX) {
			keys.add(m.group());
		}
		m = NUMBERED.matcher(text);
		while (m.find() && keys.size() < MAX) {
			keys.add(m.group(1) != null ? m.group(1) : m.group(2));
		}
		return keys;
	}

}

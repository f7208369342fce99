package io.deskpilot.bot.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jira wiki markup (Server/Data Center, REST v2) into plain text. Code and noformat blocks keep their content on
 * their own lines; decoration ({@code *bold*}, {@code {color}}, headings, tables) is removed; links keep text and URL.
 */
public final class WikiText {

	private static final Pattern LOOKS_LIKE_WIKI = Pattern.compile(
			"\\{(code|noformat|quote|panel|color)[:}]|(?m)^h[1-6]\\.\\s|\\[[^\\]|]+\\|[^\\]]+\\]|\\[~[^\\]]+\\]|(?m)^bq\\.\\s|\\|\\|");

	private static final Pattern BLOCK_MACRO = Pattern.compile("(?s)\\{(code|noformat)(?::[^}]*)?\\}(.*?)\\{\\1\\}");

	private static final Pattern QUOTE_MACRO = Pattern.compile("(?s)\\{quote\\}(.*?)\\{quote\\}");

	private static final Pattern DECORATION_MACRO = Pattern.compile("\\{(color|panel|anchor|section|column)(?::[^}]*)?\\}");

	private static final Pattern HEADING = Pattern.compile("(?m)^h[1-6]\\.\\s+");

	private static final Pattern BQ = Pattern.compile("(?m)^bq\\.\\s+");

	private static final Pattern LINK_WITH_TEXT = Pattern.compile("\\[([^\\]|\\[]+)\\|([^\\]\\[]+)\\]");

	private static final Pattern MENTION = Pattern.compile("\\[~(?:accountid:)?([^\\]]+)\\]");

	private static final Pattern BARE_LINK = Pattern.compile("\\[((?:https?|ftp|mailto|file):[^\\]]+)\\]");

	private static final Pattern IMAGE = Pattern.compile("!([^!\\s|]+\\.(?:png|jpe?g|gif|bmp|svg))(?:\\|[^!]*)?!",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern TABLE_SEP = Pattern.compile("\\|\\|?");

	private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])([*_])(\\S(?:[^\n]*?\\S)?)\\1(?![\\w*])");

	private static final Pattern MONOSPACE = Pattern.compile("\\{\\{(.*?)\\}\\}");

	private static final Pattern RULE = Pattern.compile("(?m)^-{4,}\\s*$");

	private WikiText() {
	}

	/** Whether the text uses Jira wiki markup. */
	public static boolean looksLikeWiki(String raw) {
		boolean candidate = raw.indexOf('{') >= 0 || raw.indexOf('[') >= 0 || raw.indexOf('|') >= 0 || raw.contains("h1.")
				|| raw.contains("h2.") || raw.contains("h3.") || raw.contains("h4.") || raw.contains("h5.") || raw.contains("h6.")
				|| raw.contains("bq.");
		return candidate && LOOKS_LIKE_WIKI.matcher(raw).find();
	}

	/** Returns the text of a wiki-markup body; {@code {quote}} blocks are marked with "> " like e-mail quotes. */
	public static String toText(String wiki) {
		String s = BLOCK_MACRO.matcher(wiki).replaceAll(m -> Matcher.quoteReplacement("\n" + m.group(2).strip() + "\n"));
		s = QUOTE_MACRO.matcher(s).replaceAll(m -> Matcher.quoteReplacement(quote(m.group(1))));
		s = DECORATION_MACRO.matcher(s).replaceAll("");
		s = HEADING.matcher(s).replaceAll("");
		s = BQ.matcher(s).replaceAll("> ");
		s = LINK_WITH_TEXT.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " (" + m.group(2) + ")"));
		s = MENTION.matcher(s).replaceAll("@$1");
		s = BARE_LINK.matcher(s).replaceAll("$1");
		s = IMAGE.matcher(s).replaceAll("[image $1]");
		s = MONOSPACE.matcher(s).replaceAll("$1");
		s = RULE.matcher(s).replaceAll("");
		s = TABLE_SEP.matcher(s).replaceAll(" | ");
		s = EMPHASIS.matcher(s).replaceAll("$2");
		return s;
	}

	private static String quote(String body) {
		StringBuilder out = new StringBuilder("\n");
		for (String line : body.strip().split("\\R")) {
			out.append("> ").append(line).append('\n');
		}
		return out.toString();
	}

}

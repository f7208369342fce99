package io.deskpilot.bot.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns HTML fragments (mail bodies, Bugzilla, RT, portal comments) into plain text with paragraph breaks. */
public final class HtmlText {

	private static final Pattern LOOKS_LIKE_HTML = Pattern.compile(
			"(?i)<(p|br|div|span|a\\s|b|i|em|strong|ul|ol|li|table|tr|td|pre|code|blockquote|h[1-6]|html|body|img)[\\s/>]");

	private static final Pattern DROP_BLOCKS = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");

	private static final Pattern COMMENTS = Pattern.compile("(?s)<!--.*?-->");

	private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*href\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a\\s*>");

	private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");

	private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");

	private static final Pattern BLOCK_END = Pattern
		.compile("(?i)</?(p|div|h[1-6]|ul|ol|table|tr|pre|blockquote|section|article|header|footer)\\b[^>]*>");

	private static final Pattern CELL_END = Pattern.compile("(?i)</t[dh]\\s*>");

	private static final Pattern TAG = Pattern.compile("(?s)<[^>]{0,2000}>");

	private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");

	private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
			Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
			Map.entry("ndash", "-"), Map.entry("mdash", "-"), Map.entry("hellip", "..."), Map.entry("rsquo", "'"),
			Map.entry("lsquo", "'"), Map.entry("rdquo", "\""), Map.entry("ldquo", "\""), Map.entry("copy", "(c)"),
			Map.entry("trade", "(tm)"), Map.entry("reg", "(r)"), Map.entry("bull", "*"), Map.entry("middot", "*"));

	private HtmlText() {
	}

	/** Whether the text contains HTML markup worth converting. */
	public static boolean looksLikeHtml(String raw) {
		return raw.indexOf('<') >= 0 && LOOKS_LIKE_HTML.matcher(raw).find();
	}

	/** Returns the text of an HTML fragment: tags removed, links kept as "text (url)", entities decoded. */
	public static String toText(String html) {
		String s = DROP_BLOCKS.matcher(html).replaceAll(" ");
		s = COMMENTS.matcher(s).replaceAll(" ");
		s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(link(m.group(1), m.group(2))));
		s = BREAK.matcher(s).replaceAll("\n");
		s = LIST_ITEM.matcher(s).replaceAll("\n- ");
		s = CELL_END.matcher(s).replaceAll(" | ");
		s = BLOCK_END.matcher(s).replaceAll("\n\n");
		s = TAG.matcher(s).replaceAll("");
		return decodeEntities(s);
	}

	/** Decodes named and numeric character references; unknown names are left as they are. */
	public static String decodeEntities(String s) {
		if (s.indexOf('&') < 0) {
			return s;
		}
		return ENTITY.matcher(s).replaceAll(m -> {
			String e = m.group(1);
			String decoded;
			if (e.startsWith("#x") || e.startsWith("#X")) {
				decoded = codePoint(e.substring(2), 16);
			}
			else if (e.startsWith("#")) {
				decoded = codePoint(e.substring(1), 10);
			}
			else {
				decoded = NAMED.get(e.toLowerCase(java.util.Locale.ROOT));
			}
			return Matcher.quoteReplacement(decoded == null ? m.group() : decoded);
		});
	}

	private static String codePoint(String digits, int radix) {
		try {
			int cp = Integer.parseInt(digits, radix);
			return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : " ";
		}
		catch (NumberFormatException ex) {
			return " ";
		}
	}

	private static String link(String href, String text) {
		String t = TAG.matcher(text).replaceAll("").strip();
		if (t.isEmpty() || t.equals(href)) {
			return href;
		}
		return href.isBlank() || href.startsWith("#") || href.startsWith("mailto:") ? t : t + " (" + href + ")";
	}

}

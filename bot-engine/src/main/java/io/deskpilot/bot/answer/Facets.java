package io.deskpilot.bot.answer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The platform a text is about: operating system, browser, and the major version of named products. A reply about
 * an Android phone does not fit a request about an iPhone, nor one for Java 17 a request about Java 11.
 */
final class Facets {

	private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

	/** Group → value → how texts name it. */
	private static final Map<String, Map<String, Pattern>> GROUPS = Map.of(
			"operating system", Map.of(
					"Windows", Pattern.compile("\\bwin(?:dows)?\\s?(?:7|8|8\\.1|10|11|xp|vista|server)\\b|(?<!pop-up |browser |open |all )\\bWindows\\b(?! (?:key|button|logo|explorer))"
							+ "|\\bwindows (?:pc|laptop|computer|machine|device|user)s?\\b", 0),
					"macOS", Pattern.compile("\\b(?:mac ?os|os ?x|macbook|imac|mac mini|mac (?:pro|studio)|on (?:a|my|the|your) mac|mac(?:s)?\\b(?! address))", FLAGS),
					"Linux", Pattern.compile("\\b(?:linux|ubuntu|debian|fedora|red ?hat|rhel|centos|mint|arch linux)\\b", FLAGS),
					"Android", Pattern.compile("\\b(?:android|galaxy|pixel phone|samsung phone|oneplus|xiaomi|huawei)\\b", FLAGS),
					"iOS", Pattern.compile("\\b(?:ios|iphone|ipad|ipados)\\b", FLAGS),
					"ChromeOS", Pattern.compile("\\b(?:chrome ?os|chromebook)\\b", FLAGS)),
			"browser", Map.of(
					"Chrome", Pattern.compile("\\bchrome\\b(?! ?os| ?book)|\\bchromium\\b", FLAGS),
					"Firefox", Pattern.compile("\\bfirefox\\b", FLAGS),
					"Safari", Pattern.compile("\\bsafari\\b", FLAGS),
					"Edge", Pattern.compile("(?i:\\bmicrosoft edge\\b|\\bedge browser\\b)|\\bEdge\\b(?![- ]cases?)", 0),
					"Internet Explorer", Pattern.compile("\\binternet explorer\\b|\\bIE ?\\d{1,2}\\b", FLAGS)));

	/** Products whose major version matters: "Java 17", "Office 2016", "Python 3.11", "iOS 17". */
	private static final Pattern VERSIONED = Pattern.compile("\\b(java|jdk|jre|python|node(?:\\.js)?|php|ruby|perl|\\.net|dotnet|"
			+ "windows|macos|ios|android|ubuntu|debian|rhel|centos|office|outlook|excel|word|powerpoint|teams|exchange|"
			+ "sharepoint|chrome|firefox|safari|edge|postgres(?:ql)?|mysql|mariadb|oracle|sql server|jira|confluence|acrobat|"
			+ "photoshop|visual studio|xcode|kubernetes|docker|tomcat|spring boot|angular|react|vue|version|v)\\s?v?(\\d{1,4})"
			+ "(?:\\.\\d+)*\\b", FLAGS);

	private final Map<String, Set<String>> values = new HashMap<>();

	private Facets(String text) {
		GROUPS.forEach((group, names) -> names.forEach((value, p) -> {
			if (p.matcher(text).find()) {
				this.values.computeIfAbsent(group, g -> new HashSet<>()).add(value);
			}
		}));
		Matcher m = VERSIONED.matcher(text);
		while (m.find()) {
			String product = m.group(1).toLowerCase(Locale.ROOT).replace("jdk", "java").replace("jre", "java")
				.replace("postgresql", "postgres").replace("dotnet", ".net").replace("node.js", "node");
			if (product.equals("v")) {
				product = "version";
			}
			this.values.computeIfAbsent(product + " version", g -> new HashSet<>()).add(m.group(2));
		}
	}

	static Facets of(String text) {
		return new Facets(text);
	}

	/**
	 * The first disagreement between a request and a source: a group both name with nothing in common, e.g.
	 * "operating system: request iOS, answer Android"; null when they agree or one says nothing.
	 */
	static @Nullable String conflict(Facets request, Facets source) {
		for (var e : request.values.entrySet()) {
			Set<String> theirs = source.values.get(e.getKey());
			if (theirs != null && !theirs.isEmpty() && e.getValue().stream().noneMatch(theirs::contains)) {
				return e.getKey() + ": the request names " + String.join(", ", sorted(e.getValue())) + ", the earlier ticket "
						+ String.join(", ", sorted(theirs));
			}
		}
		return null;
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

}

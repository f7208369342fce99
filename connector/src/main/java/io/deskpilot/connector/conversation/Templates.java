package io.deskpilot.connector.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The public texts Deskpilot sends to customers, in several languages, with per-installation overrides. The built-in
 * texts are message files ({@code templates/messages_<language>.properties}): a language is a file, not code. A
 * template is text with placeholders in braces ({@code {answer}}); {@link #check} rejects unknown names and
 * placeholders.
 * Internal notes for agents are not templates: they are for the desk's staff and stay in English.
 */
public final class Templates {

	/** Where the built-in texts live: one file per language, {@code templates/messages_<language>.properties}. */
	static final String BUNDLES = "classpath*:templates/messages_*.properties";

	/** The built-in texts: language → name → text, read once from the message files. */
	private static final Map<String, Map<String, String>> BUILT_IN = load();

	/** Languages with built-in texts (one message file each; English first). */
	public static final List<String> LANGUAGES = BUILT_IN.keySet().stream()
		.sorted(java.util.Comparator.comparing((String l) -> !l.equals("en")).thenComparing(l -> l))
		.toList();

	/** Template names and the placeholders each may use. */
	public static final Map<String, Set<String>> NAMES = names();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

	private final Map<String, Map<String, String>> overrides;

	private Templates(Map<String, Map<String, String>> overrides) {
		this.overrides = overrides;
	}

	/** Built-in texts with the given overrides (language → name → text), which must pass {@link #check}. */
	public static Templates of(Map<String, Map<String, String>> overrides) {
		return new Templates(Map.copyOf(overrides));
	}

	/** Problems with template overrides: unknown languages, names or placeholders. Empty when all is well. */
	public static List<String> check(Map<String, Map<String, String>> overrides) {
		List<String> problems = new ArrayList<>();
		overrides.forEach((language, texts) -> {
			if (!LANGUAGES.contains(language)) {
				problems.add("templates: '" + language + "' is not one of " + LANGUAGES);
				return;
			}
			texts.forEach((name, text) -> {
				Set<String> allowed = NAMES.get(name);
				if (allowed == null) {
					problems.add("templates." + language + ": '" + name + "' is not a template (" + NAMES.keySet() + ")");
					return;
				}
				if (text == null || text.isBlank()) {
					problems.add("templates." + language + "." + name + ": must not be empty");
					return;
				}
				Matcher m = PLACEHOLDER.matcher(text);
				while (m.find()) {
					if (!allowed.contains(m.group(1))) {
						problems.add("templates." + language + "." + name + ": {" + m.group(1) + "} is not available here "
								+ "(available: " + allowed + ")");
					}
				}
				if (name.equals("answer") && !text.contains("{answer}")) {
					problems.add("templates." + language + ".answer: must contain {answer}");
				}
			});
		});
		return problems;
	}

	/** The built-in text of a template in a language, before any override (for editors). */
	public static String builtIn(String language, String name) {
		Map<String, String> texts = BUILT_IN.getOrDefault(language, BUILT_IN.get("en"));
		return texts.getOrDefault(name, BUILT_IN.get("en").getOrDefault(name, ""));
	}

	/** The text of a template in a language (falling back to English), with placeholders filled in. */
	public String render(String language, String name, Map<String, String> values) {
		String lang = LANGUAGES.contains(language) ? language : "en";
		Map<String, String> all = new LinkedHashMap<>(values);
		if (!name.startsWith("greeting") && !name.startsWith("eta")) {
			String customer = values.get("name");
			all.put("greeting", customer == null || customer.isBlank() ? text(lang, "greetingAnonymous")
					: fill(text(lang, "greeting"), Map.of("name", customer)));
		}
		return fill(text(lang, name), all);
	}

	/** "within about 25 minutes" or "by Tue 25 Nov, 10:30 (Europe/Berlin)", in the language. */
	public String eta(String language, Instant now, Instant expected, ZoneId zone) {
		long minutes = Math.max(1, Duration.between(now, expected).toMinutes());
		if (minutes < 120) {
			long rounded = minutes <= 10 ? minutes : ((minutes + 4) / 5) * 5;
			return render(language, "etaSoon", Map.of("minutes", Long.toString(rounded)));
		}
		String lang = LANGUAGES.contains(language) ? language : "en";
		String time = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.forLanguageTag(lang)).format(expected.atZone(zone))
				+ " (" + zone.getId() + ")";
		return render(language, "etaLater", Map.of("time", time));
	}

	private String text(String language, String name) {
		String override = this.overrides.getOrDefault(language, Map.of()).get(name);
		if (override != null) {
			return override;
		}
		String builtIn = BUILT_IN.get(language).get(name);
		return builtIn != null ? builtIn : BUILT_IN.get("en").get(name);
	}

	private static String fill(String template, Map<String, String> values) {
		Matcher m = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			@Nullable String v = values.get(m.group(1));
			m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** Reads every language's message file (UTF-8); a file missing a template or with an unknown one fails start-up. */
	private static Map<String, Map<String, String>> load() {
		Map<String, Map<String, String>> out = new LinkedHashMap<>();
		try {
			for (Resource r : new PathMatchingResourcePatternResolver(Templates.class.getClassLoader()).getResources(BUNDLES)) {
				String file = java.util.Objects.requireNonNull(r.getFilename());
				String language = file.substring("messages_".length(), file.length() - ".properties".length());
				java.util.Properties texts = new java.util.Properties();
				try (var reader = new java.io.InputStreamReader(r.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
					texts.load(reader);
				}
				Map<String, String> byName = new LinkedHashMap<>();
				texts.stringPropertyNames().forEach(n -> byName.put(n, texts.getProperty(n)));
				Set<String> missing = new java.util.TreeSet<>(names().keySet());
				missing.removeAll(byName.keySet());
				Set<String> unknown = new java.util.TreeSet<>(byName.keySet());
				unknown.removeAll(names().keySet());
				if (!missing.isEmpty() || !unknown.isEmpty()) {
					throw new IllegalStateException(file + ": missing templates " + missing + ", unknown ones " + unknown);
				}
				out.put(language, Map.copyOf(byName));
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("cannot read the message files " + BUNDLES, ex);
		}
		if (!out.containsKey("en")) {
			throw new IllegalStateException("no templates/messages_en.properties on the classpath");
		}
		return Map.copyOf(out);
	}

	private static Map<String, Set<String>> names() {
		Map<String, Set<String>> n = new LinkedHashMap<>();
		n.put("greeting", Set.of("name"));
		n.put("greetingAnonymous", Set.of());
		n.put("answer", Set.of("greeting", "name", "answer"));
		n.put("acknowledgement", Set.of("greeting", "name", "position", "eta"));
		n.put("confirmed", Set.of("greeting", "name"));
		n.put("escalated", Set.of("greeting", "name"));
		n.put("assigned", Set.of("greeting", "name", "agent"));
		n.put("closedUnconfirmed", Set.of("greeting", "name", "days"));
		n.put("outageResolved", Set.of("greeting", "name", "resolution"));
		n.put("etaSoon", Set.of("minutes"));
		n.put("etaLater", Set.of("time"));
		return Map.copyOf(n);
	}

}

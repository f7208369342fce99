package io.deskpilot.connector.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request must never be answered by the bot: a pure function of the request and the
 * installation's {@link RoutingRule}s. The first matching rule wins and is named in the audit log.
 */
public final class Guardrails {

	/** Built-in topics and the phrases that reveal them. */
	static final Map<String, List<String>> TOPICS = Map.of(
			"security", List.of("security", "breach", "hacked", "hack", "phishing", "malware", "virus", "ransomware",
					"compromised", "vulnerability", "suspicious login", "stolen", "data leak", "leaked", "unauthorized access"),
			"legal", List.of("lawyer", "attorney", "legal action", "lawsuit", "sue you", "court", "subpoena",
					"cease and desist", "gdpr", "data protection", "solicitor", "legal department"),
			"billing", List.of("refund", "chargeback", "overcharged", "double charged", "charged twice", "billing dispute",
					"wrong invoice", "invoice is wrong", "incorrect invoice", "dispute", "money back", "cancel my subscription"));

	private static final List<String> ANGRY_WORDS = List.of("unacceptable", "ridiculous", "furious", "angry", "outrageous",
			"disgusting", "pathetic", "useless", "incompetent", "terrible service", "worst", "fed up", "sick of",
			"joke", "wtf", "scandal", "shameful", "never again", "third time", "again and again");

	private static final Pattern LETTERS = Pattern.compile("\\p{L}");

	private Guardrails() {
	}

	/**
	 * The request's facts that rules look at.
	 *
	 * @param customerId platform id of the requester
	 * @param customerEmail e-mail of the requester, if known
	 * @param organization the requester's organization, if any
	 * @param requestType the request type, if any
	 * @param text summary and description
	 */
	public record Facts(@Nullable String customerId, @Nullable String customerEmail, @Nullable String organization,
			@Nullable String requestType, String text) {
	}

	/** The first rule the request matches, described for people; empty when the bot may answer. */
	public static Optional<String> firstMatch(List<RoutingRule> rules, Facts facts) {
		String lower = " " + facts.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
		for (RoutingRule rule : rules) {
			String v = rule.value();
			boolean hit = switch (rule.kind()) {
				case VIP_CUSTOMER -> v.equalsIgnoreCase(String.valueOf(facts.customerId())) || v.equalsIgnoreCase(String.valueOf(facts.customerEmail()));
				case VIP_ORGANIZATION -> v.equalsIgnoreCase(String.valueOf(facts.organization()));
				case REQUEST_TYPE -> v.equalsIgnoreCase(String.valueOf(facts.requestType()));
				case TOPIC -> topicPhrases(v).stream().anyMatch(p -> containsPhrase(lower, p));
				case ANGRY_TONE -> isAngry(facts.text());
			};
			if (hit) {
				return Optional.of(rule.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
						+ (rule.kind() == RuleKind.ANGRY_TONE ? "" : " '" + v + "'"));
			}
		}
		return Optional.empty();
	}

	static List<String> topicPhrases(String value) {
		List<String> builtIn = TOPICS.get(value.toLowerCase(Locale.ROOT));
		if (builtIn != null) {
			return builtIn;
		}
		return Arrays.stream(value.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
	}

	private static boolean containsPhrase(String paddedLowerText, String phrase) {
		int i = paddedLowerText.indexOf(phrase);
		while (i >= 0) {
			char before = paddedLowerText.charAt(i - 1 < 0 ? 0 : i - 1);
			int end = i + phrase.length();
			char after = end < paddedLowerText.length() ? paddedLowerText.charAt(end) : ' ';
			if (!Character.isLetterOrDigit(before) && !Character.isLetterOrDigit(after)) {
				return true;
			}
			i = paddedLowerText.indexOf(phrase, i + 1);
		}
		return false;
	}

	/** An angry tone: angry words, shouting in capitals, or a volley of exclamation marks; two signals are needed. */
	public static boolean isAngry(String text) {
		String lower = " " + text.toLowerCase(Locale.ROOT) + " ";
		int signals = 0;
		for (String w : ANGRY_WORDS) {
			if (containsPhrase(lower, w)) {
				signals++;
			}
		}
		long letters = LETTERS.matcher(text).results().count();
		long upper = text.chars().filter(Character::isUpperCase).count();
		if (letters >= 20 && upper >= letters * 0.6) {
			signals += 2;
		}
		if (text.contains("!!")) {
			signals++;
		}
		return signals >= 2;
	}

}

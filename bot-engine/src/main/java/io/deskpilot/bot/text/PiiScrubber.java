package io.deskpilot.bot.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from text that may be shown to another customer: e-mail addresses, phone numbers,
 * IP addresses, names in greetings and mentions, API keys, tokens, passwords and credentials in URLs. It errs on the
 * side of removing: a redacted version string costs little, a leaked password costs a lot.
 */
public final class PiiScrubber {

	public static final String EMAIL = "[email]";

	public static final String PHONE = "[phone]";

	public static final String IP = "[ip]";

	public static final String SECRET = "[redacted]";

	public static final String NAME = "[name]";

	private static final Pattern URL_CREDENTIALS = Pattern
		.compile("(?i)\\b([a-z][a-z0-9+.-]{1,15}://)([^\\s/@:]+)(:[^\\s/@]*)?@");

	private static final Pattern EMAIL_ADDRESS = Pattern
		.compile("(?i)(?<![\\w.+-])[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,24}\\b");

	private static final Pattern AUTH_HEADER = Pattern
		.compile("(?i)\\b(authorization|proxy-authorization)(\\s*[:=]\\s*)(basic|bearer|token|digest|negotiate)?\\s*[^\\s,;\"']+");

	private static final Pattern KEY_VALUE_SECRET = Pattern.compile("(?i)\\b((?:[a-z0-9_.-]*?)"
			+ "(?:password|passwd|passphrase|pwd|pass|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key"
			+ "|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|session[_-]?id|token|credentials?))"
			+ "(\\s*(?:[:=]|=>|\\bis\\b|\\bwas\\b)\\s*)(\"[^\"\\n]{1,200}\"|'[^'\\n]{1,200}'|[^\\s\"',;]{3,})");

	private static final List<Pattern> TOKEN_SHAPES = List.of(
			// AWS access key ids, GitHub, GitLab, Slack, Stripe, Google, Atlassian API tokens
			Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"),
			Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"), Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b"),
			Pattern.compile("\\b[sr]k_(live|test)_[A-Za-z0-9]{16,}\\b"), Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
			Pattern.compile("\\bATATT[A-Za-z0-9_=-]{20,}\\b"),
			// JSON web tokens
			Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
			// PEM private keys
			Pattern.compile("(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----"),
			// long random-looking strings: at least 32 characters mixing letters and digits
			Pattern.compile("(?<![\\w/.-])(?=[A-Za-z0-9+/_=-]*\\d)(?=[A-Za-z0-9+/_=-]*[A-Za-z])[A-Za-z0-9+/_=-]{32,}(?![\\w/.-])"));

	private static final Pattern IPV4 = Pattern
		.compile("(?<![\\w.])((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)(/\\d{1,2})?(?![\\w.]*\\d)");

	private static final Pattern IPV6 = Pattern
		.compile("(?i)(?<![\\w:])(([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|([0-9a-f]{1,4}:){1,7}:|([0-9a-f]{1,4}:){1,6}(:[0-9a-f]{1,4}){1,6}|fe80:[0-9a-f:]{4,})(?![\\w:])");

	private static final Pattern PHONE_NUMBER = Pattern
		.compile("(?<![\\w.+-])(\\+\\d{1,3}[\\s.-]?)?(\\(\\d{1,5}\\)[\\s.-]?)?\\d{2,5}([\\s.-]\\d{2,5}){1,5}(?![\\w.-]*\\d)");

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern GREETING = Pattern.compile("(?im)^(\\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)"
			+ "|hallo|bonjour|hola|ciao|greetings)),?[ \\t]+((?:(?:mr|mrs|ms|miss|dr|herr|frau)\\.?[ \\t]+)?"
			+ "\\p{Lu}[\\p{L}'’-]+(?:[ \\t]+\\p{Lu}[\\p{L}'’-]+){0,2}|@\\S+)[ \\t]*([,!:.\\-–]|$)");

	private static final List<String> SECRET_WORDS = List.of("pass", "pwd", "secret", "key", "token", "credential",
			"session");

	private static final List<String> GREETING_WORDS = List.of("hi", "hello", "hey", "dear", "good ", "hallo", "bonjour",
			"hola", "ciao", "greetings");

	private static final Pattern MENTION = Pattern.compile("(?<![^\\s(,;:])@(?!\\[)[\\p{L}0-9._-]{2,}");

	private PiiScrubber() {
	}

	/** Returns the text with personal data and secrets replaced by placeholders. */
	public static String scrub(String text) {
		if (text.isBlank()) {
			return text;
		}
		// each pattern runs only when a cheap check says it could match: most text has no e-mail, key or address
		String s = text;
		boolean at = s.indexOf('@') >= 0;
		if (at && s.contains("://")) {
			s = URL_CREDENTIALS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + SECRET + "@"));
		}
		String lower = s.toLowerCase(java.util.Locale.ROOT);
		if (lower.contains("authorization")) {
			s = AUTH_HEADER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2)
					+ (m.group(3) == null ? "" : m.group(3) + " ") + SECRET));
		}
		if (hasLongRun(s) || s.contains("-----BEGIN")) {
			for (Pattern shape : TOKEN_SHAPES) {
				s = shape.matcher(s).replaceAll(SECRET);
			}
		}
		if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
			s = KEY_VALUE_SECRET.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
					m.group(3).equals(SECRET) ? m.group() : m.group(1) + m.group(2) + SECRET));
		}
		if (at) {
			s = EMAIL_ADDRESS.matcher(s).replaceAll(EMAIL);
		}
		int digits = countDigits(s);
		if (digits >= 4 && s.indexOf('.') >= 0) {
			s = IPV4.matcher(s).replaceAll(m -> isHarmlessAddress(m.group()) ? Matcher.quoteReplacement(m.group()) : IP);
		}
		if (s.indexOf(':') >= 0) {
			s = IPV6.matcher(s).replaceAll(m -> m.group().contains("::") && m.group().length() < 6 ? m.group() : IP);
		}
		if (digits >= 7) {
			s = PHONE_NUMBER.matcher(s).replaceAll(m -> isPhone(m.group()) ? PHONE : Matcher.quoteReplacement(m.group()));
		}
		if (GREETING_WORDS.stream().anyMatch(lower::contains)) {
			s = GREETING.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(3)));
		}
		if (s.indexOf('@') >= 0) {
			s = MENTION.matcher(s).replaceAll(Matcher.quoteReplacement("@" + NAME));
		}
		return s;
	}

	/** Whether the text has a run of 32 or more token characters (a key, a hash, a JWT). */
	private static boolean hasLongRun(String s) {
		int run = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '_' || c == '=' || c == '-' || c == '.') {
				if (++run >= 20) {
					return true;
				}
			}
			else {
				run = 0;
			}
		}
		return false;
	}

	private static int countDigits(String s) {
		int n = 0;
		for (int i = 0; i < s.length(); i++) {
			if (Character.isDigit(s.charAt(i))) {
				n++;
			}
		}
		return n;
	}

	/** Loopback, unspecified and netmask-like addresses carry no personal data and often matter in instructions. */
	private static boolean isHarmlessAddress(String ip) {
		String bare = ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip;
		return bare.startsWith("127.") || bare.equals("0.0.0.0") || bare.startsWith("255.");
	}

	private static boolean isPhone(String candidate) {
		if (ISO_DATE.matcher(candidate).find()) {
			return false;
		}
		int digits = 0;
		for (int i = 0; i < candidate.length(); i++) {
			if (Character.isDigit(candidate.charAt(i))) {
				digits++;
			}
		}
		boolean formatted = candidate.startsWith("+") || candidate.contains("(");
		return digits >= 9 && digits <= 15 || formatted && digits >= 7 && digits <= 15;
	}

}

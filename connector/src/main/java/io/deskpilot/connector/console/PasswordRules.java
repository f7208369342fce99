package io.deskpilot.connector.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new console password must be, after NIST SP 800-63B (5.1.1.2): at least {@value #MIN_LENGTH} characters, at
 * most {@value #MAX_BYTES} bytes (bcrypt reads no more), and not guessable from a list: not one of the common
 * passwords in {@code security/common-passwords.txt} (John the Ripper's public-domain {@code password.lst}, 3,546
 * entries), nor whose letters are one or two of them (digits and punctuation around or between do not count), nor a
 * repetition or a run
 * ({@code aaaa…}, {@code abcabc…}, {@code 1234…}), nor containing the user name or the service's name. No composition
 * rules (a digit, a capital): length and the list do the work.
 */
final class PasswordRules {

	static final int MIN_LENGTH = 15;

	static final int MAX_BYTES = 72;

	private static final String LIST = "security/common-passwords.txt";

	private PasswordRules() {
	}

	/** Why the password may not be used, or empty when it may. Never repeats the password. */
	static Optional<String> problem(String username, String password) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Optional.of("A password has at least " + MIN_LENGTH + " characters (this one has " + length + ")");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("A password has at most " + MAX_BYTES + " bytes (bcrypt ignores the rest)");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		Set<String> common = Common.WORDS;
		if (common.contains(lower)) {
			return Optional.of("This password is on a list of the most common passwords");
		}
		if (repetitive(lower)) {
			return Optional.of("This password repeats or counts (like aaaa…, abcabc… or 1234…)");
		}
		String core = core(lower);
		if (!core.isEmpty() && (common.contains(core) || twoCommon(core, common) || repetitive(core))) {
			return Optional.of("This password is built from common passwords");
		}
		String name = username.strip().toLowerCase(Locale.ROOT);
		if ((name.length() >= 3 && lower.contains(name)) || lower.contains("deskpilot")) {
			return Optional.of("A password may not contain the user name or the service's name");
		}
		return Optional.empty();
	}

	/** The letters only: {@code "Summer-2024!"} → {@code "summer"}, {@code "Dragon-2024-Dragon"} → {@code "dragondragon"}. */
	private static String core(String lower) {
		StringBuilder kept = new StringBuilder();
		lower.codePoints().filter(Character::isLetter).forEach(kept::appendCodePoint);
		return kept.toString();
	}

	private static boolean twoCommon(String core, Set<String> common) {
		for (int i = 1; i < core.length(); i++) {
			if (common.contains(core.substring(0, i)) && common.contains(core.substring(i))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One unit repeated at least one and a half times ({@code abcabcabc}, {@code 123456789012345}) or a run
	 * ({@code abcdef}, {@code 97531}).
	 */
	static boolean repetitive(String s) {
		int n = s.length();
		if (n < 2) {
			return true;
		}
		for (int period = 1; period * 3 <= n * 2; period++) {
			boolean periodic = true;
			for (int i = period; i < n && periodic; i++) {
				periodic = s.charAt(i) == s.charAt(i - period);
			}
			if (periodic) {
				return true;
			}
		}
		int step = s.charAt(1) - s.charAt(0);
		if (step == 0) {
			return false;
		}
		for (int i = 2; i < n; i++) {
			if (s.charAt(i) - s.charAt(i - 1) != step) {
				return false;
			}
		}
		return true;
	}

	/** The list, read once. */
	private static final class Common {

		static final Set<String> WORDS = read();

		private static Set<String> read() {
			Set<String> words = new HashSet<>();
			try (InputStream in = PasswordRules.class.getClassLoader().getResourceAsStream(LIST)) {
				if (in == null) {
					throw new IllegalStateException(LIST + " is missing from the classpath");
				}
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (!line.isBlank() && !line.startsWith("#")) {
						words.add(line.strip().toLowerCase(Locale.ROOT));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + LIST, ex);
			}
			return Set.copyOf(words);
		}

	}

}

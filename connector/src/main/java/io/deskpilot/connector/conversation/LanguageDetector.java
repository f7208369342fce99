package io.deskpilot.connector.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells which of the supported languages a customer wrote in, by counting each language's most frequent function
 * words. Short or mixed texts without a clear winner get the fallback: replying in the desk's language is better than
 * guessing.
 */
public final class LanguageDetector {

	private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

	private static final Map<String, Set<String>> STOPWORDS = Map.of(
			"en", Set.of("the", "and", "is", "to", "my", "it", "not", "of", "in", "i", "a", "for", "with", "on", "can't",
					"cannot", "does", "doesn't", "this", "since", "we", "you", "please", "when", "have", "after", "from"),
			"de", Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "mein", "meine", "es", "ein", "eine", "mit",
					"seit", "bitte", "wir", "kann", "keine", "kein", "auf", "für", "den", "dem", "bei", "nach", "funktioniert", "geht"),
			"fr", Set.of("le", "la", "les", "et", "est", "ne", "pas", "je", "mon", "ma", "mes", "un", "une", "avec", "depuis",
					"pour", "dans", "sur", "nous", "vous", "il", "ce", "ça", "fonctionne", "marche", "plus", "merci", "j'ai", "des", "du"),
			"es", Set.of("el", "la", "los", "las", "y", "es", "no", "mi", "mis", "un", "una", "con", "desde", "para", "en",
					"por", "que", "funciona", "puedo", "se", "del", "al", "gracias", "tengo", "está", "hay"));

	private LanguageDetector() {
	}

	/** The language code of the text, or {@code fallback} when no language clearly wins. */
	public static String detect(String text, String fallback) {
		var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
		int[] counts = new int[Templates.LANGUAGES.size()];
		int words = 0;
		while (m.find() && words < 400) {
			words++;
			String w = m.group();
			for (int i = 0; i < counts.length; i++) {
				if (STOPWORDS.get(Templates.LANGUAGES.get(i)).contains(w)) {
					counts[i]++;
				}
			}
		}
		int best = -1;
		int second = 0;
		for (int i = 0; i < counts.length; i++) {
			if (best < 0 || counts[i] > counts[best]) {
				if (best >= 0) {
					second = Math.max(second, counts[best]);
				}
				best = i;
			}
			else {
				second = Math.max(second, counts[i]);
			}
		}
		if (best < 0 || counts[best] < 2 || counts[best] < second * 1.5) {
			return fallback;
		}
		return List.copyOf(Templates.LANGUAGES).get(best);
	}

}

package io.deskpilot.connector.workflow;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.deskpilot.bot.text.TextCleaner;
import org.jspecify.annotations.Nullable;

/**
 * Key terms of a request, for spotting outages: many customers describing the same failure at the same time share
 * its words (the service, the error) even when they phrase the rest differently. The summary carries most of it, so
 * only the summary and the start of the description are read.
 */
final class Fingerprints {

	private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Set<String> STOP = new HashSet<>(Arrays.asList(("a an and are as at be been but by can cannot can't "
			+ "could did do does doesn't don't for from get getting got had has have help hello hi how i i'm in is isn't it "
			+ "it's its just me my no not now of on or our please since so some still that the their them then there this "
			+ "to today trying up us very was we were what when where which while who why will with won't work working "
			+ "works would you your again anymore any all also thanks thank issue problem error seems morning").split(" ")));

	private static final int MAX_TERMS = 16;

	private Fingerprints() {
	}

	/** Sorted distinct key terms, space-separated. */
	static String of(String summary, String description) {
		String start = description.length() > 200 ? description.substring(0, 200) : description;
		String text = TextCleaner.clean(summary + "\n" + start).toLowerCase(Locale.ROOT);
		Set<String> terms = new TreeSet<>();
		for (String w : SPLIT.split(text)) {
			if (w.length() < 3 || STOP.contains(w) || w.chars().allMatch(Character::isDigit)) {
				continue;
			}
			terms.add(stem(w));
			if (terms.size() >= MAX_TERMS) {
				break;
			}
		}
		return String.join(" ", terms);
	}

	/** Whether two fingerprints describe the same thing: at least two shared terms covering a third of the shorter. */
	static boolean similar(@Nullable String a, @Nullable String b) {
		if (a == null || b == null || a.isBlank() || b.isBlank()) {
			return false;
		}
		List<String> x = List.of(a.split(" "));
		Set<String> y = Set.of(b.split(" "));
		long shared = x.stream().filter(y::contains).count();
		int shorter = Math.min(x.size(), y.size());
		return shared >= 2 && shared * 3 >= shorter;
	}

	private static String stem(String w) {
		if (w.length() > 5 && w.endsWith("ing")) {
			return w.substring(0, w.length() - 3);
		}
		if (w.length() > 4 && w.endsWith("ed")) {
			return w.substring(0, w.length() - 2);
		}
		if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
			return w.substring(0, w.length() - 1);
		}
		return w;
	}

}

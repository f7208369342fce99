package io.deskpilot.bot.index;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;
import org.jspecify.annotations.Nullable;

/**
 * Keeps only tokens that look like code (identifiers with dots or underscores, camelCase names, error codes,
 * versions, words mixing letters and digits, ALLCAPS constants) and adds their dotted or dashed parts, so that
 * {@code java.lang.NullPointerException} also matches {@code NullPointerException}. Everything is lower-cased.
 */
final class CodeTokenFilter extends TokenFilter {

	private static final String TRIM = ".-:_#$/'\"";

	private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("v?\\d+(\\.\\d+){2,}");

	private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

	private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);

	private final Deque<String> pending = new ArrayDeque<>();

	private AttributeSource.@Nullable State state;

	CodeTokenFilter(TokenStream input) {
		super(input);
	}

	@Override
	public boolean incrementToken() throws IOException {
		if (!this.pending.isEmpty()) {
			restoreState(this.state);
			this.term.setEmpty().append(this.pending.poll());
			this.posInc.setPositionIncrement(0);
			return true;
		}
		while (this.input.incrementToken()) {
			String raw = trim(this.term.toString());
			if (!isCodeLike(raw)) {
				continue;
			}
			String lower = raw.toLowerCase(Locale.ROOT);
			this.term.setEmpty().append(lower);
			for (String part : lower.split("[.\\-:$#/]+")) {
				if (!part.equals(lower) && isUsefulPart(part)) {
					this.pending.add(part);
				}
			}
			// a version also names its release line: 15.1.1 is in 15.1
			if (VERSION.matcher(lower).matches()) {
				for (int dot = lower.lastIndexOf('.'); dot > 0 && lower.indexOf('.') < dot; dot = lower.lastIndexOf('.', dot - 1)) {
					this.pending.add(lower.substring(0, dot));
				}
			}
			if (!this.pending.isEmpty()) {
				this.state = captureState();
			}
			return true;
		}
		return false;
	}

	@Override
	public void reset() throws IOException {
		super.reset();
		this.pending.clear();
		this.state = null;
	}

	static String trim(String s) {
		int start = 0;
		int end = s.length();
		while (start < end && TRIM.indexOf(s.charAt(start)) >= 0) {
			start++;
		}
		while (end > start && TRIM.indexOf(s.charAt(end - 1)) >= 0) {
			end--;
		}
		return s.substring(start, end);
	}

	static boolean isCodeLike(String t) {
		int n = t.length();
		if (n < 3 || n > 120) {
			return false;
		}
		boolean letter = false;
		boolean digit = false;
		boolean joiner = false;
		boolean camel = false;
		int upper = 0;
		int dashes = 0;
		for (int i = 0; i < n; i++) {
			char c = t.charAt(i);
			if (Character.isLetter(c)) {
				letter = true;
				if (Character.isUpperCase(c)) {
					upper++;
					if (i > 0 && Character.isLowerCase(t.charAt(i - 1))) {
						camel = true;
					}
				}
			}
			else if (Character.isDigit(c)) {
				digit = true;
			}
			else if (i > 0 && i < n - 1 && (c == '.' || c == '_' || c == ':' || c == '$' || c == '#')) {
				joiner = true;
			}
			else if (c == '-' && i > 0 && i < n - 1) {
				dashes++;
			}
		}
		if (!letter) {
			// numbers: error codes and ports (3 to 6 digits), versions like 2.4.1
			return digit && (joiner || n <= 6);
		}
		// command names such as euca-describe-instances; a single dash is ordinary prose (e-mail, follow-up)
		return digit || joiner || camel || dashes >= 2 || upper == n && n >= 4;
	}

	private static boolean isUsefulPart(String part) {
		if (part.length() < 3) {
			return false;
		}
		for (int i = 0; i < part.length(); i++) {
			if (!Character.isDigit(part.charAt(i))) {
				return true;
			}
		}
		return part.length() >= 3;
	}

}

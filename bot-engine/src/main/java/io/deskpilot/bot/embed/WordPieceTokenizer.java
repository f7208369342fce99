package io.deskpilot.bot.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The BERT tokenizer (uncased WordPiece) as described by a Hugging Face {@code tokenizer.json}: clean and lower-case
 * the text, strip accents, split on white space and punctuation (CJK characters stand alone), then split each word
 * into the longest vocabulary pieces, continuations prefixed with {@code ##}.
 */
final class WordPieceTokenizer {

	private static final int MAX_WORD_CHARS = 100;

	private final Map<String, Integer> vocab;

	private final int unk;

	private final int cls;

	private final int sep;

	private WordPieceTokenizer(Map<String, Integer> vocab) {
		this.vocab = vocab;
		this.unk = id(vocab, "[UNK]");
		this.cls = id(vocab, "[CLS]");
		this.sep = id(vocab, "[SEP]");
	}

	/** Reads the vocabulary of a {@code tokenizer.json}. */
	static WordPieceTokenizer fromTokenizerJson(InputStream in) {
		try (in) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			JsonNode model = root.path("model");
			if (!"WordPiece".equals(model.path("type").asString(""))) {
				throw new IllegalArgumentException("not a WordPiece tokenizer: " + model.path("type").asString(""));
			}
			Map<String, Integer> vocab = new HashMap<>();
			model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
			return new WordPieceTokenizer(vocab);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Token ids of {@code [CLS] text [SEP]}, at most {@code maxTokens} long (the text is cut, not the markers). */
	long[] encode(String text, int maxTokens) {
		List<Integer> ids = new ArrayList<>(Math.min(maxTokens, 256));
		ids.add(this.cls);
		int budget = maxTokens - 2;
		outer: for (String word : basicTokens(text)) {
			for (int piece : wordPieces(word)) {
				if (ids.size() - 1 >= budget) {
					break outer;
				}
				ids.add(piece);
			}
		}
		ids.add(this.sep);
		long[] out = new long[ids.size()];
		for (int i = 0; i < out.length; i++) {
			out[i] = ids.get(i);
		}
		return out;
	}

	/** Cleaning, lower-casing, accent stripping and splitting on white space and punctuation. */
	static List<String> basicTokens(String text) {
		String lower = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
		List<String> out = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < lower.length();) {
			int cp = lower.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == 0 || cp == 0xFFFD || isControl(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
				continue;
			}
			if (isWhitespace(cp)) {
				flush(word, out);
			}
			else if (isPunctuation(cp) || isCjk(cp)) {
				flush(word, out);
				out.add(new String(Character.toChars(cp)));
			}
			else {
				word.appendCodePoint(cp);
			}
		}
		flush(word, out);
		return out;
	}

	private List<Integer> wordPieces(String word) {
		if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
			return List.of(this.unk);
		}
		List<Integer> pieces = new ArrayList<>();
		int start = 0;
		while (start < word.length()) {
			int end = word.length();
			Integer found = null;
			while (start < end) {
				String candidate = (start > 0 ? "##" : "") + word.substring(start, end);
				found = this.vocab.get(candidate);
				if (found != null) {
					break;
				}
				end = word.offsetByCodePoints(end, -1);
			}
			if (found == null) {
				return List.of(this.unk);
			}
			pieces.add(found);
			start = end;
		}
		return pieces;
	}

	private static void flush(StringBuilder word, List<String> out) {
		if (!word.isEmpty()) {
			out.add(word.toString());
			word.setLength(0);
		}
	}

	private static boolean isWhitespace(int cp) {
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
	}

	private static boolean isControl(int cp) {
		if (cp == '\t' || cp == '\n' || cp == '\r') {
			return false;
		}
		int type = Character.getType(cp);
		return type == Character.CONTROL || type == Character.FORMAT;
	}

	private static boolean isPunctuation(int cp) {
		if (cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126) {
			return true;
		}
		int type = Character.getType(cp);
		return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
				|| type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
				|| type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
				|| type == Character.OTHER_PUNCTUATION;
	}

	private static boolean isCjk(int cp) {
		return cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x20000 && cp <= 0x2A6DF
				|| cp >= 0x2A700 && cp <= 0x2CEAF || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x2F800 && cp <= 0x2FA1F;
	}

	private static int id(Map<String, Integer> vocab, String token) {
		Integer id = vocab.get(token);
		if (id == null) {
			throw new IllegalArgumentException("vocabulary lacks " + token);
		}
		return id;
	}

}

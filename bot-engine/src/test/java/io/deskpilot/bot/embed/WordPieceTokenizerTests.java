package io.deskpilot.bot.embed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordPieceTokenizerTests {

	private final WordPieceTokenizer tokenizer = WordPieceTokenizer
		.fromTokenizerJson(getClass().getClassLoader().getResourceAsStream(BgeSmallEmbedder.TOKENIZER));

	@Test
	void matchesBertUncased() {
		// ids from the bert-base-uncased vocabulary: [CLS]=101, [SEP]=102, "hello"=7592, ","=1010, "world"=2088, "!"=999
		assertThat(this.tokenizer.encode("Hello, WORLD!", 512)).containsExactly(101, 7592, 1010, 2088, 999, 102);
		// greedy longest match first in this vocabulary: una ##ffa ##ble
		assertThat(this.tokenizer.encode("unaffable", 512)).containsExactly(101, vocab("una"), vocab("##ffa"), vocab("##ble"), 102);
		assertThat(this.tokenizer.encode("qzxqzxqzx", 512)).containsExactly(101, vocab("q"), vocab("##z"), vocab("##x"), vocab("##q"),
				vocab("##z"), vocab("##x"), vocab("##q"), vocab("##z"), vocab("##x"), 102);
	}

	private static long vocab(String piece) {
		tools.jackson.databind.JsonNode root = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(WordPieceTokenizerTests.class.getClassLoader().getResourceAsStream(BgeSmallEmbedder.TOKENIZER));
		return root.path("model").path("vocab").path(piece).asLong(-1);
	}

	@Test
	void stripsAccentsAndSplitsPunctuation() {
		assertThat(WordPieceTokenizer.basicTokens("Café-déjà vu (ok)")).containsExactly("cafe", "-", "deja", "vu", "(", "ok", ")");
	}

	@Test
	void cutsButKeepsTheMarkers() {
		long[] ids = this.tokenizer.encode("one two three four five six", 5);
		assertThat(ids).hasSize(5);
		assertThat(ids[0]).isEqualTo(101);
		assertThat(ids[4]).isEqualTo(102);
	}

}

package io.deskpilot.bot.embed;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecentEmbeddingsTests {

	@Test
	void aTextReadToTheSameLength_isEmbeddedOnce_howeverTheLimitWasAskedFor() {
		Counting model = new Counting(128);
		RecentEmbeddings recent = new RecentEmbeddings(model, 8);

		List<float[]> decision = recent.embed(List.of("vpn fails after update", "vpn"), 128);
		List<float[]> ingest = recent.embed(List.of("vpn fails after update", "vpn", "printer offline"));

		assertThat(model.embedded).containsExactly("vpn fails after update", "vpn", "printer offline");
		assertThat(ingest.get(0)).isSameAs(decision.get(0));
		assertThat(ingest.get(1)).isSameAs(decision.get(1));
		assertThat(ingest.get(2)).isEqualTo(model.vector("printer offline"));

		// read to another length, it is another input
		recent.embed(List.of("vpn"), 64);
		assertThat(model.embedded).hasSize(4);
	}

	@Test
	void theLeastRecentlyUsedVectorGoesFirst() {
		Counting model = new Counting(128);
		RecentEmbeddings recent = new RecentEmbeddings(model, 2);
		recent.embed(List.of("a", "b"));
		recent.embed(List.of("a"));
		recent.embed(List.of("c"));

		assertThat(recent.size()).isEqualTo(2);
		recent.embed(List.of("a", "c"));
		assertThat(model.embedded).containsExactly("a", "b", "c");
		recent.embed(List.of("b"));
		assertThat(model.embedded).containsExactly("a", "b", "c", "b");
	}

	@Test
	void capacity_mustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecentEmbeddings(new Counting(128), 0))
			.withMessageContaining("capacity");
	}

	/** A model that records what it embedded. */
	private static final class Counting implements Embedder {

		final List<String> embedded = new ArrayList<>();

		private final int maxTokens;

		Counting(int maxTokens) {
			this.maxTokens = maxTokens;
		}

		@Override
		public String id() {
			return "counting";
		}

		@Override
		public int dimensions() {
			return 2;
		}

		@Override
		public int maxTokens() {
			return this.maxTokens;
		}

		@Override
		public synchronized List<float[]> embed(List<String> texts) {
			this.embedded.addAll(texts);
			return texts.stream().map(this::vector).toList();
		}

		@Override
		public List<float[]> embed(List<String> texts, int maxTokens) {
			return embed(texts);
		}

		float[] vector(String text) {
			return new float[] { text.length(), text.hashCode() % 7 };
		}

	}

}

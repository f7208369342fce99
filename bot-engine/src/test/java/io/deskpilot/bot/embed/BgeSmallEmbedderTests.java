package io.deskpilot.bot.embed;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BgeSmallEmbedderTests {

	static BgeSmallEmbedder embedder;

	@BeforeAll
	static void load() {
		embedder = BgeSmallEmbedder.load(128, 2);
	}

	@AfterAll
	static void close() {
		embedder.close();
	}

	@Test
	void vectorsAreUnitLength_andParaphrasesAreCloserThanUnrelatedText() {
		List<float[]> v = embedder.embed(List.of("I can't connect to the VPN since the update",
				"VPN client cannot connect after upgrading", "The printer on the third floor is out of toner"));
		assertThat(dot(v.get(0), v.get(0))).isCloseTo(1.0, within(1e-4));
		assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.15);
		assertThat(embedder.dimensions()).isEqualTo(384);
		assertThat(embedder.id()).isEqualTo("bge-small-en-v1.5-q/128");
	}

	@Test
	void textsEmbeddedSideBySideGetTheVectorsOfSingleCalls_inTheirOrder() {
		List<String> texts = List.of("short", "a much longer text about a mail server that rejects connections",
				"printer", "the VPN client hangs on connecting since this morning's Windows update, please help",
				"password prompt", "disk full on the build server", "Outlook asks for my password every few minutes");
		List<float[]> together = embedder.embed(texts);
		assertThat(together).hasSize(texts.size());
		for (int i = 0; i < texts.size(); i++) {
			assertThat(dot(together.get(i), embedder.embed(texts.get(i)))).as(texts.get(i)).isCloseTo(1.0, within(1e-6));
		}
	}

	@Test
	void concurrentCallers_eachGetTheirOwnVectors() throws Exception {
		// more callers than helpers: helpers busy with another call are called off, never waited for in a queue;
		// calls of four texts run them side by side, calls of two (like a request) one after the other on all threads
		List<String> texts = List.of("the VPN client hangs on connecting", "printer prints blank pages",
				"Outlook asks for my password", "disk full on the build server");
		List<float[]> expected = texts.stream().map(embedder::embed).toList();
		try (var callers = java.util.concurrent.Executors.newFixedThreadPool(6)) {
			List<java.util.concurrent.Future<List<float[]>>> calls = new java.util.ArrayList<>();
			for (int i = 0; i < 24; i++) {
				List<String> rotated = new java.util.ArrayList<>(texts);
				java.util.Collections.rotate(rotated, i);
				List<String> call = i % 2 == 0 ? rotated : rotated.subList(0, 2);
				calls.add(callers.submit(() -> embedder.embed(call)));
			}
			for (int i = 0; i < calls.size(); i++) {
				List<float[]> got = calls.get(i).get();
				assertThat(got).hasSize(i % 2 == 0 ? 4 : 2);
				for (int j = 0; j < got.size(); j++) {
					int text = Math.floorMod(j - i, texts.size());
					assertThat(dot(got.get(j), expected.get(text))).as("call %d, text %d", i, j).isCloseTo(1.0, within(1e-6));
				}
			}
		}
	}

	@Test
	void longTextsAreCutAtTheTokenLimit() {
		assertThat(embedder.tokenCount("word ".repeat(1000))).isEqualTo(128);
	}

	static double dot(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}

}

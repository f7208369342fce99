package io.deskpilot.bot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.embed.BgeSmallEmbedder;
import io.deskpilot.bot.eval.EvalFiles;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The product configuration (BM25 + dense) on the golden corpus. */
class HybridKnowledgeBaseTests {

	static BgeSmallEmbedder embedder;

	@BeforeAll
	static void load() {
		embedder = BgeSmallEmbedder.load(BgeSmallEmbedder.DEFAULT_MAX_TOKENS, 2);
	}

	@AfterAll
	static void close() {
		embedder.close();
	}

	@TempDir
	Path dir;

	@Test
	void paraphrases_thatLexicalRetrievalMisses_areFoundThroughTheDenseModel() throws Exception {
		Map<String, String> paraphrases = Map.of("the iPhone application quits as soon as I open it", "G-15",
				"the java process runs out of memory overnight", "G-10", "my one-time passcodes keep getting declined", "G-07");
		try (KnowledgeBase lexical = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null));
				KnowledgeBase hybrid = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null), embedder)) {
			for (KnowledgeBase kb : List.of(lexical, hybrid)) {
				kb.ingest(EvalFiles.history(Path.of("src/test/resources/fixtures/tickets.jsonl")));
				kb.refresh();
			}
			paraphrases.forEach((text, expected) -> {
				RequestText request = RequestText.of(text, "");
				assertThat(lexical.search(request, 3).get(0).id()).as("lexical top for '%s'", text).isNotEqualTo(expected);
				List<Match> matches = hybrid.search(request, 3);
				assertThat(matches.get(0).id()).as("hybrid top for '%s'", text).isEqualTo(expected);
				assertThat(matches.get(0).denseRank()).isEqualTo(1);
			});
		}
	}

	@Test
	void clearMatch_isAnswered_unrelatedRequest_isRouted_withExplanations() throws Exception {
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null), embedder)) {
			kb.ingest(EvalFiles.history(Path.of("src/test/resources/fixtures/tickets.jsonl")));
			kb.refresh();
			Decision answer = kb.decide(RequestText.of("Okta SSO login fails with SAML error InvalidNameIDPolicy",
					"Users get InvalidNameIDPolicy in the SAML response when signing in through Okta."));
			assertThat(answer.action()).as(answer.toString()).isEqualTo(Action.ANSWER);
			assertThat(answer.chosen().id()).isEqualTo("G-06");
			assertThat(answer.answer()).contains("EmailAddress");
			assertThat(answer.explanation()).contains("G-06");

			Decision route = kb.decide(RequestText.of("The coffee machine on floor 2 is leaking", "Water everywhere."));
			assertThat(route.action()).as(route.toString().substring(0, 300) + " conf " + route.confidence() + " " + route.explanation()).isEqualTo(Action.ROUTE);
			assertThat(route.confidence()).isLessThan(0.5);
		}
	}

	@Test
	void reopenedIndex_searchesLikeBefore() throws Exception {
		List<String> before;
		RequestText request = new RequestText("Q", Instant.parse("2025-03-01T00:00:00Z"), "Agent crash OutOfMemoryError",
				"sync agent dies with java.lang.OutOfMemoryError: Java heap space");
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(this.dir), embedder)) {
			kb.ingest(EvalFiles.history(Path.of("src/test/resources/fixtures/tickets.jsonl")));
			kb.commit(Map.of());
			kb.refresh();
			before = kb.search(request, 5).stream().map(Match::id).toList();
		}
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(this.dir), embedder)) {
			assertThat(kb.search(request, 5).stream().map(Match::id).toList()).isEqualTo(before);
		}
	}

}

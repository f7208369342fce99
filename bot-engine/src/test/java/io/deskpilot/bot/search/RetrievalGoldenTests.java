package io.deskpilot.bot.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.eval.EvalFiles;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the lexical ranking of a small corpus written for the project: query id, rank, ticket id and score to four
 * decimals, for the top five of each query. A change of analyzers, fields, boosts or BM25 parameters shows up here as
 * a diff to review. Run with {@code -Dgolden.update=true} to rewrite {@code expected-ranking.txt} after an intended
 * change.
 */
class RetrievalGoldenTests {

	private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

	@Test
	void lexicalRanking_matchesTheReviewedRunOutput() throws IOException {
		List<String> actual = new ArrayList<>();
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null))) {
			kb.ingest(EvalFiles.history(FIXTURES.resolve("tickets.jsonl")));
			kb.refresh();
			for (String[] q : queries()) {
				List<Match> matches = kb.search(new RequestText(q[0], Instant.parse(q[1]), q[2], q[3]), 5);
				for (Match m : matches) {
					actual.add(String.format(Locale.ROOT, "%s %d %s %.4f", q[0], m.rank(), m.id(), m.score()));
				}
			}
		}
		Path expected = FIXTURES.resolve("expected-ranking.txt");
		if (Boolean.getBoolean("golden.update")) {
			Files.write(expected, actual, StandardCharsets.UTF_8);
		}
		assertThat(actual).containsExactlyElementsOf(Files.readAllLines(expected, StandardCharsets.UTF_8));
	}

	@Test
	void timeAwareQuery_neverSeesLaterTickets() throws IOException {
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null))) {
			kb.ingest(EvalFiles.history(FIXTURES.resolve("tickets.jsonl")));
			kb.refresh();
			List<Match> matches = kb.search(new RequestText("Q-8", Instant.parse("2025-01-12T09:00:00Z"),
					"webhooks not arriving anymore", "order.created webhooks stopped coming to our endpoint"), 20);
			assertThat(matches).isNotEmpty().allSatisfy(m -> assertThat(m.entry().created()).isBefore(Instant.parse("2025-01-12T09:00:00Z")));
			assertThat(matches.get(0).id()).isEqualTo("G-04");
		}
	}

	private static List<String[]> queries() throws IOException {
		List<String[]> out = new ArrayList<>();
		for (String line : Files.readAllLines(FIXTURES.resolve("queries.tsv"), StandardCharsets.UTF_8)) {
			if (!line.startsWith("id\t") && !line.isBlank()) {
				out.add(line.split("\t", -1));
			}
		}
		return out;
	}

}

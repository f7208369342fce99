package io.deskpilot.bot.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.RequestText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The red-team set ({@code fixtures/pii-redteam.tsv}): personal data and secrets in the shapes they take in real
 * tickets. Each must be gone from the scrubbed text, and from everything the knowledge base could show another
 * customer when the text is an agent's answer.
 */
class PiiRedTeamTests {

	static Stream<Arguments> cases() throws IOException {
		List<Arguments> out = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("src/test/resources/fixtures/pii-redteam.tsv"), StandardCharsets.UTF_8)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] f = line.split("\t");
			out.add(Arguments.of(f[0], f[1].replace("\\n", "\n"), List.of(f[2].split("\\|"))));
		}
		return out.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void scrub_removesIt(String name, String text, List<String> forbidden) {
		// what the product does with text it may show: clean (quotes, signatures), then scrub
		String scrubbed = PiiScrubber.scrub(TextCleaner.clean(text));
		for (String f : forbidden) {
			assertThat(scrubbed).as(name).doesNotContain(f);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void knowledgeBase_neverShowsIt(String name, String text, List<String> forbidden) {
		Instant t = Instant.parse("2026-01-01T10:00:00Z");
		HistoryTicket ticket = HistoryTicket.of("R-1", t, t.plusSeconds(7200), "Fixed", "Reporting tool shows an error",
				"The reporting tool fails when I open it.",
				List.of(new HistoryComment("agent", AuthorRole.AGENT, true, t.plusSeconds(3600),
						"Reinstall the reporting tool from the portal, then sign in again.\n" + text)));
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null))) {
			kb.ingest(ticket);
			kb.refresh();
			KnowledgeEntry entry = kb.get("R-1").orElseThrow();
			Decision decision = kb.decide(RequestText.of("Reporting tool shows an error", "It fails when I open it."));
			for (String f : forbidden) {
				assertThat(entry.answer()).as(name + " answer").doesNotContain(f);
				assertThat(entry.discussion()).as(name + " discussion").doesNotContain(f);
				assertThat(decision.answer()).as(name + " decision").doesNotContain(f);
			}
		}
	}

}

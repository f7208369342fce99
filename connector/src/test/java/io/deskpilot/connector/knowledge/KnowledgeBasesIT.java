package io.deskpilot.connector.knowledge;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.PlatformTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database is the source of truth and every replica's index follows it:
 * <ul>
 * <li>tickets stored by another replica become searchable here after a catch-up;</li>
 * <li>a rebuild from the database gives the same results as the incrementally built index.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "deskpilot.sandbox.enabled=false", "deskpilot.workflow.enabled=false" })
class KnowledgeBasesIT {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Autowired
	KnowledgeBases knowledge;

	@Autowired
	TicketStore store;

	@Autowired
	Installations installations;

	@BeforeEach
	void installation() {
		if (this.installations.find("kb").isEmpty()) {
			this.installations.create("kb", PlatformTypes.SANDBOX, "KB", Map.of("webhookUrl", "http://127.0.0.1:9/none"));
			this.knowledge.ingest("kb", List.of(ticket("K-1", "VPN client cannot connect after update",
					"Replace the portal address with vpn.example.com and sign in again."),
					ticket("K-2", "Printer offline on the third floor", "Remove the printer and add it again from the print portal.")));
		}
	}

	@Test
	void ticketsStoredByAnotherReplica_becomeSearchableAfterCatchUp() {
		// another replica writes to the shared database; this one has not indexed it yet
		this.store.upsert("kb", List.of(ticket("K-3", "Outlook keeps asking for my password",
				"Remove the saved Office credentials in Credential Manager, then sign in once.")));
		assertThat(this.knowledge.entry("kb", "K-3")).isEmpty();

		this.knowledge.catchUpAll();

		assertThat(this.knowledge.entry("kb", "K-3")).isPresent();
		List<Match> matches = this.knowledge.search("kb", RequestText.of("Outlook password prompt keeps coming back", ""), 3);
		assertThat(matches.get(0).id()).isEqualTo("K-3");
		assertThat(this.knowledge.stats("kb").revision()).isEqualTo(this.store.latestRevision("kb"));
	}

	@Test
	void rebuild_reproducesTheIndexFromTheDatabase() {
		RequestText request = RequestText.of("The VPN won't connect since the client update", "");
		List<String> before = this.knowledge.search("kb", request, 3).stream().map(Match::id).toList();

		this.knowledge.rebuild("kb");

		assertThat(this.knowledge.search("kb", request, 3).stream().map(Match::id).toList()).isEqualTo(before);
		KnowledgeBases.Stats stats = this.knowledge.stats("kb");
		assertThat(stats.indexed()).isEqualTo(stats.stored());
	}

	private static HistoryTicket ticket(String id, String summary, String answer) {
		Instant t = Instant.parse("2026-01-05T10:00:00Z");
		return HistoryTicket.of(id, t, t.plusSeconds(3600), "Fixed", summary, summary + ".",
				List.of(new HistoryComment("agent", AuthorRole.AGENT, true, t.plusSeconds(1800), answer)));
	}

}

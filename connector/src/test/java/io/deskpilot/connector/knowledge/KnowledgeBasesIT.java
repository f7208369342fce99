package io.deskpilot.connector.knowledge;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.Person;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.platform.RequestStatus;
import io.deskpilot.connector.platform.StatusCategory;
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
 * <li>a rebuild from the database gives the same results as the incrementally built index;</li>
 * <li>a request Deskpilot received is found as an open ticket until it is resolved, and never replaces a resolved
 * version of itself.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.workflow.enabled=false" })
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

	@Test
	void receivedRequest_isFoundOpen_untilResolved_andNeverReplacesAResolvedVersion() {
		Instant filed = Instant.parse("2026-02-02T09:00:00Z");
		PlatformRequest request = request("K-5", "Shared calendar does not sync to my phone", filed);
		this.knowledge.storeOpen("kb", request);
		this.knowledge.catchUp("kb");

		assertThat(this.knowledge.entry("kb", "K-5").orElseThrow().kind()).isEqualTo(EntryKind.OPEN);
		assertThat(this.knowledge.stats("kb").open()).isEqualTo(1);
		RequestText repeat = new RequestText("K-6", filed.plusSeconds(7200), "Shared calendar not syncing on my phone", "");
		Match open = this.knowledge.search("kb", repeat, 3).get(0);
		assertThat(open.id()).isEqualTo("K-5");
		assertThat(open.open()).isTrue();
		Decision decision = this.knowledge.decide("kb", repeat);
		assertThat(Optional.ofNullable(decision.chosen()).map(Match::id)).as("an open ticket never answers")
			.isNotEqualTo(Optional.of("K-5"));
		assertThat(decision.explanation()).contains("Open ticket K-5");

		// a repeated intake changes nothing; the resolution turns it into a resolved ticket without an answer
		this.knowledge.storeOpen("kb", request);
		Instant resolved = filed.plusSeconds(3600);
		this.knowledge.storeResolved("kb", "K-5", resolved);
		this.knowledge.catchUp("kb");
		KnowledgeEntry closed = this.knowledge.entry("kb", "K-5").orElseThrow();
		assertThat(closed.kind()).isEqualTo(EntryKind.UNANSWERED);
		assertThat(closed.resolved()).isEqualTo(resolved);
		assertThat(this.knowledge.stats("kb").open()).isZero();
		assertThat(this.knowledge.search("kb", repeat, 3).get(0).open()).isFalse();

		// a late intake never reopens it, nor a ticket the history import brought
		this.knowledge.storeOpen("kb", request);
		this.knowledge.storeOpen("kb", request("K-1", "VPN client cannot connect after update", filed));
		this.knowledge.catchUp("kb");
		assertThat(this.knowledge.entry("kb", "K-5").orElseThrow().kind()).isEqualTo(EntryKind.UNANSWERED);
		assertThat(this.knowledge.entry("kb", "K-1").orElseThrow().kind()).isEqualTo(EntryKind.ANSWERED);

		// the import's resolved version, with the conversation, replaces it
		this.knowledge.ingest("kb", List.of(ticket("K-5", "Shared calendar does not sync to my phone",
				"Remove the account from the phone and add it again with Exchange, not IMAP.")));
		assertThat(this.knowledge.entry("kb", "K-5").orElseThrow().kind()).isEqualTo(EntryKind.ANSWERED);
		this.knowledge.storeResolved("kb", "K-5", resolved.plusSeconds(60));
		assertThat(this.knowledge.entry("kb", "K-5").orElseThrow().kind()).isEqualTo(EntryKind.ANSWERED);
	}

	private static PlatformRequest request(String key, String summary, Instant created) {
		return new PlatformRequest(key, summary, summary + " since this morning.", new RequestStatus("Open", StatusCategory.NEW),
				new Person("c-1", "Sam Lee", null), null, null, null, created, created, List.of(), List.of(), null, null);
	}

	private static HistoryTicket ticket(String id, String summary, String answer) {
		Instant t = Instant.parse("2026-01-05T10:00:00Z");
		return HistoryTicket.of(id, t, t.plusSeconds(3600), "Fixed", summary, summary + ".",
				List.of(new HistoryComment("agent", AuthorRole.AGENT, true, t.plusSeconds(1800), answer)));
	}

}

package io.deskpilot.bot;

import java.time.Instant;
import java.util.List;

import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.ingest.IngestOutcome;
import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeBaseTests {

	private static final Instant JAN = Instant.parse("2026-01-10T09:00:00Z");

	private static final Instant MAR = Instant.parse("2026-03-10T09:00:00Z");

	private KnowledgeBase kb;

	@BeforeEach
	void open() {
		this.kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null));
		this.kb.ingest(resolved("IT-1", JAN, "Fixed", "VPN client cannot connect after update",
				"GlobalProtect says gateway not responding after the update.",
				"Replace the portal address with vpn.example.com in the client settings and sign in again."));
		this.kb.ingest(resolved("IT-2", JAN, "Fixed", "Printer offline on third floor", "The printer shows offline.",
				"Remove the printer and add it again from the print portal."));
		this.kb.ingest(resolved("IT-3", MAR, "Won't Fix", "Please unblock WhatsApp Web", "WhatsApp Web is blocked.",
				"Consumer messengers stay blocked by policy."));
		this.kb.ingest(new HistoryTicket("IT-4", MAR, MAR.plusSeconds(600), "Resolved", "Duplicate",
				"VPN stuck on connecting after the client update", "The VPN app says connecting forever.", List.of(), "IT-1",
				null, null, List.of(), List.of()));
		this.kb.refresh();
	}

	@AfterEach
	void close() {
		this.kb.close();
	}

	@Test
	void search_ranksTheMatchingTicketFirst() {
		List<Match> matches = this.kb.search(RequestText.of("VPN won't connect since the update", "gateway not responding"));
		assertThat(matches).isNotEmpty();
		assertThat(matches.get(0).id()).isIn("IT-1", "IT-4");
		assertThat(matches).extracting(Match::id).doesNotContain("IT-2");
	}

	@Test
	void search_isTimeAware_andNeverReturnsTheRequestItself() {
		RequestText inFebruary = new RequestText("IT-1", Instant.parse("2026-02-01T00:00:00Z"), "VPN client cannot connect after update", "");
		assertThat(this.kb.search(inFebruary)).extracting(Match::id).doesNotContain("IT-1", "IT-4");
	}

	@Test
	void duplicate_answersWithItsMastersAnswer() {
		Decision d = this.kb.decide(RequestText.of("VPN stuck on connecting after the client update", "The VPN app says connecting forever."));
		assertThat(d.chosen()).isNotNull();
		assertThat(d.answer()).contains("vpn.example.com");
	}

	@Test
	void duplicate_closedBeforeTheRequest_ranksBelowItsMaster() {
		Instant closed = Instant.parse("2026-04-01T09:00:00Z");
		try (KnowledgeBase own = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null))) {
			own.ingest(resolved("MAIL-1", JAN, "Fixed", "Outlook keeps asking for my password every few minutes",
					"Outlook prompts for the password every few minutes since Monday, on the laptop.",
					"Remove the saved credentials in Credential Manager and sign in once more."));
			own.ingest(new HistoryTicket("MAIL-2", MAR, closed, "Resolved", "Duplicate",
					"Outlook keeps asking for my password every few minutes",
					"Outlook prompts for the password every few minutes, on the laptop and the desktop.", List.of(),
					"MAIL-1", null, null, List.of(), List.of()));
			// other tickets that share some words, as in any real desk (scores are scaled over the candidates)
			own.ingest(resolved("MAIL-3", JAN, "Fixed", "Outlook search finds nothing", "Search in Outlook returns no results.",
					"Rebuild the search index from the indexing options."));
			own.ingest(resolved("MAIL-4", JAN, "Fixed", "Password reset link expired", "The reset link for my password says expired.",
					"Request a new link; it is valid for one hour."));
			own.ingest(resolved("MAIL-5", JAN, "Fixed", "Outlook on the desktop shows the wrong time zone",
					"Meetings appear an hour late on the desktop.", "Set the time zone in Outlook's calendar options."));
			own.refresh();
			String summary = "Outlook keeps asking for my password every few minutes";
			String description = "Outlook prompts for the password every few minutes on the laptop and the desktop.";

			// filed while MAIL-2 was still open: it is the closer match, and nothing says it is tracked elsewhere
			RequestText whileOpen = new RequestText("MAIL-9", closed.minusSeconds(3600), summary, description);
			assertThat(own.search(whileOpen)).extracting(Match::id).startsWith("MAIL-2", "MAIL-1");

			// filed after MAIL-2 was closed as a duplicate: its master comes first
			RequestText afterwards = new RequestText("MAIL-9", closed.plusSeconds(3600), summary, description);
			assertThat(own.search(afterwards)).extracting(Match::id).startsWith("MAIL-1", "MAIL-2");
			assertThat(own.get("MAIL-2").orElseThrow().resolved()).isEqualTo(closed);
		}
	}

	@Test
	void openTicket_ranksFirstForTheAgent_whileTheAnswerComesFromAResolvedOne() {
		Instant later = Instant.parse("2026-03-20T09:00:00Z");
		KnowledgeBaseConfig defaults = KnowledgeBaseConfig.defaults(null);
		try (KnowledgeBase own = KnowledgeBase.open(defaults);
				KnowledgeBase noPrior = KnowledgeBase.open(defaults.withRetrieval(defaults.retrieval().withOpenWeight(0)))) {
			for (KnowledgeBase kb : List.of(own, noPrior)) {
				kb.ingest(resolved("NET-1", MAR, "Fixed", "Wifi drops every few minutes in building B",
						"The wifi connection drops every few minutes in building B since the access points were replaced.",
						"Forget the network and join 'corp-b' again: the new access points use another profile."));
				// filed the same day, not resolved: the same problem, in other words
				kb.ingest(HistoryTicket.of("NET-2", MAR, null, null, "Wifi drops every few minutes in building B",
						"The wifi connection drops every few minutes in building B.", List.of()));
				// resolved only after the request below was filed: open when it came in
				kb.ingest(HistoryTicket.of("NET-3", MAR, later, "Fixed", "Wifi disconnects in building B meeting rooms",
						"Wifi disconnects in the meeting rooms of building B.",
						List.of(new HistoryComment("agent", AuthorRole.AGENT, true, later, "Join 'corp-b' again."))));
				kb.ingest(resolved("NET-4", JAN, "Fixed", "Printer in building B offline", "The printer is offline.",
						"Restart the printer."));
				kb.refresh();
			}
			RequestText request = new RequestText("NET-9", MAR.plusSeconds(86_400), "Wifi in building B disconnects all the time",
					"Since yesterday the wifi drops every few minutes in building B, on every laptop.");

			// without the prior the resolved ticket ranks first; with it, the open one: repeat reports come while it is open
			assertThat(noPrior.search(request)).extracting(Match::id).startsWith("NET-1");
			List<Match> matches = own.search(request);
			assertThat(matches.get(0).id()).isIn("NET-2", "NET-3");
			assertThat(matches).filteredOn(Match::open).extracting(Match::id).containsExactlyInAnyOrder("NET-2", "NET-3");

			// neither open ticket can answer: the decision rests on the resolved one and names the open one for the agent
			Decision d = own.decide(request);
			assertThat(d.chosen().id()).isEqualTo("NET-1");
			assertThat(d.answer()).contains("corp-b");
			assertThat(d.evidence().get(0).id()).isEqualTo(matches.get(0).id());
			assertThat(d.explanation()).contains("Open ticket " + matches.get(0).id());
			assertThat(noPrior.decide(request).confidence()).isEqualTo(d.confidence());

			// filed after NET-3 was resolved, the same request finds it resolved: it may answer
			RequestText afterwards = new RequestText("NET-9", later.plusSeconds(60), request.summary(), request.description());
			assertThat(own.search(afterwards)).filteredOn(Match::open).extracting(Match::id).containsExactly("NET-2");
		}
	}

	@Test
	void openTickets_only_areRoutedWithTheOpenTicketNamed() {
		try (KnowledgeBase own = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null))) {
			own.ingest(HistoryTicket.of("NET-2", MAR, null, null, "Wifi keeps disconnecting in building B",
					"My laptop disconnects from the wifi every few minutes in building B.", List.of()));
			own.refresh();
			Decision d = own.decide(RequestText.of("Wifi in building B disconnects", "The wifi drops in building B."));
			assertThat(d.action()).isEqualTo(Action.ROUTE);
			assertThat(d.chosen()).isNull();
			assertThat(d.rule()).isEqualTo("no-similar-ticket");
			assertThat(d.evidence()).extracting(Match::id).containsExactly("NET-2");
			assertThat(d.explanation()).contains("Open ticket NET-2 looks like the same problem");
		}
	}

	@Test
	void knownIssue_isFindableButNeverAnAnswer() {
		Decision d = this.kb.decide(RequestText.of("Please unblock WhatsApp Web", "WhatsApp Web is blocked on the network."));
		assertThat(d.chosen().id()).isEqualTo("IT-3");
		assertThat(d.chosen().entry().kind()).isEqualTo(EntryKind.KNOWN_ISSUE);
		assertThat(d.action()).isEqualTo(Action.ROUTE);
		assertThat(d.answer()).isEmpty();
		assertThat(d.rule()).isEqualTo("best-match-has-no-answer");
	}

	@Test
	void unrelatedRequest_isRouted() {
		Decision d = this.kb.decide(RequestText.of("Office plants need watering", "Who waters the plants in summer?"));
		assertThat(d.action()).isEqualTo(Action.ROUTE);
	}

	@Test
	void ingest_upsertsByIdAndCountsOutcomes() {
		IngestOutcome outcome = this.kb.ingest(resolved("IT-2", JAN, "Fixed", "Scanner sends nothing", "Scan to email is empty.",
				"Use black and white at 200 dpi, large scans are rejected."));
		assertThat(outcome).isInstanceOf(IngestOutcome.Indexed.class);
		assertThat(this.kb.ingest(HistoryTicket.of("IT-9", JAN, JAN, "Fixed", " ", "", List.of())))
			.isEqualTo(new IngestOutcome.Skipped("IT-9", "empty"));
		this.kb.refresh();
		assertThat(this.kb.size()).isEqualTo(4);
		assertThat(this.kb.get("IT-2").orElseThrow().summary()).isEqualTo("Scanner sends nothing");
		assertThat(this.kb.counters()).containsEntry("skipped.empty", 1L);
	}

	@Test
	void largeBatch_isCleanedAheadInChunks_andOutcomesStayInOrder() {
		List<HistoryTicket> batch = new java.util.ArrayList<>();
		for (int i = 0; i < 200; i++) {
			boolean empty = i == 70 || i == 199;
			batch.add(resolved("BULK-" + i, JAN.plusSeconds(i), "Fixed", empty ? " " : "Mailbox " + i + " is full",
					empty ? "" : "Quota warning on mailbox " + i + ".", "Archive old mail to free space."));
		}
		batch.add(resolved("BULK-5", JAN, "Fixed", "Mailbox 5 rejects mail", "Sender gets a bounce.", "Raise the quota."));
		List<IngestOutcome> outcomes = this.kb.ingest(batch);
		this.kb.refresh();
		assertThat(outcomes).extracting(IngestOutcome::ticketId)
			.containsExactlyElementsOf(batch.stream().map(HistoryTicket::id).toList());
		assertThat(outcomes.get(70)).isEqualTo(new IngestOutcome.Skipped("BULK-70", "empty"));
		assertThat(outcomes.get(199)).isEqualTo(new IngestOutcome.Skipped("BULK-199", "empty"));
		assertThat(this.kb.size()).isEqualTo(4 + 198);
		// written in the batch's order: the later version of a ticket wins
		assertThat(this.kb.get("BULK-5").orElseThrow().summary()).isEqualTo("Mailbox 5 rejects mail");
	}

	@Test
	void delete_removesATicket() {
		this.kb.delete("IT-2");
		this.kb.refresh();
		assertThat(this.kb.get("IT-2")).isEmpty();
	}

	private static HistoryTicket resolved(String id, Instant created, String resolution, String summary, String description,
			String answer) {
		return HistoryTicket.of(id, created, created.plusSeconds(3600), resolution, summary, description,
				List.of(new HistoryComment("agent", AuthorRole.AGENT, true, created.plusSeconds(1800), answer)));
	}

}

package io.deskpilot.bot.decide;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.RecordedOutcomes;
import io.deskpilot.bot.kb.RecordedOutcomes.Outcome;
import io.deskpilot.bot.kb.RequestText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes replayed: rejected answers sink and then stop answering, confirmed ones rise, a new resolution restores. */
class AnswerOutcomesTests {

	private static final Instant T = Instant.parse("2026-10-01T09:00:00Z");

	private static HistoryTicket ticket(String id, Instant resolved, String summary, String answer) {
		return HistoryTicket.of(id, T, resolved, "Fixed", summary, "The VPN client fails to connect since this morning.",
				List.of(new HistoryComment("agent", AuthorRole.AGENT, true, resolved.minusSeconds(600), answer)));
	}

	private static final RequestText REQUEST = new RequestText("NEW-1", Instant.parse("2026-12-01T09:00:00Z"),
			"VPN client fails to connect", "The VPN client fails to connect since this morning.");

	private static Decision decide(RecordedOutcomes outcomes, HistoryTicket... history) {
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(null))) {
			kb.ingest(List.of(history));
			kb.refresh();
			kb.useOutcomes(outcomes);
			return kb.decide(REQUEST, new PolicySettings(0, 0));
		}
	}

	private static final HistoryTicket A = ticket("A", T.plusSeconds(3600), "VPN client fails to connect",
			"Open the VPN client settings, remove the old gateway and add vpn.example.com, then sign in.");

	private static final HistoryTicket B = ticket("B", T.plusSeconds(7200), "VPN fails to connect at home",
			"Restart the laptop, then open the VPN client and choose the SSL protocol under Settings > Connection.");

	@Test
	void withoutOutcomes_theClosestTicketAnswers() {
		assertThat(decide(new RecordedOutcomes(List.of()), A, B).chosen().id()).isEqualTo("A");
	}

	@Test
	void repeatedRejections_stopATicketBeingAnAnswerSource() {
		RecordedOutcomes outcomes = new RecordedOutcomes(List.of(new Outcome("A", "REJECTED", Instant.parse("2026-11-01T10:00:00Z")),
				new Outcome("A", "REOPENED", Instant.parse("2026-11-02T10:00:00Z"))));

		Decision d = decide(outcomes, A, B);

		assertThat(d.chosen().id()).isEqualTo("B");
		assertThat(d.explanation()).contains("Ticket A's answer was rejected 2 times since it was resolved and is not used.");
	}

	@Test
	void outcomesAfterTheRequest_orBeforeTheLastResolution_doNotCount() {
		RecordedOutcomes later = new RecordedOutcomes(List.of(new Outcome("A", "REJECTED", Instant.parse("2026-12-02T10:00:00Z")),
				new Outcome("A", "REJECTED", Instant.parse("2026-12-03T10:00:00Z"))));
		assertThat(decide(later, A, B).chosen().id()).isEqualTo("A");

		RecordedOutcomes beforeResolvedAgain = new RecordedOutcomes(List.of(new Outcome("A", "REJECTED", Instant.parse("2026-11-01T10:00:00Z")),
				new Outcome("A", "REJECTED", Instant.parse("2026-11-02T10:00:00Z"))));
		HistoryTicket resolvedAgain = ticket("A", Instant.parse("2026-11-10T10:00:00Z"), A.summary(), A.comments().get(0).body());
		assertThat(decide(beforeResolvedAgain, resolvedAgain, B).chosen().id()).isEqualTo("A");
	}

	/** Among close matches (as real result lists have them) two confirmations and a rejection reorder the answers. */
	@Test
	void confirmations_raiseAnAnswerAboveACloserOne() {
		Match a = match("A", 1, 1.00);
		Match b = match("B", 2, 0.92);
		DecisionPolicy policy = new DecisionPolicy(m -> 0.9, new PolicySettings(0.6, 0.3));
		RecordedOutcomes outcomes = new RecordedOutcomes(List.of(new Outcome("B", "CONFIRMED", Instant.parse("2026-11-01T10:00:00Z")),
				new Outcome("B", "CONFIRMED", Instant.parse("2026-11-02T10:00:00Z")),
				new Outcome("A", "REJECTED", Instant.parse("2026-11-03T10:00:00Z"))));

		assertThat(policy.decide(REQUEST, List.of(a, b), id -> Optional.empty()).chosen().id()).isEqualTo("A");
		assertThat(policy.decide(REQUEST, List.of(a, b), id -> Optional.empty(), outcomes).chosen().id()).isEqualTo("B");
	}

	private static Match match(String id, int rank, double score) {
		KnowledgeEntry entry = new KnowledgeEntry(id, T, T.plusSeconds(3600), "VPN client fails to connect", "",
				"Open the VPN client settings and add vpn.example.com as the portal, then sign in.", "", EntryKind.ANSWERED, "Fixed",
				null, List.of());
		return new Match(entry, rank, score, score, rank, 0.9, rank, 0.9, 0.8, false, false);
	}

}

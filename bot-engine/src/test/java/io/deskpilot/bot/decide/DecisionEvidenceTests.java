package io.deskpilot.bot.decide;

import java.time.Instant;
import java.util.List;

import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionEvidenceTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	@Test
	void theLeadOverTheNextTicket_isWorded() {
		String text = DecisionPolicy.evidence(List.of(match("IT-1", 0.91, false), match("IT-2", 0.70, false)));

		assertThat(text).contains("similarity 0.91, 0.21 ahead of the next ticket");
	}

	@Test
	void aTicketCloserInMeaning_isWordedAsBehind_notAsANegativeLead() {
		// judged first: the resolved ticket the answer would come from; an open one above it is closer in meaning
		String text = DecisionPolicy.evidence(List.of(match("IT-1", 0.54, false), match("IT-9", 0.97, true)));

		assertThat(text).contains("similarity 0.54, 0.43 behind a closer ticket").doesNotContain("-0.43");
	}

	private static Match match(String id, double cosine, boolean open) {
		KnowledgeEntry entry = new KnowledgeEntry(id, NOW.minusSeconds(86400), open ? null : NOW.minusSeconds(3600),
				"VPN drops", "", open ? "" : "Update the client.", "", open ? EntryKind.OPEN : EntryKind.ANSWERED, null, null,
				List.of());
		return new Match(entry, 1, cosine, 1, 1, cosine, 1, 0, 0.5, false, open);
	}

}

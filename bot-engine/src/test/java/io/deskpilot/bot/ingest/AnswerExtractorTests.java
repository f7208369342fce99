package io.deskpilot.bot.ingest;

import java.time.Instant;
import java.util.List;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerExtractorTests {

	private final AnswerExtractor extractor = new AnswerExtractor();

	private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

	@Test
	void neverUsesInternalNotesOrCustomerWords() {
		HistoryTicket t = ticket(T0.plusSeconds(3600),
				comment(AuthorRole.AGENT, false, 1, "Internal: the real cause is the proxy, do not tell the customer."),
				comment(AuthorRole.CUSTOMER, true, 2, "I fixed it myself by rebooting the router twice, works now."));
		assertThat(this.extractor.extract(t)).isEmpty();
	}

	@Test
	void prefersTheReplyTheCustomerConfirmed() {
		HistoryTicket t = ticket(T0.plusSeconds(9000),
				comment(AuthorRole.AGENT, true, 1, "Please clear the browser cache and cookies and try again."),
				comment(AuthorRole.CUSTOMER, true, 2, "That worked, thanks!"),
				comment(AuthorRole.AGENT, true, 3, "Great, closing this ticket now as resolved. Let us know if it returns."));
		assertThat(this.extractor.extract(t)).startsWith("Please clear the browser cache");
	}

	@Test
	void otherwiseTakesTheLastSubstantiveReplyBeforeResolution() {
		HistoryTicket t = ticket(T0.plusSeconds(7200),
				comment(AuthorRole.AGENT, true, 1, "Can you please send a screenshot of the error?"),
				comment(AuthorRole.AGENT, true, 2, "Reinstall the client from the Company Portal, then sign in again."),
				comment(AuthorRole.AGENT, true, 3, "Thanks"),
				comment(AuthorRole.AGENT, true, 5, "A reply written after the resolution, which is not the answer at all."));
		assertThat(this.extractor.extract(t)).startsWith("Reinstall the client");
	}

	@Test
	void questionAndAnswerThreadsWithoutTimesUseTheFirstAnswer() {
		HistoryTicket t = HistoryTicket.of("T-1", null, null, "Answered", "How to strike through?", "",
				List.of(new HistoryComment("a", AuthorRole.AGENT, true, null, "Use ~~tildes~~ around the words in markdown."),
						new HistoryComment("b", AuthorRole.AGENT, true, null, "You can also use the <del> tag in HTML.")));
		assertThat(this.extractor.extract(t)).startsWith("Use ~~tildes~~");
	}

	private static HistoryTicket ticket(Instant resolved, HistoryComment... comments) {
		return HistoryTicket.of("T-1", T0, resolved, "Fixed", "Problem", "Details", List.of(comments));
	}

	private static HistoryComment comment(AuthorRole role, boolean isPublic, int minutes, String body) {
		return new HistoryComment(role.name(), role, isPublic, T0.plusSeconds(minutes * 1800L), body);
	}

}

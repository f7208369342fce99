package io.deskpilot.connector.knowledge;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskpilot.bot.kb.AnswerOutcomes;
import io.deskpilot.bot.kb.RecordedOutcomes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What customers made of the bot's answers, read back from the {@code feedback} table the workflow writes, for the
 * knowledge bases' decisions: each answer source's outcomes, cached for 30 seconds per ticket.
 */
@Repository
class FeedbackOutcomes {

	private final JdbcClient jdbc;

	private final Cache<String, RecordedOutcomes> cache = Caffeine.newBuilder().maximumSize(50_000)
		.expireAfterWrite(Duration.ofSeconds(30)).build();

	FeedbackOutcomes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The installation's answer outcomes. */
	AnswerOutcomes of(String installationId) {
		return (entry, before) -> this.cache.get(installationId + "\u0000" + entry.id(), k -> load(installationId, entry.id()))
			.standing(entry, before);
	}

	private RecordedOutcomes load(String installationId, String ticket) {
		List<RecordedOutcomes.Outcome> outcomes = this.jdbc
			.sql("select outcome, at from feedback where installation_id = ? and matched_ticket = ?")
			.params(installationId, ticket)
			.query((rs, n) -> new RecordedOutcomes.Outcome(ticket, rs.getString("outcome"),
					rs.getTimestamp("at").toInstant()))
			.list();
		return new RecordedOutcomes(outcomes);
	}

}

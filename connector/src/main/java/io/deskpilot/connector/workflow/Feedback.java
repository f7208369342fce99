package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Outcomes of the bot's answers (confirmed, rejected, reopened, unconfirmed, overridden by an agent), per matched
 * ticket: what the console reports and what tuning learns from.
 */
@Repository
public class Feedback {

	private final JdbcClient jdbc;

	private final Clock clock;

	Feedback(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(RequestRecord r, String outcome) {
		this.jdbc.sql("insert into feedback (installation_id, request_key, matched_ticket, outcome, confidence, at) values (?, ?, ?, ?, ?, ?)")
			.params(r.installationId(), r.requestKey(), r.matchedTicket(), outcome, r.confidence(), Jdbc.ts(this.clock.instant()))
			.update();
	}

	/** Outcome counts of an installation (optionally for one matched ticket). */
	public Map<String, Long> counts(String installationId, @Nullable String matchedTicket) {
		Map<String, Long> counts = new LinkedHashMap<>();
		var query = matchedTicket == null
				? this.jdbc.sql("select outcome, count(*) n from feedback where installation_id = ? group by outcome order by outcome")
					.param(installationId)
				: this.jdbc.sql("select outcome, count(*) n from feedback where installation_id = ? and matched_ticket = ? group by outcome order by outcome")
					.params(installationId, matchedTicket);
		query.query((java.sql.ResultSet rs) -> {
				counts.put(rs.getString("outcome"), rs.getLong("n"));
			});
		return counts;
	}

}

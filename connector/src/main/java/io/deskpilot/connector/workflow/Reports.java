package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The numbers an admin judges the bot by, over a period, from Deskpilot's own records ({@code request_state},
 * {@code feedback}). Definitions are part of the result so the console shows them next to the numbers.
 */
@Service
public class Reports {

	/** How deflection is counted: shown with the number. */
	public static final String DEFLECTION = "Deflection: requests the bot resolved without any agent (the customer "
			+ "confirmed the answer, or stayed silent after it), divided by all requests received in the period.";

	private final JdbcClient jdbc;

	private final Clock clock;

	Reports(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A period's numbers.
	 *
	 * @param days requests received per day (oldest first), in the given zone
	 * @param received requests received in the period
	 * @param answered answered publicly by the bot
	 * @param suggested suggested to an agent
	 * @param routed sent to a person (no answer, or a rule)
	 * @param outcomes answer outcomes recorded in the period (CONFIRMED, REJECTED, REOPENED, OVERRIDDEN, UNCONFIRMED, ...)
	 * @param deflected resolved by the bot without an agent
	 * @param firstResponseP50 median time to the first public response (bot or agent), null without data
	 * @param firstResponseP90 90th percentile of it
	 */
	public record Period(Map<LocalDate, Long> days, long received, long answered, long suggested, long routed,
			Map<String, Long> outcomes, long deflected, @Nullable Duration firstResponseP50,
			@Nullable Duration firstResponseP90) {

		public double deflectionRate() {
			return this.received == 0 ? 0 : (double) this.deflected / this.received;
		}

	}

	public Period period(String installationId, int dayCount, ZoneId zone) {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, zone);
		LocalDate first = today.minusDays(dayCount - 1L);
		Instant from = first.atStartOfDay(zone).toInstant();
		Map<LocalDate, Long> days = new TreeMap<>();
		for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
			days.put(d, 0L);
		}
		List<Row> rows = this.jdbc.sql("""
				select received_at, first_response_at, decision, state, assigned_at, answered_at
				from request_state where installation_id = ? and received_at >= ?""")
			.params(installationId, Jdbc.ts(from))
			.query((rs, n) -> new Row(java.util.Objects.requireNonNull(Jdbc.instant(rs, "received_at")), Jdbc.instant(rs, "first_response_at"),
					rs.getString("decision"), rs.getString("state"), Jdbc.instant(rs, "assigned_at"),
					Jdbc.instant(rs, "answered_at")))
			.list();
		long answered = 0;
		long suggested = 0;
		long routed = 0;
		long deflected = 0;
		List<Duration> firstResponses = new ArrayList<>();
		for (Row r : rows) {
			days.merge(LocalDate.ofInstant(r.receivedAt(), zone), 1L, Long::sum);
			if (r.answeredAt() != null) {
				answered++;
			}
			else if ("SUGGEST".equals(r.decision())) {
				suggested++;
			}
			if (r.answeredAt() == null) {
				routed++;
			}
			if (RequestState.RESOLVED_BY_BOT.name().equals(r.state()) && r.assignedAt() == null) {
				deflected++;
			}
			if (r.firstResponseAt() != null) {
				firstResponses.add(Duration.between(r.receivedAt(), r.firstResponseAt()));
			}
		}
		Map<String, Long> outcomes = new LinkedHashMap<>();
		this.jdbc.sql("select outcome, count(*) as n from feedback where installation_id = ? and at >= ? group by outcome order by outcome")
			.params(installationId, Jdbc.ts(from))
			.query((rs, n) -> outcomes.put(rs.getString("outcome"), rs.getLong("n")))
			.list();
		firstResponses.sort(null);
		return new Period(days, rows.size(), answered, suggested, routed, outcomes, deflected,
				percentile(firstResponses, 0.5), percentile(firstResponses, 0.9));
	}

	private static @Nullable Duration percentile(List<Duration> sorted, double p) {
		if (sorted.isEmpty()) {
			return null;
		}
		int i = (int) Math.ceil(p * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
	}

	private record Row(Instant receivedAt, @Nullable Instant firstResponseAt, @Nullable String decision, String state,
			@Nullable Instant assignedAt, @Nullable Instant answeredAt) {
	}

}

package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every decision and action, with its reason, for admins and for learning from outcomes. */
@Repository
public class AuditLog {

	/**
	 * The "installation" of entries about the service itself rather than one desk (console sign-in locks); not a valid
	 * installation id, so it never names a real one.
	 */
	public static final String SYSTEM = "*";

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records one entry. */
	public void write(String installationId, @Nullable String requestKey, String actor, String action, @Nullable String detail) {
		this.jdbc.sql("insert into audit_log (installation_id, request_key, at, actor, action, detail) values (?, ?, ?, ?, ?, ?)")
			.params(installationId, requestKey, Jdbc.ts(this.clock.instant()), actor, action, detail)
			.update();
	}

	/** A request's entries, oldest first. */
	public List<Entry> forRequest(String installationId, String requestKey) {
		return this.jdbc.sql("select * from audit_log where installation_id = ? and request_key = ? order by id")
			.params(installationId, requestKey)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("request_key"), Jdbc.instant(rs, "at"),
					rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
			.list();
	}

	/** The newest entries of an installation. */
	public List<Entry> recent(String installationId, int limit) {
		return this.jdbc.sql("select * from audit_log where installation_id = ? order by id desc limit ?")
			.params(installationId, limit)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("request_key"), Jdbc.instant(rs, "at"),
					rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
			.list();
	}

	/**
	 * The newest entries of an installation matching a search: {@code text} in the request key, action or detail
	 * (any case), {@code action} as a prefix of the action ({@code decision.}, {@code action.}, {@code customer.}).
	 */
	public List<Entry> search(String installationId, @Nullable String text, @Nullable String action, int limit) {
		StringBuilder sql = new StringBuilder("select * from audit_log where installation_id = ?");
		List<Object> params = new java.util.ArrayList<>(List.of(installationId));
		if (text != null && !text.isBlank()) {
			String like = "%" + text.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%";
			sql.append(" and (lower(request_key) like ? or lower(action) like ? or lower(detail) like ?)");
			params.addAll(List.of(like, like, like));
		}
		if (action != null && !action.isBlank()) {
			sql.append(" and action like ?");
			params.add(action.strip().replace("%", "").replace("_", "\\_") + "%");
		}
		sql.append(" order by id desc limit ?");
		params.add(Math.max(1, Math.min(limit, 1000)));
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("request_key"), Jdbc.instant(rs, "at"),
					rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
			.list();
	}

	/**
	 * One audit entry.
	 *
	 * @param id sequence number
	 * @param requestKey the request, if any
	 * @param at when
	 * @param actor who: {@code bot}, {@code worker}, an admin's name
	 * @param action what
	 * @param detail why, or the data behind it (JSON or text)
	 */
	public record Entry(long id, @Nullable String requestKey, Instant at, String actor, String action, @Nullable String detail) {
	}

}

package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.deskpilot.connector.platform.RequestEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable inbox. Webhooks and polling append events at least once; the unique dedupe key keeps one row per event.
 * Workers claim rows with a lease ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work) and only the oldest
 * pending event of each request, so each request's events are handled in order.
 */
@Repository
public class Inbox {

	static final String PENDING = "PENDING";

	static final String DONE = "DONE";

	static final String FAILED = "FAILED";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final WorkSignals signals;

	Inbox(JdbcClient jdbc, Clock clock, WorkSignals signals) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.signals = signals;
	}

	/** Appends an event unless it was seen before; returns whether it was new. */
	public boolean append(String installationId, RequestEvent event) {
		return insert(installationId, event.dedupeKey(), event.type().name(), event.requestKey(), event.commentId(),
				event.occurredAt());
	}

	/**
	 * Appends one of Deskpilot's own events (a timer, a follow-up from another request) unless its dedupe key was seen;
	 * joins the caller's transaction. {@code subject} is what the event is about (the master of MASTER_RESOLVED).
	 */
	boolean appendInternal(String installationId, InboxEventType type, String requestKey, String dedupeKey,
			@Nullable String subject) {
		return insert(installationId, dedupeKey, type.name(), requestKey, subject, this.clock.instant());
	}

	private boolean insert(String installationId, String dedupeKey, String type, String requestKey,
			@Nullable String subject, Instant occurredAt) {
		Instant now = this.clock.instant();
		int inserted = this.jdbc.sql("""
				insert into inbox_event (installation_id, dedupe_key, event_type, request_key, comment_id, occurred_at,
				  received_at, status, attempts, next_attempt_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
				on conflict do nothing""")
			.params(installationId, Jdbc.clip(dedupeKey, 300), type, requestKey, subject, Jdbc.ts(occurredAt), Jdbc.ts(now),
					PENDING, Jdbc.ts(now))
			.update();
		if (inserted > 0) {
			this.signals.inbox().wake();
		}
		return inserted > 0;
	}

	/** Claims up to {@code limit} events for a worker, for the lease's duration. */
	@Transactional
	List<InboxEvent> claim(String worker, int limit, Duration lease) {
		Instant now = this.clock.instant();
		List<Long> ids = this.jdbc.sql("""
				select e.id from inbox_event e
				where e.status = ? and e.next_attempt_at <= ? and (e.locked_until is null or e.locked_until < ?)
				  and not exists (select 1 from inbox_event p where p.installation_id = e.installation_id
				                  and p.request_key = e.request_key and p.status = ? and p.id < e.id)
				order by e.id
				limit ?
				for update skip locked""")
			.params(PENDING, Jdbc.ts(now), Jdbc.ts(now), PENDING, limit)
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		this.jdbc.sql("update inbox_event set locked_by = :worker, locked_until = :until, attempts = attempts + 1 where id in (:ids)")
			.param("worker", worker)
			.param("until", Jdbc.ts(now.plus(lease)))
			.param("ids", ids)
			.update();
		return this.jdbc.sql("select * from inbox_event where id in (:ids) order by id")
			.param("ids", ids)
			.query((rs, n) -> new InboxEvent(rs.getLong("id"), rs.getString("installation_id"), rs.getString("dedupe_key"),
					InboxEventType.valueOf(rs.getString("event_type")), rs.getString("request_key"), rs.getString("comment_id"),
					Jdbc.instant(rs, "occurred_at"), rs.getInt("attempts")))
			.list();
	}

	/** Marks a claimed event done; false when the worker's lease was lost to another worker. */
	boolean complete(long id, String worker) {
		return this.jdbc.sql("""
				update inbox_event set status = ?, processed_at = ?, locked_by = null, locked_until = null, done_by = ?
				where id = ? and locked_by = ? and status = ?""")
			.params(DONE, Jdbc.ts(this.clock.instant()), Jdbc.clip(worker, 100), id, worker, PENDING)
			.update() > 0;
	}

	/** Releases a claimed event to be tried again later. */
	void retryLater(long id, String worker, Instant next, String error) {
		this.jdbc.sql("""
				update inbox_event set next_attempt_at = ?, last_error = ?, locked_by = null, locked_until = null
				where id = ? and locked_by = ?""")
			.params(Jdbc.ts(next), Jdbc.clip(error, 2000), id, worker)
			.update();
	}

	/** Gives up on a claimed event. */
	void fail(long id, String worker, String error) {
		this.jdbc.sql("""
				update inbox_event set status = ?, processed_at = ?, last_error = ?, locked_by = null, locked_until = null
				where id = ? and locked_by = ?""")
			.params(FAILED, Jdbc.ts(this.clock.instant()), Jdbc.clip(error, 2000), id, worker)
			.update();
	}

	/** Events waiting to be handled. */
	public long pending() {
		return this.jdbc.sql("select count(*) from inbox_event where status = ?").param(PENDING).query(Long.class).single();
	}

}

package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: actions are written in the same transaction as the state change that caused them, with
 * a unique idempotency key, and delivered by workers in order per request.
 */
@Repository
class Outbox {

	static final String PENDING = "PENDING";

	static final String DONE = "DONE";

	static final String FAILED = "FAILED";

	/** A ROUTE action waiting for an agent to become available; it does not hold up the request's other actions. */
	static final String QUEUED = "QUEUED";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final WorkSignals signals;

	Outbox(JdbcClient jdbc, Clock clock, WorkSignals signals) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.signals = signals;
	}

	/** Adds an action unless one with the same idempotency key exists; returns whether it was added. */
	boolean enqueue(String installationId, String requestKey, String type, String payload, String idempotencyKey) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				insert into outbox_action (installation_id, request_key, action_type, payload, idempotency_key, status,
				  attempts, next_attempt_at, created_at)
				values (?, ?, ?, ?, ?, ?, 0, ?, ?)
				on conflict do nothing""")
			.params(installationId, requestKey, type, payload, idempotencyKey, PENDING, Jdbc.ts(now), Jdbc.ts(now))
			.update() > 0;
	}

	/** Claims up to {@code limit} due actions, only the oldest pending one of each request. */
	@Transactional
	List<OutboxAction> claim(String worker, int limit, Duration lease) {
		Instant now = this.clock.instant();
		List<Long> ids = this.jdbc.sql("""
				select a.id from outbox_action a
				where a.status in (?, ?) and a.next_attempt_at <= ? and (a.locked_until is null or a.locked_until < ?)
				  and not exists (select 1 from outbox_action p where p.installation_id = a.installation_id
				                  and p.request_key = a.request_key and p.status = ? and p.id < a.id)
				order by a.id
				limit ?
				for update skip locked""")
			.params(PENDING, QUEUED, Jdbc.ts(now), Jdbc.ts(now), PENDING, limit)
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		this.jdbc.sql("update outbox_action set locked_by = :worker, locked_until = :until, attempts = attempts + 1 where id in (:ids)")
			.param("worker", worker)
			.param("until", Jdbc.ts(now.plus(lease)))
			.param("ids", ids)
			.update();
		return this.jdbc.sql("select * from outbox_action where id in (:ids) order by id")
			.param("ids", ids)
			.query((rs, n) -> new OutboxAction(rs.getLong("id"), rs.getString("installation_id"), rs.getString("request_key"),
					rs.getString("action_type"), rs.getString("payload"), rs.getString("idempotency_key"), rs.getInt("attempts")))
			.list();
	}

	/** Marks an action delivered; false when the lease was lost. */
	boolean complete(long id, String worker, String result) {
		return this.jdbc.sql("""
				update outbox_action set status = ?, done_at = ?, result = ?, locked_by = null, locked_until = null, done_by = ?
				where id = ? and locked_by = ? and status in (?, ?)""")
			.params(DONE, Jdbc.ts(this.clock.instant()), Jdbc.clip(result, 2000), Jdbc.clip(worker, 100), id, worker, PENDING, QUEUED)
			.update() > 0;
	}

	/** Puts an action back for a later attempt. {@code countAttempt=false} undoes the claim's attempt count. */
	void retryLater(long id, String worker, Instant next, String error, boolean countAttempt) {
		this.jdbc.sql("""
				update outbox_action set next_attempt_at = ?, last_error = ?, locked_by = null, locked_until = null,
				  attempts = attempts - ?
				where id = ? and locked_by = ?""")
			.params(Jdbc.ts(next), Jdbc.clip(error, 2000), countAttempt ? 0 : 1, id, worker)
			.update();
	}

	/** Parks a ROUTE action in the queue until an agent is available (or the next look at the queue). */
	void queue(long id, String worker, Instant next, String note) {
		this.jdbc.sql("""
				update outbox_action set status = ?, next_attempt_at = ?, last_error = ?, locked_by = null, locked_until = null,
				  attempts = attempts - 1
				where id = ? and locked_by = ?""")
			.params(QUEUED, Jdbc.ts(next), Jdbc.clip(note, 2000), id, worker)
			.update();
	}

	/** Offers an installation's queued requests again now (an agent came online or has room). */
	int wakeQueued(String installationId) {
		int woken = this.jdbc.sql("update outbox_action set next_attempt_at = ? where installation_id = ? and status = ? and locked_by is null")
			.params(Jdbc.ts(this.clock.instant()), installationId, QUEUED)
			.update();
		if (woken > 0) {
			this.signals.outbox().wake();
		}
		return woken;
	}

	/** Gives up on an action. */
	void fail(long id, String worker, String error) {
		this.jdbc.sql("""
				update outbox_action set status = ?, done_at = ?, last_error = ?, locked_by = null, locked_until = null
				where id = ? and locked_by = ?""")
			.params(FAILED, Jdbc.ts(this.clock.instant()), Jdbc.clip(error, 2000), id, worker)
			.update();
	}

	/** Actions waiting to be delivered. */
	long pending() {
		return this.jdbc.sql("select count(*) from outbox_action where status = ?").param(PENDING).query(Long.class).single();
	}

	/**
	 * Whether Deskpilot's own status change of a request is still waiting to be carried out: until it is, the status
	 * the platform shows is the one before it.
	 */
	boolean transitionPending(String installationId, String requestKey) {
		return this.jdbc.sql("""
				select count(*) from outbox_action
				where installation_id = ? and request_key = ? and action_type = ? and status in (?, ?)""")
			.params(installationId, requestKey, ActionTypes.TRANSITION, PENDING, QUEUED)
			.query(Long.class)
			.single() > 0;
	}

}

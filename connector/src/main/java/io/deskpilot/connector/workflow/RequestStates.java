package io.deskpilot.connector.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Deskpilot's per-request records. */
@Repository
public class RequestStates {

	private final JdbcClient jdbc;

	RequestStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The record, if the request is tracked. */
	public Optional<RequestRecord> find(String installationId, String requestKey) {
		return this.jdbc.sql("select * from request_state where installation_id = ? and request_key = ?")
			.params(installationId, requestKey)
			.query(RequestStates::map)
			.optional();
	}

	/** Which of these requests are in the given state, in one query. */
	List<String> inState(String installationId, java.util.Collection<String> requestKeys, RequestState state) {
		if (requestKeys.isEmpty()) {
			return List.of();
		}
		List<Object> params = new java.util.ArrayList<>(List.of(installationId, state.name()));
		params.addAll(requestKeys);
		String marks = String.join(", ", java.util.Collections.nCopies(requestKeys.size(), "?"));
		return this.jdbc.sql("select request_key from request_state where installation_id = ? and state = ? and request_key in ("
				+ marks + ")").params(params).query(String.class).list();
	}

	/**
	 * Takes the installation's routing lock until the transaction ends: serializes reserving an agent's capacity
	 * across workers and replicas, so two never give the same free slot. A row of its own (in {@code sync_cursor}), so
	 * routing never waits behind the installation's row, which knowledge-base writes lock for their revisions.
	 */
	void lockRouting(String installationId) {
		lockRow(installationId, "routing");
	}

	/**
	 * Takes the installation's outage-clustering lock until the transaction ends: new requests are clustered one at a
	 * time, so similar reports applied together see each other. A row of its own, so clustering never waits behind
	 * routing or knowledge-base writes.
	 */
	void lockClustering(String installationId) {
		lockRow(installationId, "outage-cluster");
	}

	/** Locks the installation's {@code sync_cursor} row of the given stream (creating it the first time). */
	private void lockRow(String installationId, String stream) {
		java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
		String sql = "update sync_cursor set updated_at = ? where installation_id = ? and stream = ?";
		if (this.jdbc.sql(sql).params(now, installationId, stream).update() == 0) {
			try {
				this.jdbc.sql("insert into sync_cursor (installation_id, stream, cursor_value, updated_at) values (?, ?, null, ?)")
					.params(installationId, stream, now)
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException ex) {
				this.jdbc.sql(sql).params(now, installationId, stream).update();
			}
		}
	}

	/** The record, locked for update until the transaction ends. */
	Optional<RequestRecord> lock(String installationId, String requestKey) {
		return this.jdbc.sql("select * from request_state where installation_id = ? and request_key = ? for update")
			.params(installationId, requestKey)
			.query(RequestStates::map)
			.optional();
	}

	/** The newest records of an installation. */
	public List<RequestRecord> recent(String installationId, int limit) {
		return this.jdbc.sql("select * from request_state where installation_id = ? order by received_at desc limit ?")
			.params(installationId, limit)
			.query(RequestStates::map)
			.list();
	}

	/** Inserts a new record or updates an existing one, checking its version. */
	void save(RequestRecord r, boolean isNew) {
		if (isNew) {
			this.jdbc.sql("""
					insert into request_state (installation_id, request_key, state, customer_id, customer_name, organization,
					  request_type, summary, assignee_id, decision, confidence, matched_ticket, decision_detail, received_at,
					  first_response_at, answered_at, assigned_at, resolved_at, updated_at, version, language, labels,
					  components, shadow, guard_rule, first_response_due, sla_escalated_at, last_notice_at, fingerprint,
					  cluster_master)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(r.installationId(), r.requestKey(), r.state().name(), r.customerId(), r.customerName(),
						r.organization(), r.requestType(), Jdbc.clip(r.summary(), 1000), r.assigneeId(), r.decision(),
						r.confidence(), r.matchedTicket(), r.decisionDetail(), Jdbc.ts(r.receivedAt()),
						Jdbc.ts(r.firstResponseAt()), Jdbc.ts(r.answeredAt()), Jdbc.ts(r.assignedAt()),
						Jdbc.ts(r.resolvedAt()), Jdbc.ts(r.updatedAt()), r.language(), Jdbc.clip(String.join(",", r.labels()), 2000),
						Jdbc.clip(String.join(",", r.components()), 2000), r.shadow(), r.guardRule(),
						Jdbc.ts(r.firstResponseDue()), Jdbc.ts(r.slaEscalatedAt()), Jdbc.ts(r.lastNoticeAt()),
						r.fingerprint(), r.clusterMaster())
				.update();
			return;
		}
		int updated = this.jdbc.sql("""
				update request_state set state = ?, assignee_id = ?, first_response_at = ?, answered_at = ?, assigned_at = ?,
				  resolved_at = ?, updated_at = ?, sla_escalated_at = ?, last_notice_at = ?, cluster_master = ?,
				  version = version + 1
				where installation_id = ? and request_key = ? and version = ?""")
			.params(r.state().name(), r.assigneeId(), Jdbc.ts(r.firstResponseAt()), Jdbc.ts(r.answeredAt()),
					Jdbc.ts(r.assignedAt()), Jdbc.ts(r.resolvedAt()), Jdbc.ts(r.updatedAt()), Jdbc.ts(r.slaEscalatedAt()),
					Jdbc.ts(r.lastNoticeAt()), r.clusterMaster(), r.installationId(), r.requestKey(), r.version())
			.update();
		if (updated == 0) {
			throw new OptimisticLockingFailureException("request " + r.requestKey() + " changed concurrently");
		}
	}

	/** Routing's reservation: the agent chosen for an escalated request before the platform is told. */
	void reserve(String installationId, String requestKey, @Nullable String agentId) {
		this.jdbc.sql("update request_state set assignee_id = ?, version = version + 1 where installation_id = ? and request_key = ?")
			.params(agentId, installationId, requestKey)
			.update();
	}

	/** Puts requests into an outage cluster led by the master (those already in one keep theirs). */
	void joinCluster(String installationId, String masterKey, List<String> requestKeys) {
		if (requestKeys.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update request_state set cluster_master = :master, version = version + 1
				where installation_id = :id and request_key in (:keys) and cluster_master is null and request_key <> :master""")
			.param("master", masterKey)
			.param("id", installationId)
			.param("keys", requestKeys)
			.update();
	}

	/** The requests of the outage cluster led by the master. */
	List<String> clusterMembers(String installationId, String masterKey) {
		return this.jdbc.sql("select request_key from request_state where installation_id = ? and cluster_master = ? order by received_at")
			.params(installationId, masterKey)
			.query(String.class)
			.list();
	}

	/** Unresolved requests received since the given moment, oldest first (outage clustering looks at them). */
	List<RequestRecord> openSince(String installationId, Instant since, int limit) {
		return this.jdbc.sql("""
				select * from request_state where installation_id = ? and received_at >= ? and state not in ('RESOLVED', 'RESOLVED_BY_BOT')
				order by received_at limit ?""")
			.params(installationId, Jdbc.ts(since), limit)
			.query(RequestStates::map)
			.list();
	}

	/** Requests waiting for an agent (escalated, nobody assigned or reserved yet). */
	int waiting(String installationId) {
		return this.jdbc.sql("select count(*) from request_state where installation_id = ? and state = 'ESCALATED' and assignee_id is null")
			.param(installationId)
			.query(Integer.class)
			.single();
	}

	/** Recent business-time waits from receipt to the first human response, newest first. */
	List<Instant[]> recentHumanResponses(String installationId, int limit) {
		return this.jdbc.sql("""
				select received_at, first_response_at from request_state
				where installation_id = ? and answered_at is null and first_response_at is not null
				order by received_at desc limit ?""")
			.params(installationId, limit)
			.query((rs, n) -> new Instant[] { Jdbc.instant(rs, "received_at"), Jdbc.instant(rs, "first_response_at") })
			.list();
	}

	/** Bot answers waiting for the customer since before the given moment. */
	List<RequestRecord> awaitingSince(String installationId, Instant answeredBefore, int limit) {
		return this.jdbc.sql("""
				select * from request_state where installation_id = ? and state = 'AWAITING_CONFIRMATION' and answered_at < ?
				order by answered_at limit ?""")
			.params(installationId, Jdbc.ts(answeredBefore), limit)
			.query(RequestStates::map)
			.list();
	}

	/** Requests without a first response whose target falls before the given moment and no lead was alerted yet. */
	List<RequestRecord> firstResponseDueBefore(String installationId, Instant before, int limit) {
		return this.jdbc.sql("""
				select * from request_state where installation_id = ? and state in ('ESCALATED', 'ASSIGNED')
				  and first_response_at is null and sla_escalated_at is null and first_response_due is not null
				  and first_response_due <= ?
				order by first_response_due limit ?""")
			.params(installationId, Jdbc.ts(before), limit)
			.query(RequestStates::map)
			.list();
	}

	private static RequestRecord map(ResultSet rs, int row) throws SQLException {
		Double confidence = rs.getObject("confidence", Double.class);
		return new RequestRecord(rs.getString("installation_id"), rs.getString("request_key"),
				RequestState.valueOf(rs.getString("state")), rs.getString("customer_id"), rs.getString("customer_name"),
				rs.getString("organization"), rs.getString("request_type"), rs.getString("summary"),
				rs.getString("assignee_id"), rs.getString("decision"), confidence,
				rs.getString("matched_ticket"), rs.getString("decision_detail"), Jdbc.instant(rs, "received_at"),
				Jdbc.instant(rs, "first_response_at"), Jdbc.instant(rs, "answered_at"), Jdbc.instant(rs, "assigned_at"),
				Jdbc.instant(rs, "resolved_at"), Jdbc.instant(rs, "updated_at"), rs.getInt("version"),
				rs.getString("language"), split(rs.getString("labels")), split(rs.getString("components")),
				rs.getBoolean("shadow"), rs.getString("guard_rule"), Jdbc.instant(rs, "first_response_due"),
				Jdbc.instant(rs, "sla_escalated_at"), Jdbc.instant(rs, "last_notice_at"), rs.getString("fingerprint"),
				rs.getString("cluster_master"));
	}

	private static List<String> split(@Nullable String csv) {
		return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
	}

}

package io.deskpilot.connector.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

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

	/** Requests an agent owns and has not resolved. */
	int openAssigned(String installationId, String agentId) {
		return this.jdbc.sql("select count(*) from request_state where installation_id = ? and assignee_id = ? and state = ?")
			.params(installationId, agentId, RequestState.ASSIGNED.name())
			.query(Integer.class)
			.single();
	}

	/** Inserts a new record or updates an existing one, checking its version. */
	void save(RequestRecord r, boolean isNew) {
		if (isNew) {
			this.jdbc.sql("""
					insert into request_state (installation_id, request_key, state, customer_id, customer_name, organization,
					  request_type, summary, assignee_id, decision, confidence, matched_ticket, decision_detail, received_at,
					  first_response_at, answered_at, assigned_at, resolved_at, updated_at, version)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
				.params(r.installationId(), r.requestKey(), r.state().name(), r.customerId(), r.customerName(),
						r.organization(), r.requestType(), Jdbc.clip(r.summary(), 1000), r.assigneeId(), r.decision(),
						r.confidence(), r.matchedTicket(), r.decisionDetail(), Jdbc.ts(r.receivedAt()),
						Jdbc.ts(r.firstResponseAt()), Jdbc.ts(r.answeredAt()), Jdbc.ts(r.assignedAt()),
						Jdbc.ts(r.resolvedAt()), Jdbc.ts(r.updatedAt()))
				.update();
			return;
		}
		int updated = this.jdbc.sql("""
				update request_state set state = ?, assignee_id = ?, first_response_at = ?, answered_at = ?, assigned_at = ?,
				  resolved_at = ?, updated_at = ?, version = version + 1
				where installation_id = ? and request_key = ? and version = ?""")
			.params(r.state().name(), r.assigneeId(), Jdbc.ts(r.firstResponseAt()), Jdbc.ts(r.answeredAt()),
					Jdbc.ts(r.assignedAt()), Jdbc.ts(r.resolvedAt()), Jdbc.ts(r.updatedAt()), r.installationId(),
					r.requestKey(), r.version())
			.update();
		if (updated == 0) {
			throw new OptimisticLockingFailureException("request " + r.requestKey() + " changed concurrently");
		}
	}

	private static RequestRecord map(ResultSet rs, int row) throws SQLException {
		Double confidence = rs.getObject("confidence", Double.class);
		return new RequestRecord(rs.getString("installation_id"), rs.getString("request_key"),
				RequestState.valueOf(rs.getString("state")), rs.getString("customer_id"), rs.getString("customer_name"),
				rs.getString("organization"), rs.getString("request_type"), rs.getString("summary"),
				rs.getString("assignee_id"), rs.getString("decision"), confidence,
				rs.getString("matched_ticket"), rs.getString("decision_detail"), Jdbc.instant(rs, "received_at"),
				Jdbc.instant(rs, "first_response_at"), Jdbc.instant(rs, "answered_at"), Jdbc.instant(rs, "assigned_at"),
				Jdbc.instant(rs, "resolved_at"), Jdbc.instant(rs, "updated_at"), rs.getInt("version"));
	}

}

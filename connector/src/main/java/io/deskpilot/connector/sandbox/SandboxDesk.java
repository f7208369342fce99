package io.deskpilot.connector.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The sandbox help desk: tickets, comments, statuses, agents, a change feed and webhooks, stored in its own tables.
 * It behaves like a small real desk: a customer reply to a request waiting for the customer (or resolved) puts it back
 * to "Waiting for support", and every change is recorded in the feed and pushed to webhook subscribers after commit.
 */
@Service
class SandboxDesk {

	static final String KEY_PREFIX = "SBX-";

	private final JdbcClient jdbc;

	private final SandboxWebhooks webhooks;

	private final Clock clock;

	SandboxDesk(JdbcClient jdbc, SandboxWebhooks webhooks, Clock clock) {
		this.jdbc = jdbc;
		this.webhooks = webhooks;
		this.clock = clock;
	}

	static String key(long id) {
		return KEY_PREFIX + id;
	}

	static long idOf(String key) {
		if (key != null && key.startsWith(KEY_PREFIX)) {
			try {
				return Long.parseLong(key.substring(KEY_PREFIX.length()));
			}
			catch (NumberFormatException ex) {
				// fall through
			}
		}
		throw new SandboxException(404, "No sandbox request " + key);
	}

	/** Files a new request for a customer. */
	@Transactional
	public String createRequest(String summary, String description, String customerEmail, @Nullable String customerName,
			@Nullable String requestType, List<String> labels) {
		return createRequest(summary, description, customerEmail, customerName, requestType, labels, null);
	}

	/** Files a new request for a customer, owned by the customer-page visitor with this hash (if any). */
	@Transactional
	public String createRequest(String summary, String description, String customerEmail, @Nullable String customerName,
			@Nullable String requestType, List<String> labels, @Nullable String visitorHash) {
		if (summary == null || summary.isBlank()) {
			throw new SandboxException(400, "summary is required");
		}
		if (summary.length() > 500) {
			throw new SandboxException(400, "summary is longer than 500 characters");
		}
		if (customerEmail == null || !customerEmail.contains("@")) {
			throw new SandboxException(400, "a customer e-mail address is required");
		}
		Instant now = this.clock.instant();
		String name = customerName == null || customerName.isBlank() ? customerEmail : customerName.strip();
		long id = insertTicket(summary.strip(), description == null ? "" : description, SandboxStatus.WAITING_FOR_SUPPORT,
				customerEmail.strip().toLowerCase(java.util.Locale.ROOT), name, customerEmail.strip(), null, requestType,
				null, labels, List.of(), null, now, null, null);
		if (visitorHash != null) {
			this.jdbc.sql("update sandbox_ticket set visitor_hash = ? where id = ?").params(visitorHash, id).update();
		}
		recordEvent(id, "request_created", null, now);
		return key(id);
	}

	/** Stores a ticket of past history as it was (no events: it is history, not news). */
	@Transactional
	public String importHistoric(SeedTicket seed, Instant created) {
		Instant resolved = created.plusSeconds(seed.resolvedAfterHours() * 3600L);
		long id = insertTicket(seed.summary(), seed.description(), SandboxStatus.RESOLVED, seed.customerEmail(),
				seed.customerName(), seed.customerEmail(), seed.organization(), seed.requestType(), seed.agent(),
				seed.labels(), seed.components(), null, created, resolved, seed.resolution());
		if (seed.duplicateOfSummary() != null) {
			this.jdbc.sql("update sandbox_ticket set duplicate_of = (select 'SBX-' || min(m.id) from sandbox_ticket m where m.summary = ?) where id = ?")
				.params(seed.duplicateOfSummary(), id)
				.update();
		}
		Instant at = created;
		for (SeedTicket.Message m : seed.conversation()) {
			at = at.plusSeconds(Math.max(60, m.afterMinutes() * 60L));
			if (at.isAfter(resolved)) {
				at = resolved.minusSeconds(60);
			}
			String role = m.from().equals("customer") ? "CUSTOMER" : "AGENT";
			String author = role.equals("CUSTOMER") ? seed.customerEmail() : seed.agent();
			String authorName = role.equals("CUSTOMER") ? seed.customerName() : agentName(seed.agent());
			insertComment(id, author, authorName, role, !m.internal(), m.body(), null, at);
		}
		return key(id);
	}

	/** Adds a comment. Customer replies reopen requests that wait for them or were resolved. */
	@Transactional
	public SandboxComment addComment(String key, String authorId, String authorName, String role, boolean isPublic,
			String body, @Nullable String idempotencyKey) {
		SandboxTicket ticket = ticket(key);
		if (body == null || body.isBlank()) {
			throw new SandboxException(400, "comment body is required");
		}
		if (!List.of("CUSTOMER", "AGENT", "BOT").contains(role)) {
			throw new SandboxException(400, "role must be CUSTOMER, AGENT or BOT");
		}
		if (role.equals("CUSTOMER") && !isPublic) {
			throw new SandboxException(400, "customers can only add public comments");
		}
		Instant now = this.clock.instant();
		long commentId;
		try {
			commentId = insertComment(ticket.id(), authorId, authorName, role, isPublic, body, idempotencyKey, now);
		}
		catch (DuplicateKeyException ex) {
			throw new SandboxException(409, "a comment with idempotency key " + idempotencyKey + " already exists");
		}
		touch(ticket.id(), now);
		recordEvent(ticket.id(), "comment_created", commentId, now);
		if (role.equals("CUSTOMER")) {
			SandboxStatus status = SandboxStatus.ofLabel(ticket.status()).orElse(SandboxStatus.WAITING_FOR_SUPPORT);
			if (status == SandboxStatus.WAITING_FOR_CUSTOMER || status == SandboxStatus.RESOLVED) {
				changeStatus(ticket.id(), SandboxStatus.WAITING_FOR_SUPPORT, null, now);
			}
		}
		return comment(commentId).orElseThrow();
	}

	/** Moves a request to a status; resolving records the resolution. */
	@Transactional
	public void setStatus(String key, String statusLabel, @Nullable String resolution) {
		SandboxTicket ticket = ticket(key);
		SandboxStatus status = SandboxStatus.ofLabel(statusLabel)
			.orElseThrow(() -> new SandboxException(400, "unknown status '" + statusLabel + "'; one of "
					+ Arrays.stream(SandboxStatus.values()).map(SandboxStatus::label).toList()));
		if (!status.label().equals(ticket.status())) {
			changeStatus(ticket.id(), status, resolution, this.clock.instant());
		}
	}

	/** Assigns a request to an agent (null unassigns). */
	@Transactional
	public void assign(String key, @Nullable String agentId) {
		SandboxTicket ticket = ticket(key);
		if (agentId != null && agent(agentId).filter(SandboxAgent::active).isEmpty()) {
			throw new SandboxException(400, "no active sandbox agent '" + agentId + "'");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("update sandbox_ticket set assignee_id = ?, updated_at = ? where id = ?")
			.params(agentId, ts(now), ticket.id())
			.update();
		recordEvent(ticket.id(), "request_assigned", null, now);
	}

	/** The ticket with this key. */
	public SandboxTicket ticket(String key) {
		long id = idOf(key);
		return this.jdbc.sql("select * from sandbox_ticket where id = ?")
			.param(id)
			.query(SandboxDesk::mapTicket)
			.optional()
			.orElseThrow(() -> new SandboxException(404, "No sandbox request " + key));
	}

	/** Recent tickets, newest first. */
	public List<SandboxTicket> recent(int limit) {
		return this.jdbc.sql("select * from sandbox_ticket order by id desc limit ?")
			.param(Math.max(1, Math.min(limit, 500)))
			.query(SandboxDesk::mapTicket)
			.list();
	}

	/** A visitor's tickets, newest first. */
	public List<SandboxTicket> recentOf(String visitorHash, int limit) {
		return this.jdbc.sql("select * from sandbox_ticket where visitor_hash = ? order by id desc limit ?")
			.params(visitorHash, Math.max(1, Math.min(limit, 500)))
			.query(SandboxDesk::mapTicket)
			.list();
	}

	/** Resolved tickets after a position (resolved time, then id), oldest first. */
	public List<SandboxTicket> resolvedAfter(@Nullable Instant resolvedAt, long afterId, int limit) {
		Instant from = resolvedAt == null ? Instant.EPOCH : resolvedAt;
		return this.jdbc.sql("""
				select * from sandbox_ticket
				where resolved_at is not null and status = ? and (resolved_at > ? or (resolved_at = ? and id > ?))
				order by resolved_at, id limit ?""")
			.params(SandboxStatus.RESOLVED.label(), ts(from), ts(from), afterId, limit)
			.query(SandboxDesk::mapTicket)
			.list();
	}

	/** Number of resolved tickets. */
	public long resolvedCount() {
		return this.jdbc.sql("select count(*) from sandbox_ticket where resolved_at is not null and status = ?")
			.param(SandboxStatus.RESOLVED.label())
			.query(Long.class)
			.single();
	}

	/** Number of tickets. */
	public long ticketCount() {
		return this.jdbc.sql("select count(*) from sandbox_ticket").query(Long.class).single();
	}

	/** A ticket's comments, oldest first. */
	public List<SandboxComment> comments(String key) {
		return this.jdbc.sql("select * from sandbox_comment where ticket_id = ? order by id")
			.param(idOf(key))
			.query(SandboxDesk::mapComment)
			.list();
	}

	/** The comment with this id. */
	public Optional<SandboxComment> comment(long id) {
		return this.jdbc.sql("select * from sandbox_comment where id = ?").param(id).query(SandboxDesk::mapComment).optional();
	}

	/** The comment posted with this idempotency key, if any. */
	public Optional<SandboxComment> commentByIdempotencyKey(String idempotencyKey) {
		return this.jdbc.sql("select * from sandbox_comment where idempotency_key = ?")
			.param(idempotencyKey)
			.query(SandboxDesk::mapComment)
			.optional();
	}

	/** Feed events after an event id, oldest first. */
	public List<SandboxEvent> eventsAfter(long afterId, int limit) {
		return this.jdbc.sql("select * from sandbox_event where id > ? order by id limit ?")
			.params(afterId, limit)
			.query((rs, n) -> new SandboxEvent(rs.getLong("id"), key(rs.getLong("ticket_id")), rs.getString("event_type"),
					(Long) rs.getObject("comment_id", Long.class), instant(rs, "created_at")))
			.list();
	}

	/** The id of the newest feed event (0 when there is none). */
	public long lastEventId() {
		return this.jdbc.sql("select coalesce(max(id), 0) from sandbox_event").query(Long.class).single();
	}

	/** The desk's agents. */
	public List<SandboxAgent> agents() {
		return this.jdbc.sql("select * from sandbox_agent order by id")
			.query((rs, n) -> new SandboxAgent(rs.getString("id"), rs.getString("display_name"), rs.getString("email"),
					rs.getBoolean("active")))
			.list();
	}

	/** The agent with this id. */
	public Optional<SandboxAgent> agent(String id) {
		return agents().stream().filter(a -> a.id().equals(id)).findFirst();
	}

	/** Adds or updates an agent. */
	@Transactional
	public void saveAgent(SandboxAgent agent) {
		int updated = this.jdbc.sql("update sandbox_agent set display_name = ?, email = ?, active = ? where id = ?")
			.params(agent.displayName(), agent.email(), agent.active(), agent.id())
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into sandbox_agent (id, display_name, email, active) values (?, ?, ?, ?)")
				.params(agent.id(), agent.displayName(), agent.email(), agent.active())
				.update();
		}
	}

	private String agentName(@Nullable String agentId) {
		return agentId == null ? "Agent" : agent(agentId).map(SandboxAgent::displayName).orElse(agentId);
	}

	private long insertTicket(String summary, String description, SandboxStatus status, String reporterId,
			String reporterName, @Nullable String reporterEmail, @Nullable String organization,
			@Nullable String requestType, @Nullable String assignee, List<String> labels, List<String> components,
			@Nullable String priority, Instant created, @Nullable Instant resolved, @Nullable String resolution) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sandbox_ticket (summary, description, status, reporter_id, reporter_name, reporter_email,
				  organization, request_type, assignee_id, labels, components, priority, resolution, created_at,
				  updated_at, resolved_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(summary, description, status.label(), reporterId, reporterName, reporterEmail, organization,
					requestType, assignee, String.join(",", labels), String.join(",", components), priority, resolution,
					ts(created), ts(resolved == null ? created : resolved), ts(resolved))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	private long insertComment(long ticketId, String authorId, String authorName, String role, boolean isPublic,
			String body, @Nullable String idempotencyKey, Instant at) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sandbox_comment (ticket_id, author_id, author_name, author_role, is_public, body,
				  idempotency_key, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(ticketId, authorId, authorName, role, isPublic, body, idempotencyKey, ts(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	private void changeStatus(long id, SandboxStatus status, @Nullable String resolution, Instant now) {
		boolean done = status == SandboxStatus.RESOLVED;
		this.jdbc.sql("update sandbox_ticket set status = ?, resolution = ?, resolved_at = ?, updated_at = ? where id = ?")
			.params(status.label(), done ? (resolution == null ? "Done" : resolution) : null, done ? ts(now) : null,
					ts(now), id)
			.update();
		recordEvent(id, "request_updated", null, now);
	}

	private void touch(long id, Instant now) {
		this.jdbc.sql("update sandbox_ticket set updated_at = ? where id = ?").params(ts(now), id).update();
	}

	private void recordEvent(long ticketId, String type, @Nullable Long commentId, Instant at) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into sandbox_event (ticket_id, event_type, comment_id, created_at) values (?, ?, ?, ?)")
			.params(ticketId, type, commentId, ts(at))
			.update(keys, "id");
		SandboxEvent event = new SandboxEvent(keys.getKey().longValue(), key(ticketId), type, commentId, at);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					SandboxDesk.this.webhooks.publish(event);
				}
			});
		}
		else {
			this.webhooks.publish(event);
		}
	}

	static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static SandboxTicket mapTicket(ResultSet rs, int row) throws SQLException {
		return new SandboxTicket(rs.getLong("id"), rs.getString("summary"), rs.getString("description"),
				rs.getString("status"), rs.getString("reporter_id"), rs.getString("reporter_name"),
				rs.getString("reporter_email"), rs.getString("organization"), rs.getString("request_type"),
				rs.getString("assignee_id"), split(rs.getString("labels")), split(rs.getString("components")),
				rs.getString("priority"), rs.getString("resolution"), rs.getString("duplicate_of"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "resolved_at"), rs.getString("visitor_hash"));
	}

	private static SandboxComment mapComment(ResultSet rs, int row) throws SQLException {
		return new SandboxComment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("author_id"),
				rs.getString("author_name"), rs.getString("author_role"), rs.getBoolean("is_public"),
				rs.getString("body"), instant(rs, "created_at"));
	}

	private static List<String> split(@Nullable String csv) {
		return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

}

package io.deskpilot.connector.knowledge;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import java.util.function.Consumer;

import io.deskpilot.bot.kb.HistoryTicket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resolved tickets, and requests still open, in the database: the source of truth every replica's index follows.
 * Each write takes the next revisions of its installation under a row lock, so revisions become visible in order. A
 * resolved version of a ticket always replaces an open one; an open one never replaces anything.
 */
@Repository
class TicketStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	TicketStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** Inserts or replaces resolved tickets; returns the last revision written. */
	@Transactional
	long upsert(String installationId, List<HistoryTicket> tickets) {
		long revision = lockRevision(installationId);
		for (HistoryTicket t : tickets) {
			write(installationId, t, ++revision, false);
		}
		setRevision(installationId, revision);
		return revision;
	}

	/**
	 * Stores a request that is not resolved yet, unless a resolved version of it is stored already (a late or
	 * repeated intake never undoes a resolution); returns whether it was written.
	 */
	@Transactional
	boolean upsertOpen(String installationId, HistoryTicket request) {
		long revision = lockRevision(installationId);
		Boolean open = this.jdbc.sql("select open_request from kb_ticket where installation_id = ? and ticket_key = ?")
			.params(installationId, request.id())
			.query(Boolean.class)
			.optional()
			.orElse(true);
		if (!open) {
			return false;
		}
		write(installationId, request, ++revision, true);
		setRevision(installationId, revision);
		return true;
	}

	/**
	 * Marks a stored open request as resolved at the given time, until the history import brings its resolved
	 * version with the conversation and resolution: from now on it is a resolved ticket without an answer (found,
	 * never offered). Returns whether an open request was stored.
	 */
	@Transactional
	boolean resolveOpen(String installationId, String ticketKey, Instant resolved) {
		// every done status of every request comes here: the installation's revision lock is taken only for a
		// request stored as open, and it is read again under the lock (the history import may have replaced it)
		if (openRequest(installationId, ticketKey) == null) {
			return false;
		}
		long revision = lockRevision(installationId);
		HistoryTicket open = openRequest(installationId, ticketKey);
		if (open == null) {
			return false;
		}
		HistoryTicket closed = new HistoryTicket(open.id(), open.created(), resolved, "Resolved", null, open.summary(),
				open.description(), List.of(), null, open.project(), open.requestType(), open.components(), open.labels());
		write(installationId, closed, ++revision, false);
		setRevision(installationId, revision);
		return true;
	}

	private @Nullable HistoryTicket openRequest(String installationId, String ticketKey) {
		return this.jdbc.sql("""
				select ticket from kb_ticket where installation_id = ? and ticket_key = ? and open_request""")
			.params(installationId, ticketKey)
			.query((rs, n) -> this.json.readValue(rs.getString("ticket"), HistoryTicket.class))
			.optional()
			.orElse(null);
	}

	/**
	 * Locks the installation's revision until the transaction ends and returns it. An update rather than
	 * {@code select … for update}: PostgreSQL then locks the row "for no key update", which neither waits for nor
	 * blocks the inserts that reference the installation (each foreign key takes a key-share lock on its row). With
	 * "for update", an intake that had inserted its request's rows and two replicas' intakes deadlocked on it.
	 */
	private long lockRevision(String installationId) {
		this.jdbc.sql("update installation set kb_revision = kb_revision where id = ?").param(installationId).update();
		return this.jdbc.sql("select kb_revision from installation where id = ?").param(installationId).query(Long.class).single();
	}

	private void setRevision(String installationId, long revision) {
		this.jdbc.sql("update installation set kb_revision = ? where id = ?").params(revision, installationId).update();
	}

	private void write(String installationId, HistoryTicket t, long revision, boolean open) {
		String body = this.json.writeValueAsString(t);
		Instant now = this.clock.instant();
		int updated = this.jdbc.sql("""
				update kb_ticket set revision = ?, ticket = ?, created_at = ?, resolved_at = ?, stored_at = ?, open_request = ?
				where installation_id = ? and ticket_key = ?""")
			.params(revision, body, ts(t.created()), ts(t.resolved()), ts(now), open, installationId, t.id())
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					insert into kb_ticket (installation_id, ticket_key, revision, ticket, created_at, resolved_at, stored_at,
					open_request) values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(installationId, t.id(), revision, body, ts(t.created()), ts(t.resolved()), ts(now), open)
				.update();
		}
	}

	/** Streams tickets with a revision above the given one, in revision order, until the consumer has seen them all. */
	void forEachAfter(String installationId, long revision, int batch, Consumer<Revisioned> consumer) {
		long after = revision;
		while (true) {
			List<Revisioned> page = this.jdbc.sql("""
					select revision, ticket from kb_ticket where installation_id = ? and revision > ?
					order by revision limit ?""")
				.params(installationId, after, batch)
				.query((rs, n) -> new Revisioned(rs.getLong("revision"),
						this.json.readValue(rs.getString("ticket"), HistoryTicket.class)))
				.list();
			page.forEach(consumer);
			if (page.size() < batch) {
				return;
			}
			after = page.get(page.size() - 1).revision();
		}
	}

	/** Who gave the public answer of each stored ticket (the last public agent comment's author), where known. */
	Map<String, String> answerAuthors(String installationId, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		Map<String, String> authors = new HashMap<>();
		this.jdbc.sql("select ticket_key, ticket from kb_ticket where installation_id = :id and ticket_key in (:keys)")
			.param("id", installationId)
			.param("keys", keys)
			.query((rs, n) -> this.json.readValue(rs.getString("ticket"), HistoryTicket.class))
			.list()
			.forEach(t -> {
				for (int i = t.comments().size() - 1; i >= 0; i--) {
					HistoryComment c = t.comments().get(i);
					if (c.role() == AuthorRole.AGENT && c.isPublic()) {
						authors.put(t.id(), c.author());
						return;
					}
				}
			});
		return authors;
	}

	/** The keys of the most recently resolved tickets, newest first. */
	List<String> latestResolved(String installationId, int limit) {
		return this.jdbc.sql("""
				select ticket_key from kb_ticket where installation_id = ? and resolved_at is not null
				order by resolved_at desc limit ?""")
			.params(installationId, limit)
			.query(String.class)
			.list();
	}

	/** The installation's newest revision. */
	long latestRevision(String installationId) {
		return this.jdbc.sql("select kb_revision from installation where id = ?").param(installationId).query(Long.class).optional().orElse(0L);
	}

	/** Number of stored tickets. */
	long count(String installationId) {
		return this.jdbc.sql("select count(*) from kb_ticket where installation_id = ?").param(installationId).query(Long.class).single();
	}

	/** Number of stored requests that are not resolved yet. */
	long countOpen(String installationId) {
		return this.jdbc.sql("select count(*) from kb_ticket where installation_id = ? and open_request")
			.param(installationId)
			.query(Long.class)
			.single();
	}

	private static java.time.OffsetDateTime ts(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	/** A stored ticket and its revision. */
	record Revisioned(long revision, HistoryTicket ticket) {
	}

}

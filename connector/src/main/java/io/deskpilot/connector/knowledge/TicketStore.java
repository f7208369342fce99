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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resolved tickets in the database: the source of truth every replica's index follows. Each write takes the next
 * revisions of its installation under a row lock, so revisions become visible in order.
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

	/** Inserts or replaces tickets; returns the last revision written. */
	@Transactional
	long upsert(String installationId, List<HistoryTicket> tickets) {
		long revision = this.jdbc.sql("select kb_revision from installation where id = ? for update")
			.param(installationId)
			.query(Long.class)
			.single();
		Instant now = this.clock.instant();
		for (HistoryTicket t : tickets) {
			revision++;
			String body = this.json.writeValueAsString(t);
			int updated = this.jdbc.sql("""
					update kb_ticket set revision = ?, ticket = ?, created_at = ?, resolved_at = ?, stored_at = ?
					where installation_id = ? and ticket_key = ?""")
				.params(revision, body, ts(t.created()), ts(t.resolved()), ts(now), installationId, t.id())
				.update();
			if (updated == 0) {
				this.jdbc.sql("""
						insert into kb_ticket (installation_id, ticket_key, revision, ticket, created_at, resolved_at, stored_at)
						values (?, ?, ?, ?, ?, ?, ?)""")
					.params(installationId, t.id(), revision, body, ts(t.created()), ts(t.resolved()), ts(now))
					.update();
			}
		}
		this.jdbc.sql("update installation set kb_revision = ? where id = ?").params(revision, installationId).update();
		return revision;
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

	private static java.time.OffsetDateTime ts(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	/** A stored ticket and its revision. */
	record Revisioned(long revision, HistoryTicket ticket) {
	}

}

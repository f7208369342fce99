package io.deskpilot.connector.installation;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Durable cursors (watermarks) of polling and history import, per installation and stream. */
@Repository
public class SyncCursors {

	private final JdbcClient jdbc;

	private final Clock clock;

	SyncCursors(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The stored cursor of a stream. */
	public Optional<String> get(String installationId, String stream) {
		return this.jdbc.sql("select cursor_value from sync_cursor where installation_id = ? and stream = ?")
			.params(installationId, stream)
			.query(String.class)
			.optional();
	}

	/** Stores a stream's cursor. */
	public void put(String installationId, String stream, String cursor) {
		var now = this.clock.instant().atOffset(ZoneOffset.UTC);
		int updated = this.jdbc.sql("update sync_cursor set cursor_value = ?, updated_at = ? where installation_id = ? and stream = ?")
			.params(cursor, now, installationId, stream)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into sync_cursor (installation_id, stream, cursor_value, updated_at) values (?, ?, ?, ?)")
				.params(installationId, stream, cursor, now)
				.update();
		}
	}

	/** Forgets a stream's cursor (the next run starts over). */
	public void clear(String installationId, String stream) {
		this.jdbc.sql("delete from sync_cursor where installation_id = ? and stream = ?").params(installationId, stream).update();
	}

}

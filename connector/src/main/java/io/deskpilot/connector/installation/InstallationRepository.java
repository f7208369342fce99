package io.deskpilot.connector.installation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.deskpilot.connector.system.SecretCipher;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Installations in the database; secrets and the webhook secret are stored encrypted. */
@Repository
class InstallationRepository {

	private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final SecretCipher cipher;

	InstallationRepository(JdbcClient jdbc, JsonMapper json, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.json = json;
		this.cipher = cipher;
	}

	List<Installation> findAll() {
		return this.jdbc.sql("select * from installation order by created_at, id").query(this::map).list();
	}

	Optional<Installation> find(String id) {
		return this.jdbc.sql("select * from installation where id = ?").param(id).query(this::map).optional();
	}

	Map<String, String> secrets(String id) {
		String sealed = this.jdbc.sql("select secrets from installation where id = ?").param(id).query(String.class).optional().orElse(null);
		return sealed == null ? Map.of() : this.json.readValue(this.cipher.decrypt(sealed), MAP);
	}

	String webhookSecret(String id) {
		return this.cipher.decrypt(this.jdbc.sql("select webhook_secret from installation where id = ?").param(id).query(String.class).single());
	}

	void updateWebhookSecret(String id, String webhookSecret) {
		this.jdbc.sql("update installation set webhook_secret = ? where id = ?")
			.params(this.cipher.encrypt(webhookSecret), id)
			.update();
	}

	void insert(Installation i, Map<String, String> secrets, String webhookSecret) {
		this.jdbc.sql("""
				insert into installation (id, platform, name, config, secrets, webhook_secret, enabled, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(i.id(), i.platform(), i.name(), this.json.writeValueAsString(new LinkedHashMap<>(i.config())),
					seal(secrets), this.cipher.encrypt(webhookSecret), i.enabled(), i.createdAt().atOffset(ZoneOffset.UTC),
					i.updatedAt().atOffset(ZoneOffset.UTC))
			.update();
	}

	void update(Installation i, Map<String, String> secrets) {
		this.jdbc.sql("update installation set name = ?, config = ?, secrets = ?, enabled = ?, updated_at = ? where id = ?")
			.params(i.name(), this.json.writeValueAsString(new LinkedHashMap<>(i.config())), seal(secrets), i.enabled(),
					i.updatedAt().atOffset(ZoneOffset.UTC), i.id())
			.update();
	}

	boolean delete(String id) {
		return this.jdbc.sql("delete from installation where id = ?").param(id).update() > 0;
	}

	private String seal(Map<String, String> secrets) {
		return this.cipher.encrypt(this.json.writeValueAsString(new LinkedHashMap<>(secrets)));
	}

	private Installation map(ResultSet rs, int row) throws SQLException {
		return new Installation(rs.getString("id"), rs.getString("platform"), rs.getString("name"),
				this.json.readValue(rs.getString("config"), MAP), rs.getBoolean("enabled"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

}

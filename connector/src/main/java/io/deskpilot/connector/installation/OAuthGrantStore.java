package io.deskpilot.connector.installation;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.deskpilot.connector.platform.OAuthGrants;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.system.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OAuth grants in the shared database, tokens encrypted with the service's {@link SecretCipher}. A refresh locks the
 * installation's grant row ({@code select … for update}) for the length of the exchange, so a rotating refresh token is
 * spent by one replica once; replicas that waited find the new access token and use it.
 */
@Component
class OAuthGrantStore implements OAuthGrants {

	private static final Logger log = LoggerFactory.getLogger(OAuthGrantStore.class);

	private static final String COLUMNS = "installation_id, resource_id, api_base_url, access_token, access_expires_at, "
			+ "refresh_token, scopes, granted_at, refreshed_at, problem";

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final TransactionTemplate tx;

	private final Clock clock;

	OAuthGrantStore(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public Optional<Grant> find(String installationId) {
		return this.jdbc.sql("select " + COLUMNS + " from oauth_grant where installation_id = ?")
			.param(installationId)
			.query((rs, row) -> grant(rs))
			.optional();
	}

	@Override
	public void save(Grant g) {
		this.tx.executeWithoutResult(status -> {
			this.jdbc.sql("delete from oauth_grant where installation_id = ?").param(g.installationId()).update();
			this.jdbc.sql("insert into oauth_grant (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(g.installationId(), g.resourceId(), g.apiBaseUrl().toString(), this.cipher.encrypt(g.accessToken().reveal()),
						utc(g.accessExpiresAt()), this.cipher.encrypt(g.refreshToken().reveal()), g.scopes(), utc(g.grantedAt()),
						utc(g.refreshedAt()), g.problem())
				.update();
		});
	}

	@Override
	public Grant refresh(String installationId, Predicate<Grant> fresh, UnaryOperator<Grant> exchange) {
		Grant result = this.tx.execute(status -> {
			Grant held = this.jdbc.sql("select " + COLUMNS + " from oauth_grant where installation_id = ? for update")
				.param(installationId)
				.query((rs, row) -> grant(rs))
				.optional()
				.orElseThrow(() -> OAuthGrants.notConsented(installationId));
			if (held.problem() != null) {
				throw new PlatformRejectedException("The OAuth grant of " + installationId + " needs consent again ("
						+ held.problem() + "): an admin must connect it again", 401);
			}
			if (fresh.test(held)) {
				return held; // another caller (here or on another replica) refreshed while this one waited
			}
			Grant next = exchange.apply(held);
			this.jdbc.sql("""
					update oauth_grant set access_token = ?, access_expires_at = ?, refresh_token = ?, scopes = ?,
					refreshed_at = ?, problem = null where installation_id = ?""")
				.params(this.cipher.encrypt(next.accessToken().reveal()), utc(next.accessExpiresAt()),
						this.cipher.encrypt(next.refreshToken().reveal()), next.scopes(), utc(next.refreshedAt()), installationId)
				.update();
			return next;
		});
		return result;
	}

	@Override
	public void broken(String installationId, String reason) {
		String text = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
		int n = this.jdbc.sql("update oauth_grant set problem = ? where installation_id = ?").params(text, installationId).update();
		if (n > 0) {
			log.warn("OAuth grant of installation {} needs consent again: {}", installationId, text);
		}
	}

	/** Drops the installation's grant (its settings now name another site or app). */
	void forget(String installationId) {
		if (this.jdbc.sql("delete from oauth_grant where installation_id = ?").param(installationId).update() > 0) {
			log.info("OAuth grant of installation {} dropped: its site or app changed; an admin must connect again", installationId);
		}
	}

	/** Starts a consent: remembers a one-time state for the installation for {@code ttl}. */
	void rememberState(String state, String installationId, URI redirectUri, Instant expiresAt) {
		this.jdbc.sql("delete from oauth_state where expires_at < ?").param(utc(this.clock.instant())).update();
		this.jdbc.sql("insert into oauth_state (state, installation_id, redirect_uri, expires_at) values (?, ?, ?, ?)")
			.params(state, installationId, redirectUri.toString(), utc(expiresAt))
			.update();
	}

	/** Consumes a state (once): the installation and redirect URI it was issued for, if it exists and has not expired. */
	Optional<PendingConsent> takeState(String state) {
		return this.tx.execute(status -> {
			Optional<PendingConsent> found = this.jdbc
				.sql("select installation_id, redirect_uri, expires_at from oauth_state where state = ? for update")
				.param(state)
				.query((rs, row) -> new PendingConsent(rs.getString(1), URI.create(rs.getString(2)),
						rs.getTimestamp(3).toInstant()))
				.optional();
			found.ifPresent(p -> this.jdbc.sql("delete from oauth_state where state = ?").param(state).update());
			return found.filter(p -> p.expiresAt().isAfter(this.clock.instant()));
		});
	}

	record PendingConsent(String installationId, URI redirectUri, Instant expiresAt) {
	}

	private Grant grant(ResultSet rs) throws SQLException {
		return new Grant(rs.getString(1), rs.getString(2), URI.create(rs.getString(3)), Secret.of(this.cipher.decrypt(rs.getString(4))),
				rs.getTimestamp(5).toInstant(), Secret.of(this.cipher.decrypt(rs.getString(6))), rs.getString(7),
				rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(), rs.getString(10));
	}

	private static java.time.OffsetDateTime utc(Instant t) {
		return t.atOffset(ZoneOffset.UTC);
	}

}

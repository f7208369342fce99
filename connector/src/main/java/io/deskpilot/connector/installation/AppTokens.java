package io.deskpilot.connector.installation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskpilot.connector.platform.AppCredentials;
import io.deskpilot.connector.platform.AppInvocation;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.system.SecretCipher;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The newest API token each app installation's runtime handed over, encrypted in the shared database so every replica
 * calls the site back with it. Read through a short cache; a replica that just stored one sees it at once, the others
 * within {@link #TOKEN_CACHE}.
 */
@Component
class AppTokens implements AppCredentials {

	/** How long a replica reuses a token it read before looking for a newer one another replica stored. */
	static final Duration TOKEN_CACHE = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final TransactionTemplate tx;

	private final Cache<String, Optional<Secret>> tokens = Caffeine.newBuilder().expireAfterWrite(TOKEN_CACHE).maximumSize(10_000).build();

	AppTokens(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.tx = tx;
	}

	@Override
	public Optional<Secret> token(String installationId) {
		return this.tokens.get(installationId, id -> this.jdbc.sql("select token from app_installation where installation_id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.map(sealed -> Secret.of(this.cipher.decrypt(sealed))));
	}

	/** Stores the call's token when it differs from the one held and does not expire sooner. */
	void record(String platform, AppInvocation call, Instant now) {
		Secret token = call.systemToken();
		if (token == null || token.isEmpty()) {
			return;
		}
		this.tx.executeWithoutResult(status -> {
			Held held = this.jdbc.sql("""
					select installation_id, token, token_expires_at from app_installation
					where platform = ? and app_installation_id = ? for update""")
				.params(platform, call.appInstallationId())
				.query((rs, row) -> new Held(rs.getString(1), rs.getString(2),
						rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
				.single();
			boolean same = held.sealed() != null && Secret.of(this.cipher.decrypt(held.sealed())).equals(token);
			boolean older = held.expiresAt() != null && call.tokenExpiresAt() != null && !call.tokenExpiresAt().isAfter(held.expiresAt());
			if (same || older) {
				return;
			}
			this.jdbc.sql("""
					update app_installation set token = ?, token_expires_at = ?, api_base_url = ?, last_seen_at = ?
					where platform = ? and app_installation_id = ?""")
				.params(this.cipher.encrypt(token.reveal()),
						call.tokenExpiresAt() == null ? null : call.tokenExpiresAt().atOffset(ZoneOffset.UTC),
						call.apiBaseUrl().toString(), now.atOffset(ZoneOffset.UTC), platform, call.appInstallationId())
				.update();
			this.tokens.invalidate(held.installationId());
		});
	}

	private record Held(String installationId, @Nullable String sealed, @Nullable Instant expiresAt) {
	}

}

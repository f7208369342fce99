package io.deskpilot.connector.installation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.deskpilot.connector.platform.AppInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Desks installed as an app: maps each app installation (named inside the runtime's signed token) to a tenant, and
 * keeps the newest API token the runtime handed over, encrypted in the shared database so every replica calls the site
 * back with it ({@link AppTokens}).
 */
@Service
public class AppInstallations {

	private static final Logger log = LoggerFactory.getLogger(AppInstallations.class);

	private final JdbcClient jdbc;

	private final Installations installations;

	private final AppTokens tokens;

	private final Clock clock;

	AppInstallations(JdbcClient jdbc, Installations installations, AppTokens tokens, Clock clock) {
		this.jdbc = jdbc;
		this.installations = installations;
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * The tenant of an app installation, created (disabled, with the given settings) on its first call; and the token
	 * the call carried, stored when it is newer than the one held.
	 */
	public Installation resolve(String platform, AppInvocation call, Map<String, String> initialSettings) {
		Instant now = this.clock.instant();
		String tenant = this.jdbc.sql("select installation_id from app_installation where platform = ? and app_installation_id = ?")
			.params(platform, call.appInstallationId())
			.query(String.class)
			.optional()
			.orElseGet(() -> register(platform, call, initialSettings, now));
		this.tokens.record(platform, call, now);
		return this.installations.require(tenant);
	}

	/** The app installation behind a tenant, if it was installed as an app. */
	public Optional<String> appInstallationOf(String installationId) {
		return this.jdbc.sql("select app_installation_id from app_installation where installation_id = ?")
			.param(installationId)
			.query(String.class)
			.optional();
	}

	private String register(String platform, AppInvocation call, Map<String, String> settings, Instant now) {
		String tenant = tenantId(platform, call.appInstallationId());
		this.installations.createDisabled(tenant, platform, "%s site %s".formatted(platform,
				call.siteId() != null ? call.siteId() : call.apiBaseUrl().getHost()), settings);
		try {
			this.jdbc.sql("""
					insert into app_installation (platform, app_installation_id, installation_id, api_base_url, site_id,
					    first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?)""")
				.params(platform, call.appInstallationId(), tenant, call.apiBaseUrl().toString(), call.siteId(),
						now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))
				.update();
			log.info("App installation of {} mapped to installation {}", platform, tenant);
		}
		catch (DuplicateKeyException ex) {
			// another replica registered it at the same moment
		}
		return tenant;
	}

	/** A stable tenant id for an app installation, the same on every replica: {@code <platform>-<12 hex>}. */
	static String tenantId(String platform, String appInstallationId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(appInstallationId.getBytes(StandardCharsets.UTF_8));
			return platform + "-" + HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.deskpilot.connector.jsmsim;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The simulated site's OAuth 2.0 (3LO) authorization server and API gateway, behaving as Atlassian documents them:
 * a consent page that sends the browser back with a one-time code (10 minutes), access tokens that expire
 * ({@code expires_in}), and <em>rotating</em> refresh tokens: each use returns a new refresh token and retires the old
 * one; reusing a retired one after the leeway revokes the whole grant (every token of the family), as Auth0's reuse
 * detection does. Reuses within the leeway are counted, so tests can prove a client never spends one twice.
 */
public final class SimulatedAuthServer {

	/** The site's cloud id (the example id of Atlassian's documentation). */
	public static final String CLOUD_ID = "35273b54-3f06-40d2-880f-dd28cf8daafa";

	/** A second site the consent reaches, which a client must not pick for the simulated one. */
	static final String OTHER_SITE = "https://other-site.atlassian.net";

	private static final Duration CODE_TTL = Duration.ofMinutes(10);

	private final Clock clock;

	private final String clientId;

	private final String clientSecret;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Code> codes = new HashMap<>();

	private final Map<String, AccessToken> accessTokens = new HashMap<>();

	/** Every refresh token ever issued, current or retired. */
	private final Map<String, RefreshToken> refreshTokens = new HashMap<>();

	private Duration accessTtl = Duration.ofHours(1);

	private Duration leeway = Duration.ofMinutes(10);

	private boolean denyConsent;

	private long codesIssued;

	private long codeExchanges;

	private long refreshes;

	private long reuses;

	private long familiesRevoked;

	SimulatedAuthServer(Clock clock, String clientId, String clientSecret) {
		this.clock = clock;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/** A refused token request: the HTTP status and the OAuth error body. */
	static final class OAuthError extends RuntimeException {

		final int status;

		final String error;

		OAuthError(int status, String error, String description) {
			super(description, null, false, false);
			this.status = status;
			this.error = error;
		}

	}

	/** Issued tokens, as the token endpoint returns them. */
	record Tokens(String accessToken, long expiresIn, @Nullable String refreshToken, String scope) {
	}

	private record Code(String redirectUri, Set<String> scopes, Instant expiresAt) {
	}

	private record AccessToken(String family, Instant expiresAt, Set<String> scopes) {
	}

	private static final class RefreshToken {

		final String family;

		final Set<String> scopes;

		@Nullable Instant retiredAt;

		boolean revoked;

		RefreshToken(String family, Set<String> scopes) {
			this.family = family;
			this.scopes = scopes;
		}

	}

	// ---------------------------------------------------------------- controls

	/** How long access tokens live (Atlassian: one hour; tests shorten it to force refreshes). */
	public synchronized void accessTokenLifetime(Duration ttl) {
		this.accessTtl = ttl;
	}

	/** How long a retired refresh token may still be presented before the grant is revoked (Atlassian: 10 minutes). */
	public synchronized void reuseLeeway(Duration leeway) {
		this.leeway = leeway;
	}

	/** Makes the consent page answer {@code access_denied} (the admin pressed Cancel). */
	public synchronized void denyConsent(boolean deny) {
		this.denyConsent = deny;
	}

	/** Revokes every grant (an admin removed the app's access on the site). */
	public synchronized void revokeAll() {
		this.accessTokens.clear();
		this.refreshTokens.values().forEach(t -> t.revoked = true);
		this.familiesRevoked++;
	}

	/** Counters: codes issued and exchanged, refreshes, reuses of retired refresh tokens, grants revoked. */
	public synchronized Map<String, Long> stats() {
		return Map.of("codesIssued", this.codesIssued, "codeExchanges", this.codeExchanges, "refreshes", this.refreshes,
				"refreshTokenReuses", this.reuses, "grantsRevoked", this.familiesRevoked);
	}

	// ---------------------------------------------------------------- endpoints

	/**
	 * The consent page, with the admin consenting at once: the redirect (with {@code code} or {@code error}) the browser
	 * is sent to. Refuses malformed requests as Atlassian's page does, with an error shown instead of a redirect.
	 */
	synchronized String authorize(Map<String, String> p) {
		String redirect = p.get("redirect_uri");
		if (!"code".equals(p.get("response_type"))) {
			throw new OAuthError(400, "unsupported_response_type", "response_type must be code");
		}
		if (!this.clientId.equals(p.get("client_id"))) {
			throw new OAuthError(400, "invalid_client", "Unknown client_id");
		}
		if (!"api.atlassian.com".equals(p.get("audience"))) {
			throw new OAuthError(400, "invalid_request", "audience must be api.atlassian.com");
		}
		if (redirect == null || redirect.isBlank() || p.get("state") == null) {
			throw new OAuthError(400, "invalid_request", "redirect_uri and state are required");
		}
		String sep = redirect.contains("?") ? "&" : "?";
		String state = "state=" + java.net.URLEncoder.encode(p.get("state"), java.nio.charset.StandardCharsets.UTF_8);
		if (this.denyConsent) {
			return redirect + sep + "error=access_denied&error_description=User%20did%20not%20authorize%20the%20request&" + state;
		}
		String code = token("code");
		this.codes.put(code, new Code(redirect, scopes(p.get("scope")), this.clock.instant().plus(CODE_TTL)));
		this.codesIssued++;
		return redirect + sep + "code=" + code + "&" + state;
	}

	/** The token endpoint, for {@code authorization_code} and {@code refresh_token} grants. */
	synchronized Tokens token(Map<String, String> p) {
		if (!this.clientId.equals(p.get("client_id")) || !constantEquals(this.clientSecret, p.getOrDefault("client_secret", ""))) {
			throw new OAuthError(401, "access_denied", "Unauthorized");
		}
		String grantType = p.getOrDefault("grant_type", "");
		return switch (grantType) {
			case "authorization_code" -> {
				Code code = this.codes.remove(p.getOrDefault("code", ""));
				if (code == null || code.expiresAt().isBefore(this.clock.instant())) {
					throw new OAuthError(403, "invalid_grant", "Invalid authorization code");
				}
				if (!code.redirectUri().equals(p.get("redirect_uri"))) {
					throw new OAuthError(403, "invalid_grant", "redirect_uri does not match the authorization request");
				}
				this.codeExchanges++;
				yield issue(token("family"), code.scopes());
			}
			case "refresh_token" -> {
				RefreshToken held = this.refreshTokens.get(p.getOrDefault("refresh_token", ""));
				if (held == null || held.revoked) {
					throw new OAuthError(403, "invalid_grant", "Unknown or invalid refresh token.");
				}
				Instant now = this.clock.instant();
				if (held.retiredAt != null) {
					this.reuses++;
					if (held.retiredAt.plus(this.leeway).isBefore(now)) {
						revokeFamily(held.family);
						throw new OAuthError(403, "invalid_grant", "Unknown or invalid refresh token.");
					}
				}
				held.retiredAt = now;
				this.refreshes++;
				yield issue(held.family, held.scopes);
			}
			default -> throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
		};
	}

	/** Whether a bearer token is a live access token. */
	synchronized boolean validAccessToken(String token) {
		AccessToken t = this.accessTokens.get(token);
		return t != null && t.expiresAt().isAfter(this.clock.instant());
	}

	/** The sites a live access token reaches: this one (at {@code siteUrl}) and another. */
	synchronized List<Map<String, Object>> accessibleResources(String token, String siteUrl) {
		AccessToken t = this.accessTokens.get(token);
		if (t == null || !t.expiresAt().isAfter(this.clock.instant())) {
			throw new OAuthError(401, "invalid_token", "Unauthorized");
		}
		List<String> scopes = List.copyOf(t.scopes());
		return List.of(
				Map.of("id", "0c2f7f59-5b1e-4c2b-9b4a-6f4f0e8f9a11", "url", OTHER_SITE, "name", "other-site", "scopes", scopes,
						"avatarUrl", "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png"),
				Map.of("id", CLOUD_ID, "url", siteUrl, "name", "simulated-site", "scopes", scopes, "avatarUrl",
						"https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png"));
	}

	private Tokens issue(String family, Set<String> scopes) {
		String access = token("access");
		this.accessTokens.put(access, new AccessToken(family, this.clock.instant().plus(this.accessTtl), scopes));
		String refresh = null;
		if (scopes.contains("offline_access")) {
			refresh = token("refresh");
			this.refreshTokens.put(refresh, new RefreshToken(family, scopes));
		}
		return new Tokens(access, this.accessTtl.toSeconds(), refresh, String.join(" ", scopes));
	}

	private void revokeFamily(String family) {
		this.accessTokens.values().removeIf(t -> t.family().equals(family));
		this.refreshTokens.values().stream().filter(t -> t.family.equals(family)).forEach(t -> t.revoked = true);
		this.familiesRevoked++;
	}

	private String token(String kind) {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return kind + "-" + HexFormat.of().formatHex(bytes);
	}

	private static Set<String> scopes(@Nullable String scope) {
		return scope == null ? Set.of() : Set.copyOf(Arrays.stream(scope.split("[ +]")).filter(s -> !s.isBlank()).toList());
	}

	private static boolean constantEquals(String a, String b) {
		return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}

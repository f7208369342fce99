package io.deskpilot.connector.jira;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.OAuthConsent;
import io.deskpilot.connector.platform.OAuthGrants;
import io.deskpilot.connector.platform.OAuthGrants.Grant;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.TransientPlatformException;
import io.deskpilot.connector.system.OutboundPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Jira Cloud through the admin's own OAuth 2.0 (3LO) app, with Spring Security's OAuth 2.0 client doing the token
 * requests: the consent page ({@code /authorize} with {@code audience=api.atlassian.com} and {@code prompt=consent}),
 * the code exchange, the site's cloud id from {@code /oauth/token/accessible-resources}, and refreshes. Atlassian's
 * refresh tokens rotate: every refresh returns a new one and retires the old, and reusing a retired one (after a
 * 10-minute leeway) revokes the whole grant. So refreshes go through {@link OAuthGrants#refresh}, which holds the
 * installation's database lock across replicas, and the new refresh token is stored in the same transaction.
 */
final class JiraOAuth implements OAuthConsent {

	/** Classic scopes Deskpilot needs; {@code offline_access} brings the refresh token. */
	static final List<String> SCOPES = List.of("read:jira-work", "write:jira-work", "read:jira-user",
			"read:servicedesk-request", "write:servicedesk-request", "manage:servicedesk-customer", "offline_access");

	private final OAuthGrants grants;

	private final RestClient http;

	private final Clock clock;

	private final RestClientAuthorizationCodeTokenResponseClient codes = new RestClientAuthorizationCodeTokenResponseClient();

	private final RestClientRefreshTokenTokenResponseClient refreshes = new RestClientRefreshTokenTokenResponseClient();

	JiraOAuth(OAuthGrants grants, RestClient.Builder builder, OutboundPolicy outbound, Clock clock) {
		this.grants = grants;
		this.clock = clock;
		// the token endpoint and the gateway through the outbound policy, following no redirect
		RestClient.Builder guarded = outbound.guardedPerCallConnections(builder.clone(), Duration.ofSeconds(10),
				Duration.ofSeconds(30));
		RestClient tokens = guarded.clone()
			.configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		this.codes.setRestClient(tokens);
		this.refreshes.setRestClient(tokens);
		this.http = guarded.clone().build();
	}

	@Override
	public boolean uses(ConnectionSettings settings) {
		try {
			return JiraSettings.deployment(settings) == JiraSettings.Deployment.OAUTH;
		}
		catch (PlatformRejectedException ex) {
			return false;
		}
	}

	@Override
	public URI authorizationUri(ConnectionSettings connection, URI redirectUri, String state) {
		JiraSettings settings = JiraSettings.from(connection);
		return URI.create(authorizationRequest(registration(settings.oauth(), redirectUri), state).getAuthorizationRequestUri());
	}

	@Override
	public String complete(ConnectionSettings connection, String code, URI redirectUri) {
		JiraSettings settings = JiraSettings.from(connection);
		ClientRegistration registration = registration(settings.oauth(), redirectUri);
		OAuth2AuthorizationRequest request = authorizationRequest(registration, "completed");
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
			.redirectUri(redirectUri.toString())
			.state("completed")
			.build();
		OAuth2AccessTokenResponse tokens = exchange(() -> this.codes.getTokenResponse(
				new OAuth2AuthorizationCodeGrantRequest(registration, new OAuth2AuthorizationExchange(request, response))),
				"The consent code was refused");
		if (tokens.getRefreshToken() == null) {
			throw new PlatformRejectedException("Atlassian returned no refresh token: the app must request offline_access", 400);
		}
		Site site = site(settings, tokens.getAccessToken().getTokenValue());
		Instant now = this.clock.instant();
		this.grants.save(new Grant(settings.installationId(), site.cloudId(),
				URI.create(settings.oauth().apiUrl() + "/ex/jira/" + site.cloudId()), Secret.of(tokens.getAccessToken().getTokenValue()),
				expiry(tokens.getAccessToken(), now), Secret.of(tokens.getRefreshToken().getTokenValue()),
				String.join(" ", tokens.getAccessToken().getScopes()), now, now, null));
		return "Connected to " + site.url() + " (cloud id " + site.cloudId() + ")";
	}

	@Override
	public boolean sameConsent(ConnectionSettings before, ConnectionSettings after) {
		return uses(before) == uses(after) && host(url(before, JiraSettings.BASE_URL, "")).equals(host(url(after, JiraSettings.BASE_URL, "")))
				&& before.value(JiraSettings.CLIENT_ID, "").strip().equals(after.value(JiraSettings.CLIENT_ID, "").strip())
				&& url(before, JiraSettings.AUTH_URL, JiraSettings.ATLASSIAN_AUTH).equals(url(after, JiraSettings.AUTH_URL, JiraSettings.ATLASSIAN_AUTH))
				&& url(before, JiraSettings.API_URL, JiraSettings.ATLASSIAN_API).equals(url(after, JiraSettings.API_URL, JiraSettings.ATLASSIAN_API));
	}

	private static URI url(ConnectionSettings s, String field, String defaultValue) {
		try {
			return URI.create(s.value(field, defaultValue).strip().replaceAll("/+$", ""));
		}
		catch (IllegalArgumentException ex) {
			return URI.create("invalid:" + field);
		}
	}

	/** Atlassian's consent request: the registration's client, redirect and scopes, for the API audience, always asking. */
	private static OAuth2AuthorizationRequest authorizationRequest(ClientRegistration registration, String state) {
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(registration.getProviderDetails().getAuthorizationUri())
			.clientId(registration.getClientId())
			.redirectUri(registration.getRedirectUri())
			.scopes(registration.getScopes())
			.state(state)
			.additionalParameters(Map.of("audience", "api.atlassian.com", "prompt", "consent"))
			.build();
	}

	/** A per-connection view of the grant: its API base URL and a bearer token refreshed when due. */
	Session session(JiraSettings settings) {
		return new Session(settings);
	}

	final class Session {

		private final JiraSettings settings;

		private final ReentrantLock lock = new ReentrantLock();

		private volatile @Nullable Grant current;

		private Session(JiraSettings settings) {
			this.settings = settings;
		}

		/** Where API calls go: the gateway URL of the granted site. */
		URI apiBaseUrl() {
			Grant g = this.current;
			if (g == null) {
				g = JiraOAuth.this.grants.find(this.settings.installationId())
					.orElseThrow(() -> OAuthGrants.notConsented(this.settings.installationId()));
				this.current = g;
			}
			return g.apiBaseUrl();
		}

		/** The Authorization header: a bearer token with life left (see {@link Grant#freshAt}), refreshed here if needed. */
		String authorization() {
			Grant g = this.current;
			if (g != null && g.freshAt(JiraOAuth.this.clock.instant())) {
				return "Bearer " + g.accessToken().reveal();
			}
			this.lock.lock(); // one refresh per replica at a time; the database lock covers the other replicas
			try {
				g = this.current;
				if (g == null || !g.freshAt(JiraOAuth.this.clock.instant())) {
					g = refresh();
					this.current = g;
				}
				return "Bearer " + g.accessToken().reveal();
			}
			finally {
				this.lock.unlock();
			}
		}

		/** Forgets the held token (Jira answered 401 with it): the next call reads or refreshes the grant. */
		void forget() {
			this.current = null;
		}

		private Grant refresh() {
			String id = this.settings.installationId();
			try {
				return JiraOAuth.this.grants.refresh(id, held -> held.freshAt(JiraOAuth.this.clock.instant()),
						held -> rotate(held, this.settings.oauth()));
			}
			catch (RefusedGrant ex) {
				JiraOAuth.this.grants.broken(id, ex.getMessage());
				throw new PlatformRejectedException("Atlassian refused the OAuth grant of " + id + " (" + ex.getMessage()
						+ "): an admin must press 'Connect with Atlassian' again", 401);
			}
		}

	}

	/** Spends the held refresh token for a new pair; the caller stores both before anyone else can read the old one. */
	private Grant rotate(Grant held, JiraSettings.OAuthApp app) {
		ClientRegistration registration = registration(app, URI.create("http://unused.invalid/"));
		Instant now = this.clock.instant();
		OAuth2AccessToken previous = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, held.accessToken().reveal(),
				held.refreshedAt(), held.accessExpiresAt().isAfter(held.refreshedAt()) ? held.accessExpiresAt() : held.refreshedAt().plusSeconds(1));
		OAuth2AccessTokenResponse tokens;
		try {
			tokens = this.refreshes.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration, previous,
					new OAuth2RefreshToken(held.refreshToken().reveal(), held.refreshedAt())));
		}
		catch (OAuth2AuthorizationException ex) {
			if (transient_(ex)) {
				throw new TransientPlatformException("Atlassian's token endpoint failed: " + describe(ex), null, ex);
			}
			throw new RefusedGrant(describe(ex));
		}
		OAuth2RefreshToken next = tokens.getRefreshToken();
		return new Grant(held.installationId(), held.resourceId(), held.apiBaseUrl(), Secret.of(tokens.getAccessToken().getTokenValue()),
				expiry(tokens.getAccessToken(), now), next == null ? held.refreshToken() : Secret.of(next.getTokenValue()),
				tokens.getAccessToken().getScopes().isEmpty() ? held.scopes() : String.join(" ", tokens.getAccessToken().getScopes()),
				held.grantedAt(), now, null);
	}

	/** The sites this token reaches; the one whose URL the settings name. */
	private Site site(JiraSettings settings, String accessToken) {
		JsonNode resources;
		try {
			resources = this.http.get()
				.uri(settings.oauth().apiUrl() + "/oauth/token/accessible-resources")
				.header("Authorization", "Bearer " + accessToken)
				.retrieve()
				.body(JsonNode.class);
		}
		catch (RestClientResponseException ex) {
			throw ex.getStatusCode().is5xxServerError()
					? new TransientPlatformException("Atlassian's accessible-resources failed: " + ex.getStatusCode(), null, ex)
					: new PlatformRejectedException("Atlassian refused to list the sites of this consent: " + ex.getStatusCode(), 400);
		}
		catch (RestClientException ex) {
			throw new TransientPlatformException("Atlassian unreachable: " + ex.getMostSpecificCause().getMessage(), null, ex);
		}
		String wanted = host(settings.baseUrl());
		List<String> reached = new ArrayList<>();
		for (JsonNode r : resources == null ? List.<JsonNode>of() : resources) {
			String url = r.path("url").asString("");
			reached.add(url);
			if (host(URI.create(url)).equals(wanted)) {
				return new Site(r.path("id").asString(), url);
			}
		}
		throw new PlatformRejectedException("This consent reaches " + (reached.isEmpty() ? "no site" : String.join(", ", reached))
				+ " but not " + settings.baseUrl() + ": connect again and choose that site on Atlassian's consent page", 400);
	}

	private record Site(String cloudId, String url) {
	}

	private static String host(URI uri) {
		String h = uri.getHost();
		return h == null ? "" : h.toLowerCase(Locale.ROOT);
	}

	private OAuth2AccessTokenResponse exchange(java.util.function.Supplier<OAuth2AccessTokenResponse> call, String refused) {
		try {
			return call.get();
		}
		catch (OAuth2AuthorizationException ex) {
			if (transient_(ex)) {
				throw new TransientPlatformException("Atlassian's token endpoint failed: " + describe(ex), null, ex);
			}
			throw new PlatformRejectedException(refused + ": " + describe(ex), 400);
		}
	}

	/** 5xx and connection failures are worth retrying; every 4xx (invalid_grant, unauthorized_client, 403) is not. */
	private static boolean transient_(OAuth2AuthorizationException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof RestClientResponseException r) {
			return r.getStatusCode().is5xxServerError() || r.getStatusCode().value() == 429;
		}
		return cause instanceof RestClientException;
	}

	private static String describe(OAuth2AuthorizationException ex) {
		if (ex.getCause() instanceof HttpClientErrorException http) {
			String body = http.getResponseBodyAsString();
			return http.getStatusCode().value() + (body.isBlank() ? "" : " " + io.deskpilot.connector.platform.Excerpt.of(body));
		}
		String description = ex.getError().getDescription();
		return ex.getError().getErrorCode() + (description == null ? "" : ": " + description);
	}

	private static Instant expiry(OAuth2AccessToken token, Instant now) {
		return token.getExpiresAt() != null ? token.getExpiresAt() : now.plus(Duration.ofHours(1));
	}

	static ClientRegistration registration(JiraSettings.OAuthApp app, URI redirectUri) {
		return ClientRegistration.withRegistrationId("atlassian")
			.clientId(app.clientId())
			.clientSecret(app.clientSecret().reveal())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(redirectUri.toString())
			.scope(SCOPES)
			.authorizationUri(app.authUrl() + "/authorize")
			.tokenUri(app.authUrl() + "/oauth/token")
			.build();
	}

	/** The token endpoint refused the refresh token: the grant is gone until an admin consents again. */
	private static final class RefusedGrant extends RuntimeException {

		RefusedGrant(String message) {
			super(message, null, false, false);
		}

	}

}

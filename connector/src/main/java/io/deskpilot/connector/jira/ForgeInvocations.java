package io.deskpilot.connector.jira;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.deskpilot.connector.platform.AppEvents;
import io.deskpilot.connector.platform.AppInvocation;
import io.deskpilot.connector.platform.EventType;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookRejectedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls from the Deskpilot Forge app (product event triggers, the scheduled token refresh, the admin page), verified
 * before anything else reads them: the {@code Authorization} header must carry a Forge Invocation Token, an RS256 JWT
 * signed by one of the keys Forge publishes (fetched once and cached; a token signed by an unknown key fetches them
 * again, at most once per {@code jwks-min-refetch}), issued by {@code forge/invocation-token} for this app (audience),
 * not expired. Its {@code app.installationId} names the site's installation; {@code app.apiBaseUrl} is where that
 * site's API is; the {@code x-forge-oauth-system} header carries the token to call it with.
 * <p>
 * Product events map to the same dedupe keys as Jira's webhooks, so a site that sends both acts once.
 */
final class ForgeInvocations implements AppEvents {

	private static final Logger log = LoggerFactory.getLogger(ForgeInvocations.class);

	static final String SYSTEM_TOKEN = "x-forge-oauth-system";

	private final ForgeProperties properties;

	private final RestClient http;

	private final JsonMapper json;

	private final Clock clock;

	private final Cache<String, JWKSet> keys;

	private final AtomicReference<Instant> lastFetch = new AtomicReference<>(Instant.EPOCH);

	private final AtomicInteger fetches = new AtomicInteger();

	ForgeInvocations(ForgeProperties properties, RestClient.Builder builder, JsonMapper json, Clock clock) {
		this.properties = properties;
		this.http = builder.clone().build();
		this.json = json;
		this.clock = clock;
		this.keys = Caffeine.newBuilder().expireAfterWrite(properties.jwksCacheTtl()).maximumSize(4).build();
	}

	@Override
	public AppInvocation verify(WebhookDelivery delivery) {
		String appId = this.properties.appId();
		if (appId == null) {
			throw new WebhookRejectedException("this service has no Forge app configured (deskpilot.forge.app-id)");
		}
		String authorization = delivery.header("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new WebhookRejectedException("no Forge invocation token (Authorization: Bearer) was sent");
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(authorization.substring(7).strip());
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new WebhookRejectedException("the Forge invocation token is not a signed JWT");
		}
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
			throw new WebhookRejectedException("the Forge invocation token is not RS256-signed");
		}
		RSAKey key = key(jwt.getHeader().getKeyID());
		try {
			if (!jwt.verify(new RSASSAVerifier(key))) {
				throw new WebhookRejectedException("the Forge invocation token's signature does not match Forge's key");
			}
		}
		catch (JOSEException ex) {
			throw new WebhookRejectedException("the Forge invocation token's signature cannot be checked: " + ex.getMessage());
		}
		Instant now = this.clock.instant();
		if (!ForgeProperties.ISSUER.equals(claims.getIssuer())) {
			throw new WebhookRejectedException("the token was not issued by Forge (iss " + claims.getIssuer() + ")");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(appId)) {
			throw new WebhookRejectedException("the token is for another app (aud " + claims.getAudience() + ")");
		}
		Date exp = claims.getExpirationTime();
		if (exp == null || exp.toInstant().plus(this.properties.clockSkew()).isBefore(now)) {
			throw new WebhookRejectedException("the Forge invocation token has expired");
		}
		Date nbf = claims.getNotBeforeTime();
		if (nbf != null && nbf.toInstant().minus(this.properties.clockSkew()).isAfter(now)) {
			throw new WebhookRejectedException("the Forge invocation token is not valid yet");
		}
		Map<String, Object> app = map(claims.getClaim("app"));
		String installationId = string(app.get("installationId"));
		String apiBaseUrl = string(app.get("apiBaseUrl"));
		if (installationId == null || apiBaseUrl == null) {
			throw new WebhookRejectedException("the Forge invocation token names no app installation or API URL");
		}
		if (app.get("id") != null && !appId.equals(app.get("id"))) {
			throw new WebhookRejectedException("the token's app.id is another app");
		}
		URI api = apiUrl(apiBaseUrl);
		String cloudId = string(map(claims.getClaim("context")).get("cloudId"));
		String token = delivery.header(SYSTEM_TOKEN);
		return new AppInvocation(installationId, api, cloudId, token == null || token.isBlank() ? null : Secret.of(token.strip()),
				token == null ? null : expiryOf(token), string(map(app.get("module")).get("type")));
	}

	@Override
	public boolean fromAdminPage(AppInvocation invocation) {
		return "jira:adminPage".equals(invocation.module());
	}

	@Override
	public Map<String, String> initialSettings(AppInvocation invocation) {
		return Map.of(JiraSettings.DEPLOYMENT, "forge", JiraSettings.BASE_URL, invocation.apiBaseUrl().toString());
	}

	@Override
	public List<RequestEvent> parse(WebhookDelivery delivery, Map<String, String> settings) {
		JsonNode root;
		try {
			root = this.json.readTree(delivery.body());
		}
		catch (JacksonException ex) {
			throw new PlatformRejectedException("Forge event body is not JSON", 400);
		}
		if (root.has("payload") && root.path("payload").isObject() && !root.has("eventType")) {
			root = root.path("payload");
		}
		String event = root.path("eventType").asString("");
		JsonNode issue = root.path("issue");
		String key = issue.path("key").asString(null);
		String issueId = issue.path("id").asString(null);
		if (key == null || issueId == null) {
			return List.of();
		}
		String project = settings.get(JiraSettings.PROJECT);
		String issueProject = issue.path("fields").path("project").path("key").asString(null);
		if (project == null || (issueProject != null && !issueProject.equalsIgnoreCase(project))
				|| (issueProject == null && !key.toUpperCase(Locale.ROOT).startsWith(project.toUpperCase(Locale.ROOT) + "-"))) {
			return List.of();
		}
		Instant at = this.clock.instant();
		return switch (event) {
			case "avi:jira:created:issue" -> List.of(new RequestEvent(EventType.REQUEST_CREATED, key, "jira:created:" + issueId, at, null));
			case "avi:jira:commented:issue" -> {
				String commentId = root.path("comment").path("id").asString(null);
				yield commentId == null ? List.of()
						: List.of(new RequestEvent(EventType.COMMENT_ADDED, key, "jira:comment:" + commentId, at, commentId));
			}
			case "avi:jira:updated:issue" -> {
				String change = root.path("changelog").path("id").asString(null);
				yield List.of(new RequestEvent(EventType.REQUEST_UPDATED, key,
						"jira:updated:" + (change != null ? "changelog-" + change : issueId + ":" + at.toEpochMilli()), at, null));
			}
			default -> List.of();
		};
	}

	/** How often the keys were fetched (for tests and metrics). */
	int keyFetches() {
		return this.fetches.get();
	}

	private RSAKey key(@Nullable String kid) {
		if (kid == null) {
			throw new WebhookRejectedException("the Forge invocation token names no key (kid)");
		}
		String url = this.properties.jwksUrl().toString();
		JWKSet set = this.keys.get(url, this::fetch);
		JWK key = set.getKeyByKeyId(kid);
		if (key == null) {
			Instant last = this.lastFetch.get();
			if (last.plus(this.properties.jwksMinRefetch()).isBefore(this.clock.instant())) {
				// Forge may have rotated its keys
				set = fetch(url);
				this.keys.put(url, set);
				key = set.getKeyByKeyId(kid);
			}
		}
		if (!(key instanceof RSAKey rsa)) {
			throw new WebhookRejectedException("the Forge invocation token is signed by an unknown key " + kid);
		}
		return rsa;
	}

	private JWKSet fetch(String url) {
		this.lastFetch.set(this.clock.instant());
		this.fetches.incrementAndGet();
		try {
			String body = this.http.get().uri(URI.create(url)).retrieve().body(String.class);
			JWKSet set = JWKSet.parse(body == null ? "" : body);
			log.info("Fetched {} Forge signing keys from {}", set.getKeys().size(), url);
			return set;
		}
		catch (RestClientException | ParseException ex) {
			log.warn("Cannot fetch Forge's signing keys from {}: {}", url, ex.getMessage());
			throw new WebhookRejectedException("Forge's signing keys cannot be fetched right now");
		}
	}

	private URI apiUrl(String apiBaseUrl) {
		URI uri;
		try {
			uri = URI.create(apiBaseUrl.strip().replaceAll("/+$", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new WebhookRejectedException("the token's app.apiBaseUrl is not a URL");
		}
		boolean https = "https".equals(uri.getScheme());
		boolean http = "http".equals(uri.getScheme()) && this.properties.allowHttpApiBaseUrl();
		if (uri.getHost() == null || !(https || http)) {
			throw new WebhookRejectedException("the token's app.apiBaseUrl must be an https URL");
		}
		return uri;
	}

	/**
	 * The expiry of a Forge API token, read from its JWT payload without checking its signature: it decides only which
	 * of two tokens is the newer; Atlassian checks the token itself when it is used.
	 */
	private static @Nullable Instant expiryOf(String token) {
		try {
			Date exp = com.nimbusds.jwt.JWTParser.parse(token.strip()).getJWTClaimsSet().getExpirationTime();
			return exp == null ? null : exp.toInstant();
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object claim) {
		return claim instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
	}

	private static @Nullable String string(@Nullable Object value) {
		return value instanceof String s && !s.isBlank() ? s : null;
	}

}

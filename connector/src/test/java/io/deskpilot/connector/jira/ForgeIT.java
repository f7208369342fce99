package io.deskpilot.connector.jira;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.jsmsim.JsmSimulator;
import io.deskpilot.connector.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jira Cloud through the Deskpilot Forge app, against a local key server standing in for Forge's JWKS and the JSM
 * simulator standing in for the site: invocation tokens that are missing, forged, expired, for another app or from
 * another issuer are refused with 401 and leave nothing behind; a site's first call creates a disabled installation
 * holding Forge's token encrypted; once an admin completes it, a Forge "issue created" event (delivered twice, as
 * Forge retries) gets the request answered once, with every call to the site made with Forge's token; the signing keys
 * are fetched once and again only when Forge rotates them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.jsm-simulator.enabled=true",
				"deskpilot.jsm-simulator.token=" + ForgeIT.SYSTEM_TOKEN, "deskpilot.intake.poll-interval=1h",
				"deskpilot.admin.token=forge-admin", "deskpilot.forge.app-id=" + ForgeIT.APP_ID,
				"deskpilot.forge.allow-http-api-base-url=true", "deskpilot.forge.jwks-min-refetch=2s",
				"deskpilot.public-url=https://deskpilot.example.com" })
@Import(JsmSimulatorTestConfig.class)
class ForgeIT {

	static final String APP_ID = "ari:cloud:ecosystem::app/3f1c0a8e-5b7d-4c2a-9e61-0d8f2b4a7c55";

	static final String SYSTEM_TOKEN = "forge-system-token-for-the-simulator";

	static final String INSTALLATION = "ari:cloud:ecosystem::installation/8b2d6e1f-1111-4a3b-8c9d-2e7f4a6b9c01";

	static final String CLOUD_ID = "a436116f-02ce-4520-8fbb-7301462a1674";

	static final RSAKey FORGE_KEY = rsa("forge-key-1");

	static final RSAKey ROTATED_KEY = rsa("forge-key-2");

	/** An attacker's key published nowhere, but claiming Forge's key id. */
	static final RSAKey ATTACKER_KEY = rsa("forge-key-1");

	static final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(FORGE_KEY.toPublicJWK()));

	static final AtomicInteger keyRequests = new AtomicInteger();

	static final HttpServer jwks = startKeyServer();

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
		registry.add("deskpilot.forge.jwks-url", () -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	JsmSimulator sim;

	@Autowired
	Installations installations;

	@Autowired
	HistoryImport history;

	@Autowired
	JdbcClient jdbc;

	OpenApiContract openApi;

	@BeforeEach
	void contract() {
		this.openApi = OpenApiContract.require(JsmSimulatorTestConfig.BASE_PATH);
	}

	@AfterEach
	void everyExchangeMatchedTheSpec() {
		assertThat(this.openApi.drainViolations()).isEmpty();
	}

	@AfterAll
	static void stopKeyServer() {
		jwks.stop(0);
	}

	@Test
	void missingForgedExpiredOrForeignTokens_are401_andNothingIsStored() throws Exception {
		long installationsBefore = count("installation");
		long inboxBefore = count("inbox_event");
		String body = created("HELP-999", "999");
		Instant now = Instant.now();
		Map<String, String> attempts = new java.util.LinkedHashMap<>();
		attempts.put("no token", null);
		attempts.put("forged signature", sign(ATTACKER_KEY, claims(APP_ID, ForgeProperties.ISSUER, now.plusSeconds(300))));
		attempts.put("expired", sign(FORGE_KEY, claims(APP_ID, ForgeProperties.ISSUER, now.minusSeconds(600))));
		attempts.put("another app", sign(FORGE_KEY, claims("ari:cloud:ecosystem::app/" + UUID.randomUUID(), ForgeProperties.ISSUER,
				now.plusSeconds(300))));
		attempts.put("another issuer", sign(FORGE_KEY, claims(APP_ID, "someone-else", now.plusSeconds(300))));
		attempts.put("HMAC instead of RS256", hmac(claims(APP_ID, ForgeProperties.ISSUER, now.plusSeconds(300))));
		attempts.put("unknown key", sign(rsa("nobody-knows-me"), claims(APP_ID, ForgeProperties.ISSUER, now.plusSeconds(300))));

		for (var attempt : attempts.entrySet()) {
			ResponseEntity<JsonNode> response = post(attempt.getValue(), body);
			assertThat(response.getStatusCode().value()).as(attempt.getKey()).isEqualTo(401);
			assertThat(response.getBody().path("detail").asString()).as(attempt.getKey()).isNotBlank();
		}
		assertThat(count("installation")).isEqualTo(installationsBefore);
		assertThat(count("inbox_event")).isEqualTo(inboxBefore);
		assertThat(this.jdbc.sql("select count(*) from app_installation where app_installation_id like '%8b2d6e1f-2222%'")
			.query(Long.class).single()).isZero();
	}

	@Test
	void firstCall_createsADisabledInstallation_theAdminCompletesIt_andAForgeEventGetsTheRequestAnsweredOnce() {
		String appInstallation = "ari:cloud:ecosystem::installation/8b2d6e1f-2222-4a3b-8c9d-2e7f4a6b9c02";
		String fit = sign(FORGE_KEY, claims(APP_ID, ForgeProperties.ISSUER, Instant.now().plusSeconds(300), appInstallation));

		// 1. Forge's lifecycle event on install: the site becomes a disabled installation, Forge's token is kept
		ResponseEntity<JsonNode> installed = post(fit, "{\"eventType\":\"avi:forge:installed:app\",\"id\":\"" + appInstallation
				+ "\",\"context\":{\"cloudId\":\"" + CLOUD_ID + "\"}}");
		assertThat(installed.getStatusCode().value()).isEqualTo(202);
		String id = installed.getBody().path("installation").asString();
		assertThat(installed.getBody().path("state").asString()).startsWith("awaiting configuration");
		Installation created = this.installations.require(id);
		assertThat(created.enabled()).isFalse();
		assertThat(created.config()).containsEntry(JiraSettings.DEPLOYMENT, "forge").containsEntry(JiraSettings.BASE_URL, apiBaseUrl());
		String stored = this.jdbc.sql("select token from app_installation where installation_id = ?").param(id).query(String.class).single();
		assertThat(stored).as("Forge's token is stored encrypted").isNotBlank().doesNotContain(SYSTEM_TOKEN);
		String view = admin().get().uri("/api/installations/{id}", id).retrieve().body(String.class);
		assertThat(view).doesNotContain(SYSTEM_TOKEN);

		// 2. The admin completes it (project) and enables it; history is imported with Forge's token
		admin().put().uri("/api/installations/{id}", id).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("config", Map.of(JiraSettings.DEPLOYMENT, "forge", JiraSettings.BASE_URL, apiBaseUrl(),
					JiraSettings.PROJECT, "HELP"), "enabled", true))
			.retrieve().toBodilessEntity();
		this.sim.seedResolved(JsmSimulatorTestConfig.KNOWN_PROBLEMS, Duration.ofHours(1));
		ImportProgress imported = this.history.runNow(id);
		assertThat(imported.state()).isEqualTo(ImportProgress.State.DONE);
		assertThat(imported.read()).isGreaterThanOrEqualTo(JsmSimulatorTestConfig.KNOWN_PROBLEMS.size());

		// 3. A customer files a request; Forge sends "issue created" and retries it once
		JsmSimulator.User kim = this.sim.customer("kim.forge@customer.example", "Kim");
		JsmSimulator.Issue issue = this.sim.createRequest(kim, "10", "VPN not connecting since the update",
				"After the Windows update today my VPN client is stuck on connecting.");
		String event = created(issue.key, issue.id);
		ResponseEntity<JsonNode> first = post(fit, event);
		ResponseEntity<JsonNode> retry = post(fit, event);
		assertThat(first.getStatusCode().value()).isEqualTo(202);
		assertThat(first.getBody().path("accepted").asInt()).isEqualTo(1);
		assertThat(retry.getBody().path("duplicates").asInt()).isEqualTo(1);

		Await.until(() -> botReplies(issue.key).size() == 1, Duration.ofSeconds(15), "the bot's answer on " + issue.key);
		Await.pause(500);
		assertThat(botReplies(issue.key)).hasSize(1);
		assertThat(botReplies(issue.key).get(0).body()).contains("6.2");
		assertThat(this.jdbc.sql("select count(*) from inbox_event where installation_id = ? and event_type = 'REQUEST_CREATED'")
			.param(id).query(Long.class).single()).isEqualTo(1);

		// 4. Another project's issue on the same site is not Deskpilot's business
		ResponseEntity<JsonNode> other = post(fit, "{\"eventType\":\"avi:jira:created:issue\",\"issue\":{\"id\":\"77\",\"key\":\"OPS-7\","
				+ "\"fields\":{\"project\":{\"key\":\"OPS\"}}}}");
		assertThat(other.getBody().path("events").asInt()).isZero();
	}

	@Test
	void adminPage_showsTheStatus_andCompletesTheInstallation_butTriggersCannotChangeSettings() {
		String appInstallation = "ari:cloud:ecosystem::installation/8b2d6e1f-4444-4a3b-8c9d-2e7f4a6b9c04";
		Instant exp = Instant.now().plusSeconds(300);
		String page = sign(FORGE_KEY, claims(APP_ID, ForgeProperties.ISSUER, exp, appInstallation, "jira:adminPage"));
		String trigger = sign(FORGE_KEY, claims(APP_ID, ForgeProperties.ISSUER, exp, appInstallation, "xen:trigger"));

		ResponseEntity<JsonNode> status = post("/apps/jira/admin", page, "{\"action\":\"status\"}");
		assertThat(status.getStatusCode().value()).as(String.valueOf(status.getBody())).isEqualTo(200);
		assertThat(status.getBody().path("enabled").asBoolean()).isFalse();
		assertThat(status.getBody().path("settings").path(JiraSettings.DEPLOYMENT).asString()).isEqualTo("forge");
		String id = status.getBody().path("installation").asString();

		ResponseEntity<JsonNode> fromTrigger = post("/apps/jira/admin", trigger,
				"{\"action\":\"configure\",\"settings\":{\"projectKey\":\"HELP\"},\"enabled\":true}");
		assertThat(fromTrigger.getStatusCode().value()).isEqualTo(403);
		ResponseEntity<JsonNode> invalid = post("/apps/jira/admin", page,
				"{\"action\":\"configure\",\"settings\":{\"projectKey\":\"not a key!\"},\"enabled\":true}");
		assertThat(invalid.getStatusCode().value()).isEqualTo(400);
		assertThat(invalid.getBody().path("problems").toString()).contains("Project key");
		assertThat(this.installations.require(id).enabled()).as("nothing changed").isFalse();

		// a site admin may choose the project and enable, never point Deskpilot (and its credentials) elsewhere
		for (String moved : List.of("{\"projectKey\":\"HELP\",\"baseUrl\":\"https://evil.example\"}",
				"{\"projectKey\":\"HELP\",\"baseUrl\":\"http://169.254.169.254/latest\"}",
				"{\"projectKey\":\"HELP\",\"deployment\":\"cloud\",\"token\":\"typed-in\",\"email\":\"x@evil.example\"}",
				"{\"projectKey\":\"HELP\",\"oauthAuthUrl\":\"http://127.0.0.1:9\"}")) {
			ResponseEntity<JsonNode> refused = post("/apps/jira/admin", page,
					"{\"action\":\"configure\",\"settings\":" + moved + ",\"enabled\":true}");
			assertThat(refused.getStatusCode().value()).as(moved).isEqualTo(400);
			assertThat(refused.getBody().path("problems").toString()).contains("cannot be changed from the app's admin page");
			assertThat(this.installations.require(id).config()).as("nothing changed")
				.containsEntry(JiraSettings.BASE_URL, apiBaseUrl())
				.containsEntry(JiraSettings.DEPLOYMENT, "forge");
			assertThat(this.installations.require(id).enabled()).isFalse();
		}

		ResponseEntity<JsonNode> configured = post("/apps/jira/admin", page,
				"{\"action\":\"configure\",\"settings\":{\"projectKey\":\"HELP\"},\"enabled\":true}");
		assertThat(configured.getStatusCode().value()).isEqualTo(200);
		assertThat(configured.getBody().path("enabled").asBoolean()).isTrue();
		assertThat(this.installations.require(id).config()).containsEntry(JiraSettings.PROJECT, "HELP");
		assertThat(configured.getBody().toString()).doesNotContain(SYSTEM_TOKEN);
		assertThat(configured.getBody().path("consoleUrl").asString())
			.isEqualTo("https://deskpilot.example.com/admin/connections/" + id);
	}

	@Test
	void keysAreFetchedOnce_andAgainOnlyWhenForgeRotatesThem() {
		String appInstallation = "ari:cloud:ecosystem::installation/8b2d6e1f-3333-4a3b-8c9d-2e7f4a6b9c03";
		Instant exp = Instant.now().plusSeconds(300);
		for (int i = 0; i < 5; i++) {
			assertThat(post(sign(FORGE_KEY, claims(APP_ID, ForgeProperties.ISSUER, exp, appInstallation)), "{}")
				.getStatusCode().value()).isEqualTo(202);
		}
		int afterFive = keyRequests.get();
		assertThat(afterFive).as("fetched when first needed").isPositive();
		for (int i = 0; i < 5; i++) {
			post(sign(FORGE_KEY, claims(APP_ID, ForgeProperties.ISSUER, exp, appInstallation)), "{}");
		}
		assertThat(keyRequests.get()).as("cached keys: no fetch for known keys").isEqualTo(afterFive);

		// Forge rotates: the new key is published; a token signed with it makes the service fetch once more
		// keys an attacker might sign with, made before the clock starts: making an RSA key can take longer
		// than jwks-min-refetch on a loaded machine, which would let a legitimate refetch in
		List<RSAKey> unknownKeys = List.of(rsa("random-0"), rsa("random-1"), rsa("random-2"));
		published.set(new JWKSet(List.of(FORGE_KEY.toPublicJWK(), ROTATED_KEY.toPublicJWK())));
		Await.pause(2100);
		assertThat(post(sign(ROTATED_KEY, claims(APP_ID, ForgeProperties.ISSUER, exp, appInstallation)), "{}")
			.getStatusCode().value()).isEqualTo(202);
		assertThat(keyRequests.get()).isEqualTo(afterFive + 1);
		// unknown keys right after cannot make it fetch again and again
		for (RSAKey unknown : unknownKeys) {
			assertThat(post(sign(unknown, claims(APP_ID, ForgeProperties.ISSUER, exp, appInstallation)), "{}")
				.getStatusCode().value()).isEqualTo(401);
		}
		assertThat(keyRequests.get()).isEqualTo(afterFive + 1);
	}

	// --- Forge, played by the test

	private String apiBaseUrl() {
		return "http://127.0.0.1:" + this.port + JsmSimulatorTestConfig.BASE_PATH;
	}

	private JWTClaimsSet claims(String audience, String issuer, Instant expiry) {
		return claims(audience, issuer, expiry, "ari:cloud:ecosystem::installation/8b2d6e1f-2222-4a3b-8c9d-2e7f4a6b9c02");
	}

	private JWTClaimsSet claims(String audience, String issuer, Instant expiry, String installation) {
		return claims(audience, issuer, expiry, installation, "xen:trigger");
	}

	private JWTClaimsSet claims(String audience, String issuer, Instant expiry, String installation, String module) {
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(expiry.minusSeconds(360)))
			.notBeforeTime(Date.from(expiry.minusSeconds(360)))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString())
			.claim("app", Map.of("installationId", installation, "apiBaseUrl", apiBaseUrl(), "id", APP_ID,
					"environment", Map.of("type", "PRODUCTION"), "module", Map.of("type", module, "key", "request-events")))
			.claim("context", Map.of("cloudId", CLOUD_ID, "moduleKey", "request-events"))
			.build();
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hmac(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("forge-key-1").build(), claims);
			jwt.sign(new MACSigner(FORGE_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String created(String key, String id) {
		return "{\"eventType\":\"avi:jira:created:issue\",\"atlassianId\":\"557058:customer\",\"issue\":{\"id\":\"" + id
				+ "\",\"key\":\"" + key + "\",\"fields\":{\"project\":{\"key\":\"HELP\"},\"summary\":\"(not trusted)\"}}}";
	}

	private ResponseEntity<JsonNode> post(String fit, String body) {
		return post("/apps/jira/events", fit, body);
	}

	private ResponseEntity<JsonNode> post(String path, String fit, String body) {
		RestClient.RequestBodySpec request = RestClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.header("x-b3-traceid", UUID.randomUUID().toString().replace("-", ""))
			.header(ForgeInvocations.SYSTEM_TOKEN, SYSTEM_TOKEN);
		if (fit != null) {
			request.header("Authorization", "Bearer " + fit);
		}
		return request.body(body.getBytes(StandardCharsets.UTF_8)).retrieve().onStatus(s -> true, (req, res) -> {
		}).toEntity(JsonNode.class);
	}

	private RestClient admin() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).defaultHeader("Authorization", "Bearer forge-admin").build();
	}

	private List<JsmSimulator.CommentView> botReplies(String key) {
		return this.sim.view(key).comments().stream()
			.filter(c -> c.author().accountId().equals("557058:bot-deskpilot") && c.isPublic())
			.toList();
	}

	private long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static RSAKey rsa(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer startKeyServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/.well-known/jwks.json", exchange -> {
				keyRequests.incrementAndGet();
				byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

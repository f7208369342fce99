package io.deskpilot.connector.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.deskpilot.connector.installation.Installations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin connects a Jira site (here the simulator) through the admin API: bad settings are refused with every
 * problem listed, secrets never come back, the connection test and the history import work, and nothing answers
 * without the admin token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.workflow.enabled=false",
				"deskpilot.jsm-simulator.enabled=true", "deskpilot.jsm-simulator.token=api-token-value",
				"deskpilot.admin.token=test-admin-token", "deskpilot.knowledge.dense=false",
				"deskpilot.intake.poll-interval=1h" })
class InstallationsApiIT {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Installations installations;

	@Test
	void adminConnectsJira_testsIt_andImportsItsHistory() throws InterruptedException {
		RestClient anonymous = RestClient.create("http://127.0.0.1:" + this.port);
		assertThat(anonymous.get().uri("/api/installations").retrieve().onStatus(s -> true, (q, r) -> {
		}).toBodilessEntity().getStatusCode().value()).isEqualTo(401);
		RestClient admin = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader("Authorization", "Bearer test-admin-token")
			.build();
		anonymous.post().uri("/jsm-sim/_sim/seed?resolved=120").retrieve().toBodilessEntity();

		ResponseEntity<JsonNode> invalid = admin.post()
			.uri("/api/installations")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", "acme", "platform", "jira", "name", "Acme", "config",
					Map.of("deployment", "cloud", "baseUrl", "not a url")))
			.retrieve()
			.onStatus(s -> true, (q, r) -> {
			})
			.toEntity(JsonNode.class);
		assertThat(invalid.getStatusCode().value()).isEqualTo(400);
		assertThat(invalid.getBody().path("problems").toString()).contains("Site URL").contains("token");

		String base = "http://127.0.0.1:" + this.port + "/jsm-sim";
		ResponseEntity<JsonNode> created = admin.post()
			.uri("/api/installations")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", "acme", "platform", "jira", "name", "Acme", "config",
					Map.of("deployment", "cloud", "baseUrl", base, "email", "deskpilot@sim.example", "token",
							"api-token-value", "projectKey", "HELP")))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		String listed = admin.get().uri("/api/installations").retrieve().body(String.class);
		assertThat(listed).contains("acme").doesNotContain("api-token-value");
		assertThat(admin.get().uri("/api/installations/acme/webhook").retrieve().body(String.class))
			.contains("/webhooks/acme");

		JsonNode check = admin.post().uri("/api/installations/acme/test").retrieve().body(JsonNode.class);
		assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
		assertThat(check.path("message").asString()).contains("Deskpilot").doesNotContain("api-token-value");

		ResponseEntity<Void> weakSecret = admin.put()
			.uri("/api/installations/acme/webhook")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("secret", "short"))
			.retrieve()
			.onStatus(s -> true, (q, r) -> {
			})
			.toBodilessEntity();
		assertThat(weakSecret.getStatusCode().value()).isEqualTo(400);
		assertThat(admin.put()
			.uri("/api/installations/acme/webhook")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("secret", "a-secret-generated-in-jira-0123"))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(204);

		// Data Center: the exact webhook settings to paste; the secret itself is never in the answer
		admin.post().uri("/api/installations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", "acme-dc", "platform", "jira", "name", "Acme DC", "config",
					Map.of("deployment", "datacenter", "baseUrl", base, "token", "api-token-value", "projectKey", "OPS")))
			.retrieve().toBodilessEntity();
		admin.put().uri("/api/installations/acme-dc/webhook").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("secret", "dc-secret-chosen-by-the-admin-42")).retrieve().toBodilessEntity();
		JsonNode setup = admin.get().uri("/api/installations/acme-dc/setup").retrieve().body(JsonNode.class);
		JsonNode webhookStep = setup.path("steps").valueStream()
			.filter(step -> step.path("title").asString().contains("WebHooks"))
			.findFirst().orElseThrow();
		assertThat(webhookStep.path("fields").path("URL").asString())
			.isEqualTo("http://127.0.0.1:" + this.port + "/webhooks/acme-dc?token=<the webhook secret>");
		assertThat(webhookStep.path("fields").path("Events JQL filter").asString()).isEqualTo("project = OPS");
		assertThat(webhookStep.path("fields").path("Events").asString()).contains("created").contains("Comment");
		assertThat(setup.toString()).doesNotContain("dc-secret-chosen-by-the-admin-42").doesNotContain("api-token-value");
		assertThat(setup.path("steps").toString()).contains("Personal Access Tokens");

		assertThat(admin.post().uri("/api/installations/acme/import").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(202);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		JsonNode progress;
		do {
			Thread.sleep(100);
			progress = admin.get().uri("/api/installations/acme/import").retrieve().body(JsonNode.class);
		}
		while (progress.path("state").asString().equals("RUNNING") && Instant.now().isBefore(deadline));
		assertThat(progress.path("state").asString()).as(progress.toString()).isEqualTo("DONE");
		assertThat(progress.path("read").asLong()).isEqualTo(120);

		assertThat(admin.get().uri("/api/installations/nope").retrieve().onStatus(s -> true, (q, r) -> {
		}).toBodilessEntity().getStatusCode().value()).isEqualTo(404);
		assertThat(List.of(admin.delete().uri("/api/installations/acme").retrieve().toBodilessEntity().getStatusCode().value()))
			.containsExactly(204);
	}

	@Test
	void aStoredSecretNeverReachesAHostItWasNotEnteredFor() throws IOException {
		RestClient admin = admin();
		FakeRedmine first = FakeRedmine.start("127.0.0.1", 200, "{\"user\":{\"id\":1,\"login\":\"bot\"}}");
		FakeRedmine second = FakeRedmine.start("127.0.0.1", 200, "{\"user\":{\"id\":1,\"login\":\"bot\"}}");
		try {
			assertThat(send(admin, "POST", "/api/installations", Map.of("id", "rm", "platform", "redmine", "name", "Redmine",
					"config", Map.of("baseUrl", first.url(), "apiKey", "key-for-the-first", "project", "help")))
				.getStatusCode().value()).isEqualTo(201);
			JsonNode stored = admin.get().uri("/api/installations/rm").retrieve().body(JsonNode.class);
			assertThat(stored.path("config").path("apiKey").asString()).isEqualTo(Installations.MASK);

			// the same host with the mask: the key stays (a trailing slash is no other host)
			assertThat(send(admin, "PUT", "/api/installations/rm", Map.of("config", Map.of("baseUrl", first.url() + "/",
					"apiKey", Installations.MASK, "project", "help"))).getStatusCode().value()).isEqualTo(200);

			// another host with the mask: refused, nothing changed
			ResponseEntity<JsonNode> moved = send(admin, "PUT", "/api/installations/rm",
					Map.of("config", Map.of("baseUrl", second.url(), "apiKey", Installations.MASK, "project", "help")));
			assertThat(moved.getStatusCode().value()).as(String.valueOf(moved.getBody())).isEqualTo(400);
			assertThat(moved.getBody().path("problems").toString()).contains("API key: re-enter the token for the new host")
				.contains("Redmine URL changed");
			// another host without the key: the stored one is not carried over, so one is missing
			ResponseEntity<JsonNode> keyless = send(admin, "PUT", "/api/installations/rm",
					Map.of("config", Map.of("baseUrl", second.url(), "project", "help")));
			assertThat(keyless.getStatusCode().value()).isEqualTo(400);
			assertThat(keyless.getBody().path("problems").toString()).contains("API key is required");
			assertThat(admin.get().uri("/api/installations/rm").retrieve().body(JsonNode.class).path("config").path("baseUrl")
				.asString()).isEqualTo(first.url() + "/");

			// the connection test and the poller still call the host the key was entered for
			admin.post().uri("/api/installations/rm/test").retrieve().body(JsonNode.class);
			assertThat(first.keys()).isNotEmpty().containsOnly("key-for-the-first");
			assertThat(second.keys()).as("the second host saw nothing").isEmpty();

			// with a key typed in for it, the new host is fine
			assertThat(send(admin, "PUT", "/api/installations/rm", Map.of("config", Map.of("baseUrl", second.url(),
					"apiKey", "key-for-the-second", "project", "help"))).getStatusCode().value()).isEqualTo(200);
			admin.post().uri("/api/installations/rm/test").retrieve().body(JsonNode.class);
			assertThat(second.keys()).isNotEmpty().containsOnly("key-for-the-second");
			assertThat(send(admin, "DELETE", "/api/installations/rm", null).getStatusCode().value()).isEqualTo(204);
		}
		finally {
			first.stop();
			second.stop();
		}
	}

	@Test
	void destinationsTheOutboundPolicyForbidsAreRefusedWhenSavedAndWhenCalled() throws IOException {
		RestClient admin = admin();
		record Case(String platform, Map<String, String> config, String problem) {
		}
		List<Case> cases = List.of(
				new Case("redmine", Map.of("baseUrl", "http://169.254.169.254/latest", "apiKey", "k", "project", "help"),
						"Redmine URL: refused: 169.254.169.254 is a link-local address"),
				new Case("redmine", Map.of("baseUrl", "http://[::1]:" + this.port, "apiKey", "k", "project", "help"),
						"refused: ::1 is a loopback address; allow it with deskpilot.outbound.allow=::1/128"),
				new Case("rt", Map.of("baseUrl", "http://0.0.0.0:" + this.port, "token", "t", "queue", "General"),
						"RT URL: refused: 0.0.0.0 is the unspecified address"),
				new Case("rt", Map.of("baseUrl", "http://2130706433:" + this.port, "token", "t", "queue", "General"),
						"2130706433 is not a canonical IP address"),
				new Case("jira", Map.of("deployment", "oauth", "baseUrl", "https://acme.atlassian.net", "oauthClientId", "c",
						"oauthClientSecret", "s", "oauthAuthUrl", "http://10.0.0.7", "projectKey", "HELP"),
						"OAuth authorization server: refused: 10.0.0.7 is a private address"),
				new Case("sandbox", Map.of("webhookUrl", "http://169.254.169.254/latest/meta-data"),
						"Webhook URL: refused: 169.254.169.254 is a link-local address"),
				new Case("sandbox", Map.of("webhookUrl", "http://127.0.0.2:" + this.port + "/webhooks/x"),
						"Webhook URL: refused: 127.0.0.2 is a loopback address; allow it with deskpilot.outbound.allow=127.0.0.2/32"),
				new Case("sandbox", Map.of("webhookUrl", "file:///etc/passwd"), "'local' or an absolute http(s) URL"));
		for (Case c : cases) {
			ResponseEntity<JsonNode> refused = send(admin, "POST", "/api/installations",
					Map.of("id", "forbidden", "platform", c.platform(), "name", "Forbidden", "config", c.config()));
			assertThat(refused.getStatusCode().value()).as(c.toString()).isEqualTo(400);
			assertThat(refused.getBody().path("problems").toString()).as(c.toString()).contains(c.problem());
		}
		assertThat(send(admin, "GET", "/api/installations/forbidden", null).getStatusCode().value()).isEqualTo(404);

		// a destination stored before (or forbidden since): the connection test refuses it and names the setting
		FakeRedmine allowed = FakeRedmine.start("127.0.0.1", 200, "{\"user\":{\"id\":1,\"login\":\"bot\"}}");
		FakeRedmine other = FakeRedmine.start("127.0.0.2", 200, "{\"user\":{\"id\":1,\"login\":\"bot\"}}");
		try {
			assertThat(send(admin, "POST", "/api/installations", Map.of("id", "stale", "platform", "redmine", "name", "Stale",
					"config", Map.of("baseUrl", allowed.url(), "apiKey", "stale-key", "project", "help")))
				.getStatusCode().value()).isEqualTo(201);
			this.jdbc.sql("update installation set config = ? where id = 'stale'")
				.param("{\"baseUrl\":\"" + other.url() + "\",\"project\":\"help\"}")
				.update();
			this.installations.reconnect("stale");
			JsonNode check = admin.post().uri("/api/installations/stale/test").retrieve().body(JsonNode.class);
			assertThat(check.path("ok").asBoolean()).isFalse();
			assertThat(check.path("message").asString())
				.isEqualTo("refused: 127.0.0.2 is a loopback address; allow it with deskpilot.outbound.allow=127.0.0.2/32");
			assertThat(other.keys()).as("nothing reached the forbidden host").isEmpty();
		}
		finally {
			allowed.stop();
			other.stop();
		}
	}

	@Test
	void theConnectionTestSaysWhatFailed_notWhatTheUrlAnswered() throws IOException {
		RestClient admin = admin();
		FakeRedmine metadata = FakeRedmine.start("127.0.0.1", 404,
				"{\"AccessKeyId\":\"ASIA-LEAKED\",\"SecretAccessKey\":\"wJalr-LEAKED\",\"Token\":\"IQoJ-LEAKED\"}");
		FakeRedmine page = FakeRedmine.start("127.0.0.1", 403, "<html><title>Router admin</title><body>LEAKED config</body></html>");
		FakeRedmine notJson = FakeRedmine.start("127.0.0.1", 200, "LEAKED: internal status page\nuptime 42 days");
		try {
			int n = 0;
			for (FakeRedmine target : List.of(metadata, page, notJson)) {
				String id = "echo-" + n++;
				send(admin, "POST", "/api/installations", Map.of("id", id, "platform", "redmine", "name", "Echo",
						"config", Map.of("baseUrl", target.url(), "apiKey", "k", "project", "help")));
				JsonNode check = admin.post().uri("/api/installations/" + id + "/test").retrieve().body(JsonNode.class);
				assertThat(check.path("ok").asBoolean()).isFalse();
				assertThat(check.path("message").asString()).as(check.toString()).doesNotContain("LEAKED").isNotBlank();
			}
		}
		finally {
			metadata.stop();
			page.stop();
			notJson.stop();
		}
	}

	private RestClient admin() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader("Authorization", "Bearer test-admin-token")
			.build();
	}

	private static ResponseEntity<JsonNode> send(RestClient admin, String method, String uri, Object body) {
		RestClient.RequestBodySpec request = admin.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().onStatus(s -> true, (q, r) -> {
		}).toEntity(JsonNode.class);
	}

	/** A stand-in Redmine that records the API key of every call and answers each with the same body. */
	record FakeRedmine(HttpServer server, List<String> keys) {

		static FakeRedmine start(String address, int status, String body) throws IOException {
			List<String> keys = new CopyOnWriteArrayList<>();
			HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
			server.createContext("/", exchange -> {
				keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Redmine-API-Key")));
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			server.start();
			return new FakeRedmine(server, keys);
		}

		String url() {
			return "http://" + this.server.getAddress().getAddress().getHostAddress() + ":" + this.server.getAddress().getPort();
		}

		void stop() {
			this.server.stop(0);
		}

	}

}

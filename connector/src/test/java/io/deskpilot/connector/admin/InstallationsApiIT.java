package io.deskpilot.connector.admin;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

}

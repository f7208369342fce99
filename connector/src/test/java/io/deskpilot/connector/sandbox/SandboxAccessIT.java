package io.deskpilot.connector.sandbox;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deskpilot.connector.testing.WebClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox desk is on by default and reachable by anyone, so: a customer sees and acts on only the requests it filed
 * (a random visitor cookie; another visitor's request is a 404), and the agent side (every request, internal notes and
 * e-mails, answering as an agent, status changes) is only for someone signed in to the console, with its CSRF token;
 * the page's "sign in" link goes through the console's sign-in and back to the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.console.initial-password=" + WebClients.CONSOLE_PASSWORD, "deskpilot.intake.poll-interval=1h",
				"deskpilot.knowledge.dense=false" })
class SandboxAccessIT {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Value("${local.server.port}")
	int port;

	@Test
	void aCustomer_seesAndActsOnlyOnTheirOwnRequests() {
		RestClient sam = WebClients.visitor(this.port);
		RestClient kim = WebClients.visitor(this.port);
		RestClient nobody = RestClient.create("http://127.0.0.1:" + this.port);
		String key = file(sam, "My laptop's battery drains overnight");

		assertThat(sam.get().uri("/sandbox/api/requests").retrieve().body(String.class)).contains(key);
		assertThat(status(sam.get().uri("/sandbox/api/requests/{key}", key))).isEqualTo(200);
		assertThat(status(sam.post().uri("/sandbox/api/requests/{key}/comments", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "It is a ThinkPad T14.")))).isEqualTo(201);

		// another customer, and a caller without a cookie: not listed, not readable, no reply, as if it did not exist
		String kimsKey = file(kim, "The projector in room 4 flickers");
		assertThat(kim.get().uri("/sandbox/api/requests").retrieve().body(JsonNode.class).valueStream()
			.map(r -> r.path("key").asString())).containsExactly(kimsKey);
		assertThat(nobody.get().uri("/sandbox/api/requests").retrieve().body(JsonNode.class).isEmpty()).isTrue();
		for (RestClient other : new RestClient[] { kim, nobody }) {
			assertThat(status(other.get().uri("/sandbox/api/requests/{key}", key))).isEqualTo(404);
			assertThat(status(other.post().uri("/sandbox/api/requests/{key}/comments", key).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("body", "solved")))).isEqualTo(404);
		}
		assertThat(commentCount(key)).as("Kim's and the anonymous reply were not stored").isEqualTo(1);

		// the agent side, old shapes included, is refused: no internal notes, no agent comments, no status changes
		assertThat(status(kim.get().uri("/sandbox/api/requests/{key}?view=agent", key))).isIn(400, 401, 404);
		assertThat(status(kim.get().uri("/sandbox/api/agent/requests"))).isEqualTo(401);
		assertThat(status(kim.get().uri("/sandbox/api/agent/requests/{key}", key))).isEqualTo(401);
		assertThat(status(kim.get().uri("/sandbox/api/agent/agents"))).isEqualTo(401);
		assertThat(status(kim.post().uri("/sandbox/api/requests/{key}/comments", kimsKey).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "Fixed it for you.", "as", "agent", "agentId", "alice")))).isIn(400, 401, 403);
		assertThat(status(kim.post().uri("/sandbox/api/agent/requests/{key}/comments", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "Fixed it for you.", "agentId", "alice")))).isIn(401, 403);
		assertThat(status(kim.put().uri("/sandbox/api/requests/{key}/status", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "Resolved")))).isIn(401, 403);
		assertThat(status(kim.put().uri("/sandbox/api/agent/requests/{key}/status", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "Resolved")))).isIn(401, 403);
		assertThat(status(kim.put().uri("/sandbox/api/agent/requests/{key}/assignee", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("agentId", "alice")))).isIn(401, 403);
		JsonNode after = sam.get().uri("/sandbox/api/requests/{key}", key).retrieve().body(JsonNode.class);
		assertThat(after.path("status").asString()).isNotEqualTo("Resolved");
		assertThat(after.path("comments").valueStream().map(c -> c.path("role").asString())).doesNotContain("AGENT");
	}

	@Test
	void theAgentSide_isForSomeoneSignedInToTheConsole_withTheCsrfToken() {
		RestClient sam = WebClients.visitor(this.port);
		String key = file(sam, "Excel crashes when I open the budget file");
		RestClient agent = WebClients.console(this.port, "admin", WebClients.CONSOLE_PASSWORD);

		assertThat(agent.get().uri("/sandbox/api/agent/requests").retrieve().body(String.class)).contains(key);
		assertThat(agent.get().uri("/sandbox/api/agent/requests/{key}", key).retrieve().body(JsonNode.class)
			.path("reporterEmail").asString()).isEqualTo("sam.lee@customer.example");
		// a change without the session's CSRF token is refused
		assertThat(status(agent.post().uri("/sandbox/api/agent/requests/{key}/comments", key).header("X-CSRF-TOKEN", "forged")
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("body", "Internal: check the macro", "agentId", "alice",
					"isPublic", false)))).isEqualTo(403);
		assertThat(status(agent.post().uri("/sandbox/api/agent/requests/{key}/comments", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "Internal: check the macro", "agentId", "alice", "isPublic", false)))).isEqualTo(201);
		assertThat(status(agent.put().uri("/sandbox/api/agent/requests/{key}/status", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "In progress")))).isEqualTo(200);

		JsonNode customerView = sam.get().uri("/sandbox/api/requests/{key}", key).retrieve().body(JsonNode.class);
		assertThat(customerView.path("status").asString()).isEqualTo("In progress");
		assertThat(customerView.toString()).as("internal notes stay internal").doesNotContain("check the macro");
	}

	@Test
	void answerAsAnAgent_onThePage_goesThroughTheSignIn_andBackToThePage() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = "http://127.0.0.1:" + this.port;
		HttpResponse<String> link = browser.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/agent"))
			.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(link.statusCode()).isEqualTo(302);
		assertThat(link.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
		String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/admin/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/admin/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
					+ URLEncoder.encode(WebClients.CONSOLE_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		String back = signedIn.headers().firstValue("Location").orElseThrow();
		assertThat(back).contains("/sandbox/agent");
		HttpResponse<String> agentPage = browser.send(HttpRequest.newBuilder(URI.create(base).resolve(back))
			.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(agentPage.headers().firstValue("Location").orElseThrow()).endsWith("/sandbox/#agent");
		assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/api/agent/session")).build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains("\"user\":\"admin\"").contains("csrfToken");
	}

	private static String file(RestClient customer, String summary) {
		return customer.post().uri("/sandbox/api/requests").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("summary", summary, "email", "sam.lee@customer.example", "name", "Sam Lee"))
			.retrieve().body(JsonNode.class).path("key").asString();
	}

	private int commentCount(String key) {
		RestClient agent = WebClients.console(this.port, "admin", WebClients.CONSOLE_PASSWORD);
		return (int) agent.get().uri("/sandbox/api/agent/requests/{key}", key).retrieve().body(JsonNode.class)
			.path("comments").valueStream().filter(c -> c.path("role").asString().equals("CUSTOMER")).count();
	}

	private static int status(RestClient.RequestHeadersSpec<?> request) {
		ResponseEntity<String> r = request.retrieve().onStatus(s -> true, (q, a) -> {
		}).toEntity(String.class);
		return r.getStatusCode().value();
	}

}

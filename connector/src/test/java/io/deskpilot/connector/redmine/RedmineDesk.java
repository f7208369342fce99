package io.deskpilot.connector.redmine;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A project on the real Redmine the tests run against, with a customer and an agent of its own, set up through
 * Redmine's API with the admin key; the tests then act as those people with their own API keys.
 */
final class RedmineDesk {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final String url;

	final String adminKey;

	final String project;

	final String customerKey;

	final String agentKey;

	final String agentId;

	private RedmineDesk(String url, String adminKey, String project, String customerKey, String agentKey, String agentId) {
		this.url = url;
		this.adminKey = adminKey;
		this.project = project;
		this.customerKey = customerKey;
		this.agentKey = agentKey;
		this.agentId = agentId;
	}

	/**
	 * A new project named {@code prefix-<random>} on the configured Redmine, or the test is skipped with the reason
	 * (failed when DESKPILOT_REDMINE_REQUIRED=true).
	 */
	/** The test Redmine's host, as {@code deskpilot.outbound.allow} lists a self-hosted one (it runs on loopback here). */
	static String outboundAllow() {
		String url = System.getenv("DESKPILOT_REDMINE_URL");
		return url == null ? "127.0.0.1/32" : java.net.URI.create(url).getHost();
	}

	static RedmineDesk open(String prefix) {
		String url = System.getenv("DESKPILOT_REDMINE_URL");
		String key = System.getenv("DESKPILOT_REDMINE_API_KEY");
		if (url == null || key == null) {
			if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_REDMINE_REQUIRED"))) {
				throw new IllegalStateException("DESKPILOT_REDMINE_REQUIRED is set but DESKPILOT_REDMINE_URL/_API_KEY are not");
			}
			Assumptions.abort("no Redmine configured (run connector/src/test/platforms/start-redmine.sh and export "
					+ "DESKPILOT_REDMINE_URL and DESKPILOT_REDMINE_API_KEY)");
		}
		RestClient admin = client(url, key);
		// a new project per desk: the Redmine outlives test runs, and an earlier run's tickets must not be imported
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String project = prefix + "-" + suffix;
		send(admin, HttpMethod.POST, "/projects.json", Map.of("project", Map.of("name", project, "identifier", project,
				"is_public", false, "enabled_module_names", List.of("issue_tracking"), "tracker_ids", List.of(1, 2, 3))));
		JsonNode customer = user(admin, "cust" + suffix, "Casey", "Customer");
		JsonNode agent = user(admin, "agent" + suffix, "Alex", "Agent");
		member(admin, project, customer.path("id").asInt(), 5);
		member(admin, project, agent.path("id").asInt(), 4);
		return new RedmineDesk(url, key, project, customer.path("api_key").asString(), agent.path("api_key").asString(),
				agent.path("id").asString());
	}

	String file(String summary, String description) {
		return send(client(this.url, this.customerKey), HttpMethod.POST, "/issues.json", Map.of("issue", Map.of("project_id",
				this.project, "tracker_id", 3, "subject", summary, "description", description))).path("issue").path("id").asString();
	}

	void customerReplies(String key, String body) {
		send(client(this.url, this.customerKey), HttpMethod.PUT, "/issues/" + key + ".json", Map.of("issue", Map.of("notes", body)));
	}

	/** A ticket the agent answered publicly and an admin closed. */
	String resolved(String summary, String description, String answer) {
		String key = file(summary, description);
		send(client(this.url, this.agentKey), HttpMethod.PUT, "/issues/" + key + ".json", Map.of("issue", Map.of("notes", answer)));
		send(client(this.url, this.adminKey), HttpMethod.PUT, "/issues/" + key + ".json", Map.of("issue", Map.of("status_id", 5)));
		return key;
	}

	/** The issue with its journals, as Redmine shows it to the admin. */
	JsonNode issue(String key) {
		String body = client(this.url, this.adminKey).get().uri("/issues/" + key + ".json?include=journals").retrieve().body(String.class);
		return JSON.readTree(body).path("issue");
	}

	private static JsonNode user(RestClient admin, String login, String first, String last) {
		return send(admin, HttpMethod.POST, "/users.json", Map.of("user", Map.of("login", login, "firstname", first, "lastname",
				last, "mail", login + "@example.test", "password", "password-" + login))).path("user");
	}

	private static void member(RestClient admin, String project, int userId, int roleId) {
		send(admin, HttpMethod.POST, "/projects/" + project + "/memberships.json",
				Map.of("membership", Map.of("user_id", userId, "role_ids", List.of(roleId))));
	}

	/** Sends JSON with its length (Redmine's WEBrick reads no chunked body). */
	static JsonNode send(RestClient client, HttpMethod method, String uri, Object body) {
		byte[] bytes = JSON.writeValueAsBytes(body);
		String answer = client.method(method).uri(uri).contentType(MediaType.APPLICATION_JSON).contentLength(bytes.length)
			.body(bytes).retrieve().body(String.class);
		return JSON.readTree(answer == null || answer.isBlank() ? "{}" : answer);
	}

	static RestClient client(String url, String key) {
		return RestClient.builder().baseUrl(url).defaultHeader("X-Redmine-API-Key", key).build();
	}

}

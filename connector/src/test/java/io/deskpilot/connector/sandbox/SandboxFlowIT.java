package io.deskpilot.connector.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.connector.knowledge.KnowledgeBases;
import io.deskpilot.connector.testing.Await;
import io.deskpilot.connector.testing.WebClients;
import io.deskpilot.connector.workflow.AuditLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop on the embedded defaults: a customer files a request through the sandbox desk's API, and the bot's
 * action (a public answer, or an acknowledgement and an assignment) is visible to that customer through the same API
 * within 2 seconds; the internal notes are on the agent side, for someone signed in to the console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "deskpilot.console.initial-password=" + WebClients.CONSOLE_PASSWORD)
class SandboxFlowIT {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	KnowledgeBases knowledge;

	@Autowired
	SandboxProperties sandbox;

	@Autowired
	AuditLog audit;

	@Test
	void knownProblem_isAnsweredPublicly_andConfirmationResolvesIt() {
		RestClient api = api();
		String key = file(api, "I can't connect to the VPN since the update",
				"Since the update this morning the VPN won't connect, it just says connecting.");

		// the reply and the move to "Waiting for customer" are two outbox actions: wait for both
		JsonNode answered = awaitRequest(api, key,
				r -> hasComment(r, "BOT", true) && r.path("status").asString().equals("Waiting for customer"),
				Duration.ofSeconds(2));
		JsonNode reply = comments(answered, "BOT", true).get(0);
		assertThat(reply.path("body").asString()).contains("vpn.example.com").contains("solved");
		assertThat(answered.path("status").asString()).isEqualTo("Waiting for customer");

		api.post().uri("/sandbox/api/requests/{key}/comments", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "That worked, thank you!")).retrieve().toBodilessEntity();
		JsonNode resolved = awaitRequest(api, key, r -> r.path("status").asString().equals("Resolved"), Duration.ofSeconds(3));
		assertThat(comments(resolved, "BOT", true)).hasSize(2);
		// the bot knew the answer: the request never became an open ticket in the knowledge base
		assertThat(this.knowledge.entry(this.sandbox.installationId(), key)).isEmpty();
	}

	@Test
	void unknownProblem_isAcknowledged_andAssignedToAnAgent() {
		RestClient api = api();
		String key = file(api, "Our office plants need watering while I'm away",
				"Who can water the plants on the fourth floor during the summer break?");

		JsonNode routed = awaitRequest(api, key, r -> !r.path("assignee").isNull() && comments(r, "BOT", true).size() == 2,
				Duration.ofSeconds(2));
		assertThat(routed.path("assignee").path("id").asString()).isNotBlank();
		assertThat(comments(routed, "BOT", true).get(0).path("body").asString()).startsWith("Hi Sam,")
			.containsPattern("you are number \\d+ in the queue and we expect an agent to respond (within about|by) ");
		assertThat(comments(routed, "BOT", true).get(1).path("body").asString()).as("who took it")
			.contains(routed.path("assignee").path("displayName").asString().split(" ")[0])
			.contains("is now working on your request");
		RestClient agent = WebClients.console(this.port, "admin", WebClients.CONSOLE_PASSWORD);
		JsonNode agentView = agent.get().uri("/sandbox/api/agent/requests/{key}", key).retrieve().body(JsonNode.class);
		assertThat(comments(agentView, "BOT", false)).as("internal note for the agent").hasSize(1);

		// a person works on it: the knowledge base finds it as an open ticket, the next report of it (from another
		// customer) names it, and goes to the agent already on it
		assertThat(this.knowledge.entry(this.sandbox.installationId(), key).orElseThrow().kind()).isEqualTo(EntryKind.OPEN);
		String repeat = file(api(), "The office plants need watering during the summer break",
				"Who waters the plants on the fourth floor while we are away?", "kim.park@customer.example", "Kim Park");
		JsonNode repeatView = awaitRequest(agent, repeat, "agent",
				r -> hasComment(r, "BOT", false) && !r.path("assignee").isNull(), Duration.ofSeconds(2));
		assertThat(comments(repeatView, "BOT", false).get(0).path("body").asString())
			.contains(key + ": Our office plants need watering while I'm away (open");
		assertThat(repeatView.path("assignee").path("id").asString()).as("the agent on the open sibling")
			.isEqualTo(routed.path("assignee").path("id").asString());
		// the routing's audit entry is written right after the assignment
		Await.until(() -> this.audit.forRequest(this.sandbox.installationId(), repeat).stream()
			.anyMatch(e -> e.action().equals("action.route")), Duration.ofSeconds(2), "the routing's audit entry");
		assertThat(this.audit.forRequest(this.sandbox.installationId(), repeat))
			.filteredOn(e -> e.action().equals("action.route"))
			.singleElement()
			.satisfies(e -> assertThat(e.detail()).contains("working on 1 similar open request"));
	}

	/**
	 * The earlier agent's reply to "Access to the Finance shared drive" reports what was done for that customer ("I've
	 * sent the request to the owner, who approved it. You're now in the 'FIN-Readers' group"): the new customer is
	 * not told it is done; a person does it, with the precedent in the internal note.
	 */
	@Test
	void aPrecedentThatReportsAnAction_goesToAPerson_neverToTheCustomer() {
		RestClient api = api();
		String key = file(api, "Need access to the finance shared drive", "Please give me access to the Finance shared drive.");

		JsonNode routed = awaitRequest(api, key, r -> !r.path("assignee").isNull() && comments(r, "BOT", true).size() == 2,
				Duration.ofSeconds(2));
		assertThat(comments(routed, "BOT", true)).extracting(c -> c.path("body").asString())
			.noneMatch(b -> b.contains("FIN-Readers") || b.contains("You're now in") || b.contains("approved it"));
		JsonNode agentView = WebClients.console(this.port, "admin", WebClients.CONSOLE_PASSWORD).get()
			.uri("/sandbox/api/agent/requests/{key}", key).retrieve().body(JsonNode.class);
		assertThat(comments(agentView, "BOT", false).get(0).path("body").asString())
			.contains("Last time an agent did this for the customer").contains("FIN-Readers")
			.contains("the customer has not been told it is done");
	}

	@Test
	void stillNeedHelp_afterAnAnswer_goesToAnAgent() {
		RestClient api = api();
		String key = file(api, "Outlook keeps asking for my password", "The password prompt pops up every few minutes.");
		awaitRequest(api, key, r -> hasComment(r, "BOT", true), Duration.ofSeconds(2));

		api.post().uri("/sandbox/api/requests/{key}/comments", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "I tried that but it still doesn't work, I need help")).retrieve().toBodilessEntity();
		JsonNode escalated = awaitRequest(api, key, r -> !r.path("assignee").isNull(), Duration.ofSeconds(3));
		assertThat(escalated.path("status").asString()).isNotEqualTo("Resolved");
	}

	/** A new customer of the sandbox page (its own visitor cookie). */
	private RestClient api() {
		return WebClients.visitor(this.port);
	}

	private static String file(RestClient api, String summary, String description) {
		return file(api, summary, description, "sam.lee@customer.example", "Sam Lee");
	}

	private static String file(RestClient api, String summary, String description, String email, String name) {
		JsonNode created = api.post().uri("/sandbox/api/requests").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("summary", summary, "description", description, "email", email, "name", name))
			.retrieve()
			.body(JsonNode.class);
		return created.path("key").asString();
	}

	private static JsonNode awaitRequest(RestClient api, String key, Predicate<JsonNode> condition, Duration within) {
		return awaitRequest(api, key, "customer", condition, within);
	}

	private static JsonNode awaitRequest(RestClient api, String key, String view, Predicate<JsonNode> condition,
			Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		JsonNode last;
		do {
			last = view.equals("agent") ? api.get().uri("/sandbox/api/agent/requests/{key}", key).retrieve().body(JsonNode.class)
					: api.get().uri("/sandbox/api/requests/{key}", key).retrieve().body(JsonNode.class);
			if (condition.test(last)) {
				return last;
			}
			sleep(50);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("Request " + key + " did not reach the expected state within " + within + ": " + last);
	}

	private static boolean hasComment(JsonNode request, String role, boolean isPublic) {
		return !comments(request, role, isPublic).isEmpty();
	}

	private static List<JsonNode> comments(JsonNode request, String role, boolean isPublic) {
		return request.path("comments").valueStream()
			.filter(c -> c.path("role").asString().equals(role) && c.path("isPublic").asBoolean() == isPublic)
			.toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

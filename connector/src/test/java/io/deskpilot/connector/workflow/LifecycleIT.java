package io.deskpilot.connector.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.deskpilot.connector.testing.WebClients;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request lifecycle beyond the first reply, on the embedded defaults and the sandbox desk, driven through the
 * admin API and the sandbox's API: policy and rule validation, never-auto-answer rules, shadow mode, silence after an
 * answer, the first-response SLA escalating to a lead, the queue draining the moment an agent comes online, and an
 * outage cluster whose linked requesters are told when the master is resolved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.admin.token=lifecycle-admin", "deskpilot.workflow.timer-interval=1h",
				"deskpilot.intake.poll-interval=1h", "deskpilot.console.initial-password=" + WebClients.CONSOLE_PASSWORD })
class LifecycleIT {

	static final String ID = "sandbox";

	static final List<String> AGENTS = List.of("alice", "bob", "chen", "dana", "emma");

	@TempDir
	static Path dataDir;

	static RestClient agentSession;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	Timers timers;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void everybodyBackOnline() {
		for (String agent : AGENTS) {
			admin().put().uri("/api/installations/{id}/agents/{a}", ID, agent).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("presence", "ONLINE", "lead", false)).retrieve().toBodilessEntity();
		}
	}

	@Test
	void invalidPolicyOrRule_is400WithEveryProblem_andChangesNothing() {
		JsonNode before = admin().get().uri("/api/installations/{id}/policy", ID).retrieve().body(JsonNode.class);

		ResponseEntity<JsonNode> bad = admin().put().uri("/api/installations/{id}/policy", ID).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("confirmationDays", 0, "timeZone", "Mars/Olympus", "businessHours", "weekdays 9-5",
					"templates", Map.of("en", Map.of("answer", "Hello {customer}"))))
			.retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class);
		ResponseEntity<JsonNode> unknown = admin().put().uri("/api/installations/{id}/policy", ID).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("autoAnswerEverything", true)).retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class);
		ResponseEntity<JsonNode> badRule = admin().post().uri("/api/installations/{id}/rules", ID).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "HOROSCOPE", "value", "leo")).retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class);

		assertThat(bad.getStatusCode().value()).isEqualTo(400);
		assertThat(bad.getBody().path("problems").valueStream().map(JsonNode::asString).toList())
			.anyMatch(p -> p.startsWith("confirmationDays"))
			.anyMatch(p -> p.contains("Mars/Olympus"))
			.anyMatch(p -> p.contains("weekdays 9-5"))
			.anyMatch(p -> p.contains("{customer}"));
		assertThat(unknown.getStatusCode().value()).isEqualTo(400);
		assertThat(unknown.getBody().path("detail").asString()).contains("autoAnswerEverything");
		assertThat(badRule.getStatusCode().value()).isEqualTo(400);
		assertThat(admin().get().uri("/api/installations/{id}/policy", ID).retrieve().body(JsonNode.class)).isEqualTo(before);
		assertThat(admin().get().uri("/api/installations/{id}/rules", ID).retrieve().body(JsonNode.class).valueStream()
			.map(r -> r.path("kind").asString() + ":" + r.path("value").asString()).toList())
			.as("a new installation's default rules").contains("TOPIC:security", "TOPIC:legal", "TOPIC:billing", "ANGRY_TONE:angry");
	}

	@Test
	void aVipCustomersKnownProblem_goesToAPersonWithTheSuggestion_notToTheBot() {
		JsonNode rule = admin().post().uri("/api/installations/{id}/rules", ID).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "VIP_CUSTOMER", "value", "ceo@customer.example", "note", "our biggest account"))
			.retrieve().body(JsonNode.class);
		try {
			String key = file("I can't connect to the VPN since the update", "The VPN won't connect since this morning.",
					"ceo@customer.example", "Pat Boss", null);

			JsonNode r = awaitRequest(key, x -> !x.path("assignee").isNull() && hasComment(x, false, "rule"), Duration.ofSeconds(5));
			assertThat(publicBot(r)).noneMatch(b -> b.contains("solved before"));
			assertThat(comments(r, false).get(0)).contains("vip customer 'ceo@customer.example'").contains("Suggested reply");
		}
		finally {
			admin().delete().uri("/api/installations/{id}/rules/{rule}", ID, rule.path("id").asLong()).retrieve().toBodilessEntity();
		}
	}

	@Test
	void shadowModeForARequestType_draftsTheAnswerForTheAgentOnly() {
		setPolicy(Map.of("shadowRequestTypes", List.of("Shadowed")));
		try {
			String key = file("I can't connect to the VPN since the update", "The VPN won't connect since this morning.",
					"shadow@customer.example", "Sky Walker", "Shadowed");

			JsonNode r = awaitRequest(key, x -> hasComment(x, false, "shadow mode"), Duration.ofSeconds(5));
			// the customer gets the acknowledgement (and, once routed, who took it), never the drafted answer
			assertThat(publicBot(r).stream().filter(b -> b.contains("in the queue"))).hasSize(1);
			assertThat(publicBot(r)).noneMatch(b -> b.contains("vpn.example.com") || b.contains("solved before"));
			assertThat(comments(r, false).get(0)).contains("vpn.example.com");
		}
		finally {
			setPolicy(Map.of("shadowRequestTypes", List.of()));
		}
	}

	@Test
	void silenceAfterAnAnswer_resolvesTheRequestAsUnconfirmed() {
		String key = file("Outlook keeps asking for my password", "The password prompt pops up every few minutes.",
				"quiet@customer.example", "Quinn Quiet", null);
		awaitRequest(key, x -> x.path("status").asString().equals("Waiting for customer"), Duration.ofSeconds(5));

		this.jdbc.sql("update request_state set answered_at = ? where installation_id = ? and request_key = ?")
			.params(Instant.now().minus(Duration.ofDays(4)).atOffset(ZoneOffset.UTC), ID, key).update();
		assertThat(this.timers.fire(ID)).isPositive();

		JsonNode r = awaitRequest(key, x -> x.path("status").asString().equals("Resolved"), Duration.ofSeconds(5));
		assertThat(publicBot(r)).anyMatch(b -> b.contains("We have not heard back from you for 3 days"));
		assertThat(admin().get().uri("/api/installations/{id}/feedback", ID).retrieve().body(JsonNode.class).path("UNCONFIRMED").asLong())
			.isPositive();
	}

	@Test
	void nobodyAvailable_queues_andTheQueueDrainsTheMomentAnAgentComesOnline() {
		everybody("OFFLINE");
		String key = file("The coffee machine on floor 3 shows error E61", "It blinks red and makes no coffee.",
				"coffee@customer.example", "Cody Beans", null);
		awaitRequest(key, x -> hasPublic(x, "in the queue"), Duration.ofSeconds(5));
		sleep(1500);
		assertThat(get(key).path("assignee").isNull()).as("nobody online: the request waits").isTrue();

		admin().put().uri("/api/installations/{id}/agents/{a}", ID, "chen").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("presence", "ONLINE")).retrieve().toBodilessEntity();

		// the route retry is 30 s by default: assignment within 3 s proves the queue was woken
		JsonNode assigned = awaitRequest(key, x -> !x.path("assignee").isNull(), Duration.ofSeconds(3));
		assertThat(assigned.path("assignee").path("id").asString()).isEqualTo("chen");
		awaitRequest(key, x -> hasPublic(x, "Chen is now working on your request"), Duration.ofSeconds(3));
	}

	@Test
	void firstResponseNearingItsTarget_escalatesToTheLead() {
		admin().put().uri("/api/installations/{id}/agents/{a}", ID, "dana").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("lead", true)).retrieve().toBodilessEntity();
		everybody("OFFLINE");
		String key = file("Conference room 4B display has no signal", "The HDMI input shows no signal with any laptop.",
				"meeting@customer.example", "Mia Meeting", null);
		awaitRequest(key, x -> hasPublic(x, "in the queue"), Duration.ofSeconds(5));

		this.jdbc.sql("update request_state set first_response_due = ? where installation_id = ? and request_key = ?")
			.params(Instant.now().plus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC), ID, key).update();
		assertThat(this.timers.fire(ID)).isPositive();

		JsonNode r = awaitRequest(key, x -> !x.path("assignee").isNull() && hasComment(x, false, "First-response target"),
				Duration.ofSeconds(5));
		assertThat(r.path("assignee").path("id").asString()).isEqualTo("dana");
		assertThat(this.timers.fire(ID)).as("escalated once").isZero();
	}

	@Test
	void anOutage_isClustered_andEveryLinkedRequesterIsToldWhenTheMasterIsResolved() {
		List<String> filed = List.of(
				file("Email server down - cannot send mail", "Outlook says the mail server is unavailable.",
						"o1@customer.example", "Olga One", null),
				file("Cannot send mail, email server down?", "Sending mail fails: server unavailable.",
						"o2@customer.example", "Omar Two", null),
				file("Mail server unavailable", "Email cannot be sent, the server is down for our whole team.",
						"o3@customer.example", "Otto Three", null));

		// the master is the request Deskpilot took in first: with several workers, not always the first one filed
		String master = awaitMaster(filed, Duration.ofSeconds(5));
		List<String> linked = filed.stream().filter(k -> !k.equals(master)).toList();
		JsonNode m = get(master);
		assertThat(comments(m, false).stream().filter(c -> c.contains("Possible outage")).findFirst().orElseThrow())
			.contains(linked.get(0)).contains(linked.get(1));
		assertThat(linked).as("one master").noneMatch(k -> hasComment(get(k), false, "Possible outage"));

		String agent = m.path("assignee").isNull() ? "alice" : m.path("assignee").path("id").asString();
		agent().post().uri("/sandbox/api/agent/requests/{key}/comments", master).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "We restarted the mail relay; sending works again.", "agentId", agent))
			.retrieve().toBodilessEntity();
		agent().put().uri("/sandbox/api/agent/requests/{key}/status", master).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "Resolved", "resolution", "Done")).retrieve().toBodilessEntity();

		for (String key : linked) {
			JsonNode told = awaitRequest(key, x -> hasPublic(x, "affected several customers"), Duration.ofSeconds(5));
			assertThat(publicBot(told).stream().filter(b -> b.contains("affected several customers")))
				.singleElement().satisfies(b -> assertThat(b).contains("restarted the mail relay"));
		}
	}

	// ---------------------------------------------------------------- helpers

	private void everybody(String presence) {
		for (String agent : AGENTS) {
			admin().put().uri("/api/installations/{id}/agents/{a}", ID, agent).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("presence", presence)).retrieve().toBodilessEntity();
		}
	}

	private void setPolicy(Map<String, Object> changes) {
		admin().put().uri("/api/installations/{id}/policy", ID).contentType(MediaType.APPLICATION_JSON).body(changes)
			.retrieve().toBodilessEntity();
		sleep(5100); // policies are cached for up to 5 s per replica
	}

	private RestClient admin() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).defaultHeader("Authorization", "Bearer lifecycle-admin").build();
	}

	/** A new customer of the sandbox page. */
	private RestClient sandbox() {
		return WebClients.visitor(this.port);
	}

	/** The desk's agents: someone signed in to the console (one session for the whole class). */
	private RestClient agent() {
		if (agentSession == null) {
			agentSession = WebClients.console(this.port, "admin", WebClients.CONSOLE_PASSWORD);
		}
		return agentSession;
	}

	private String file(String summary, String description, String email, String name, String requestType) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("summary", summary, "description", description, "email", email, "name", name));
		if (requestType != null) {
			body.put("requestType", requestType);
		}
		return sandbox().post().uri("/sandbox/api/requests").contentType(MediaType.APPLICATION_JSON).body(body)
			.retrieve().body(JsonNode.class).path("key").asString();
	}

	private JsonNode get(String key) {
		return agent().get().uri("/sandbox/api/agent/requests/{key}", key).retrieve().body(JsonNode.class);
	}

	/** The one request of several that gets the "Possible outage" note. */
	private String awaitMaster(List<String> keys, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		do {
			for (String key : keys) {
				if (hasComment(get(key), false, "Possible outage")) {
					return key;
				}
			}
			sleep(50);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("None of " + keys + " became the master of an outage within " + within + ": "
				+ keys.stream().map(k -> get(k).toString()).toList());
	}

	private JsonNode awaitRequest(String key, Predicate<JsonNode> condition, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		JsonNode last;
		do {
			last = get(key);
			if (condition.test(last)) {
				return last;
			}
			sleep(50);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("Request " + key + " did not reach the expected state within " + within + ": " + last);
	}

	private static List<String> comments(JsonNode request, boolean isPublic) {
		return request.path("comments").valueStream()
			.filter(c -> c.path("role").asString().equals("BOT") && c.path("isPublic").asBoolean() == isPublic)
			.map(c -> c.path("body").asString())
			.toList();
	}

	private static List<String> publicBot(JsonNode request) {
		return comments(request, true);
	}

	private static boolean hasComment(JsonNode request, boolean isPublic, String text) {
		return comments(request, isPublic).stream().anyMatch(b -> b.contains(text));
	}

	private static boolean hasPublic(JsonNode request, String text) {
		return hasComment(request, true, text);
	}

	private static void sleep(long millis) {
		io.deskpilot.connector.testing.Await.pause(millis);
	}

}

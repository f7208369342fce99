package io.deskpilot.connector.jira;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.jsmsim.JsmSimulator;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.platform.Signatures;
import io.deskpilot.connector.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * The whole loop against the JSM simulator, driven by its signed admin webhooks: request created → webhook → answer or
 * acknowledgement and assignment → customer comment → transition. Also: forged deliveries are refused with 401 and
 * leave nothing behind, a triple delivery acts once, and a storm of 429/503 answers delays but loses nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.jsm-simulator.enabled=true",
				"deskpilot.jsm-simulator.token=flow-token", "deskpilot.intake.poll-interval=1h",
				"deskpilot.workflow.backoff-base=200ms", "deskpilot.workflow.backoff-max=3s" })
@Import(JsmSimulatorTestConfig.class)
class JsmFlowIT {

	static final String ID = "jsm-flow";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
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
	void install() {
		this.openApi = OpenApiContract.require(JsmSimulatorTestConfig.BASE_PATH);
		this.sim.faults(JsmSimulator.Faults.NONE);
		this.sim.webhookCopies(1);
		if (this.installations.find(ID).isPresent()) {
			return;
		}
		this.installations.create(ID, PlatformTypes.JIRA, "JSM flow",
				JsmSimulatorTestConfig.jiraSettings(this.port, "cloud", "flow-token"));
		this.sim.seedResolved(JsmSimulatorTestConfig.KNOWN_PROBLEMS, Duration.ofHours(1));
		ImportProgress imported = this.history.runNow(ID);
		assertThat(imported.state()).isEqualTo(ImportProgress.State.DONE);
		// Jira admin webhook with a secret: deliveries are signed with X-Hub-Signature
		this.sim.registerWebhook("deskpilot", "http://127.0.0.1:" + this.port + "/webhooks/" + ID,
				List.of("jira:issue_created", "comment_created", "jira:issue_updated"), this.installations.webhookSecret(ID));
	}

	@AfterEach
	void everyExchangeMatchedTheSpec() {
		this.sim.faults(JsmSimulator.Faults.NONE);
		assertThat(this.openApi.drainViolations()).isEmpty();
	}

	@Test
	void knownProblem_isAnswered_thenTheCustomersConfirmationResolvesIt() {
		JsmSimulator.User kim = this.sim.customer("kim@customer.example", "Kim");
		String key = this.sim.createRequest(kim, "10", "VPN not connecting since the update",
				"After the Windows update today my VPN client is stuck on connecting.").key;

		await(() -> botComments(key, true).size() == 1, Duration.ofSeconds(10), "bot answer on " + key);
		assertThat(botComments(key, true).get(0).body()).contains("6.2");
		await(() -> status(key).equals("Waiting for customer"), Duration.ofSeconds(5), "waiting for customer");

		this.sim.comment(key, kim, "That worked, thank you!", true);

		await(() -> status(key).equals("Resolved"), Duration.ofSeconds(10), "resolved after confirmation");
	}

	@Test
	void unknownProblem_isAcknowledgedAndAssigned_evenWhenEveryWebhookArrivesThreeTimes() {
		this.sim.webhookCopies(3);
		JsmSimulator.User lee = this.sim.customer("lee@customer.example", "Lee");
		String key = this.sim.createRequest(lee, "10", "The plants on floor four need watering in August",
				"Who waters the office plants during the summer break?").key;

		await(() -> assignee(key) != null, Duration.ofSeconds(10), "assignment of " + key);
		await(() -> this.sim.deliveries().stream().filter(d -> d.event().equals("jira:issue_created")).count() >= 3,
				Duration.ofSeconds(5), "three deliveries");
		settle();

		List<String> replies = botComments(key, true).stream().map(c -> c.body()).toList();
		assertThat(replies).as("one acknowledgement and one 'who took it', however often the webhook came").hasSize(2);
		assertThat(replies.get(0)).contains("you are number").contains("in the queue");
		assertThat(replies.get(1)).contains("is now working on your request");
		assertThat(botComments(key, false)).as("at most one internal note for the agent").hasSizeLessThanOrEqualTo(1);
		assertThat(this.jdbc
			.sql("select count(*) from inbox_event where installation_id = ? and request_key = ? and event_type = 'REQUEST_CREATED'")
			.params(ID, key)
			.query(Long.class)
			.single()).as("one inbox event for three deliveries of the creation").isEqualTo(1);
		java.time.Instant created = this.installations.connection(ID).requests().request(key).created();
		assertThat(this.jdbc.sql("select first_response_due from request_state where installation_id = ? and request_key = ?")
			.params(ID, key)
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant()).as("the first-response deadline is JSM's SLA breach time (4 h on the simulated project)")
			.isEqualTo(java.time.Instant.ofEpochMilli(created.plus(Duration.ofHours(4)).toEpochMilli()));
	}

	@Test
	void forgedOrUnsignedDeliveries_areRefusedWith401_andNothingIsStored() {
		long before = inboxRows();
		String body = "{\"webhookEvent\":\"jira:issue_created\",\"timestamp\":1,\"issue\":{\"id\":\"1\",\"key\":\"HELP-1\"}}";
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);

		ResponseEntity<String> forged = client.post()
			.uri("/webhooks/{id}", ID)
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Hub-Signature", Signatures.sha256Header("not-the-secret", body.getBytes(StandardCharsets.UTF_8)))
			.body(body.getBytes(StandardCharsets.UTF_8))
			.retrieve()
			.onStatus(s -> true, (req, res) -> {
			})
			.toEntity(String.class);
		ResponseEntity<String> unsigned = client.post()
			.uri("/webhooks/{id}", ID)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.getBytes(StandardCharsets.UTF_8))
			.retrieve()
			.onStatus(s -> true, (req, res) -> {
			})
			.toEntity(String.class);
		ResponseEntity<String> wrongToken = client.post()
			.uri("/webhooks/{id}?token=guess", ID)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.getBytes(StandardCharsets.UTF_8))
			.retrieve()
			.onStatus(s -> true, (req, res) -> {
			})
			.toEntity(String.class);

		assertThat(forged.getStatusCode().value()).isEqualTo(401);
		assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
		assertThat(wrongToken.getStatusCode().value()).isEqualTo(401);
		assertThat(forged.getBody()).containsIgnoringCase("signature");
		assertThat(inboxRows()).isEqualTo(before);

		// the same body, correctly signed, is accepted: the refusal was about the signature
		ResponseEntity<String> signed = client.post()
			.uri("/webhooks/{id}", ID)
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Hub-Signature", Signatures.sha256Header(this.installations.webhookSecret(ID), body.getBytes(StandardCharsets.UTF_8)))
			.body(body.getBytes(StandardCharsets.UTF_8))
			.retrieve()
			.toEntity(String.class);
		assertThat(signed.getStatusCode().value()).isEqualTo(202);
	}

	@Test
	void aStormOf429And503_delaysButLosesNothing_andNoReplyIsPostedTwice() {
		this.sim.faults(new JsmSimulator.Faults(0.3, List.of(429, 429, 503), 1, 0));
		List<String> keys = new ArrayList<>();
		JsmSimulator.User kim = this.sim.customer("kim@customer.example", "Kim");
		for (int i = 0; i < 12; i++) {
			String summary = i % 2 == 0 ? "Printer prints empty pages " + i : "Desk lamp " + i + " flickers in room " + i;
			keys.add(this.sim.createRequest(kim, "11", summary, "Please help, request number " + i + ".").key);
		}

		await(() -> keys.stream().allMatch(k -> !botComments(k, true).isEmpty()), Duration.ofSeconds(90),
				"a bot reply on every request despite the faults");
		this.sim.faults(JsmSimulator.Faults.NONE);
		settle();

		assertThat((Long) this.sim.stats().get("faultsServed")).isPositive();
		for (String key : keys) {
			List<String> bodies = botComments(key, true).stream().map(c -> c.body()).toList();
			assertThat(bodies).as("public bot replies on " + key).doesNotHaveDuplicates();
			assertThat(bodies.stream().filter(b -> b.contains("in the queue") || b.contains("solved before")))
				.as("one answer or acknowledgement on " + key).hasSize(1);
		}
	}

	private List<JsmSimulator.CommentView> botComments(String key, boolean isPublic) {
		return this.sim.view(key)
			.comments()
			.stream()
			.filter(c -> c.author().accountId().equals("557058:bot-deskpilot") && c.isPublic() == isPublic)
			.toList();
	}

	private String status(String key) {
		return this.sim.view(key).status();
	}

	private String assignee(String key) {
		return this.sim.view(key).assignee();
	}

	private long inboxRows() {
		return this.jdbc.sql("select count(*) from inbox_event").query(Long.class).single();
	}

	private static void settle() {
		Await.pause(1500);
	}

	private static void await(BooleanSupplier condition, Duration timeout, String what) {
		Await.until(condition, timeout, what);
	}

}

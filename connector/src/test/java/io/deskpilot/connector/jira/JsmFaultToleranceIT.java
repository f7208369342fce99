package io.deskpilot.connector.jira;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.jsmsim.JsmSimulator;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.policy.Policies;
import io.deskpilot.connector.routing.Agent;
import io.deskpilot.connector.routing.AgentDirectory;
import io.deskpilot.connector.testing.Await;
import io.deskpilot.connector.testing.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault test of the request lifecycle, with two replicas on one PostgreSQL: replica A is this test's service
 * (with the JSM simulator), replica B is the packaged service started as a separate JVM on the same database. 1,000
 * requests are filed; the simulator delivers every webhook three times and answers 20% of API calls with 429, 500,
 * 502 or 503 (a third of the failed writes take effect and only lose their response); replica B is killed with
 * SIGKILL mid-run. Every request must end answered or assigned on the platform, no public reply may appear twice,
 * nothing may fail for good, and both replicas must have done work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.jsm-simulator.enabled=true",
				"deskpilot.jsm-simulator.token=fault-token", "deskpilot.intake.poll-interval=1h",
				"deskpilot.workflow.timer-interval=1h", "deskpilot.workflow.workers=4", "deskpilot.workflow.lease=4s",
				"deskpilot.workflow.poll-interval=200ms", "deskpilot.workflow.backoff-base=100ms",
				"deskpilot.workflow.backoff-max=2s", "deskpilot.workflow.max-attempts=100",
				"deskpilot.workflow.route-retry=1s", "deskpilot.workflow.replica-name=replica-a" })
@Import(JsmSimulatorTestConfig.class)
class JsmFaultToleranceIT {

	static final String ID = "faults";

	static final int REQUESTS = Integer.getInteger("deskpilot.fault-test.requests", 1000);

	static final PostgresSchema SCHEMA = new PostgresSchema("deskpilot_faults_");

	static final String KEY = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 32).getBytes());

	static final Path JAR = Path.of("target", "deskpilot.jar");

	@TempDir
	static Path dataDir;

	static Process replicaB;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SCHEMA.register(registry);
		PostgresSchema.require(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run through 'mvn verify' (it is packaged first)");
		registry.add("deskpilot.data-dir", () -> dataDir.resolve("a").toString());
		registry.add("deskpilot.secret-key", () -> KEY);
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
	AgentDirectory agents;

	@Autowired
	Policies policies;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void thousandRequests_tripleWebhooks_twentyPercentFaults_aKilledReplica_everyRequestAnsweredOrAssigned_noReplyTwice()
			throws Exception {
		OpenApiContract openApi = OpenApiContract.require(JsmSimulatorTestConfig.BASE_PATH);
		install();
		int replicaPort = freePort();
		replicaB = startReplicaB(replicaPort);
		awaitHealthy(replicaB, replicaPort, Duration.ofSeconds(120));

		this.sim.webhookCopies(3);
		this.sim.faults(new JsmSimulator.Faults(0.2, List.of(429, 500, 502, 503), 1, 0, 0.33));
		Instant start = Instant.now();
		List<String> keys = new ArrayList<>();
		List<JsmSimulator.User> customers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			customers.add(this.sim.customer("customer" + i + "@customer.example", "Customer " + i));
		}
		for (int i = 0; i < REQUESTS; i++) {
			String[] text = request(i);
			keys.add(this.sim.createRequest(customers.get(i % customers.size()), "10", text[0], text[1]).key);
		}

		// kill replica B while it is busy
		await(() -> doneBy("replica-b") >= 50 || !replicaB.isAlive(), Duration.ofMinutes(5), "replica B doing work");
		long doneByBBeforeKill = doneBy("replica-b");
		assertThat(replicaB.isAlive()).as("replica B ran until it was killed").isTrue();
		replicaB.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		Instant killedAt = Instant.now();

		await(() -> keys.stream().allMatch(this::answeredOrAssigned), Duration.ofMinutes(15),
				"every request answered or assigned");
		Duration took = Duration.between(start, Instant.now());
		this.sim.faults(JsmSimulator.Faults.NONE);
		await(() -> pending() == 0, Duration.ofMinutes(2), "inbox and outbox drained");

		long answered = 0;
		long assigned = 0;
		for (String key : keys) {
			List<String> bodies = botComments(key).stream().map(JsmSimulator.CommentView::body).toList();
			assertThat(bodies).as("public bot replies on " + key).doesNotHaveDuplicates();
			assertThat(bodies.stream().filter(b -> b.contains("in the queue") || b.contains("solved before")))
				.as("one answer or acknowledgement on " + key).hasSize(1);
			if (bodies.stream().anyMatch(b -> b.contains("solved before"))) {
				answered++;
			}
			else {
				assigned++;
			}
		}
		long failed = this.jdbc.sql("select (select count(*) from inbox_event where status = 'FAILED') + (select count(*) from outbox_action where status = 'FAILED')")
			.query(Long.class).single();
		Map<String, Object> stats = this.sim.stats();
		System.out.printf("FAULT TEST: %d requests in %d s (B killed after %d actions, %d s in); answered %d, assigned %d; "
				+ "API calls %s, faults %s; webhooks %s; inbox events %d; outbox done by A %d, by B %d%n", REQUESTS,
				took.toSeconds(), doneByBBeforeKill, Duration.between(start, killedAt).toSeconds(), answered, assigned,
				stats.get("apiCalls"), stats.get("faultsServed"), stats.get("webhooksDelivered"),
				this.jdbc.sql("select count(*) from inbox_event").query(Long.class).single(), doneBy("replica-a"),
				doneBy("replica-b"));
		assertThat(failed).as("inbox events or outbox actions given up").isZero();
		assertThat(answered).as("known problems answered").isPositive();
		assertThat(assigned).as("unknown problems assigned").isPositive();
		assertThat(doneBy("replica-a")).isPositive();
		assertThat(doneBy("replica-b")).isPositive();
		assertThat((Long) stats.get("faultsServed")).isGreaterThan(REQUESTS / 2);
		assertThat(openApi.drainViolations()).isEmpty();
	}

	private void install() {
		this.installations.create(ID, PlatformTypes.JIRA, "Fault test",
				JsmSimulatorTestConfig.jiraSettings(this.port, "cloud", "fault-token"));
		this.sim.seedResolved(JsmSimulatorTestConfig.KNOWN_PROBLEMS, Duration.ofHours(1));
		ImportProgress imported = this.history.runNow(ID);
		assertThat(imported.state()).isEqualTo(ImportProgress.State.DONE);
		// outage clustering would link hundreds of look-alike test requests: it has its own test
		this.policies.update(ID, this.json.readTree("{\"clusterSize\": 0}"));
		for (Agent a : this.agents.sync(ID)) {
			this.agents.update(ID, a.id(), new AgentDirectory.Settings(REQUESTS, "ONLINE", "UTC", null, "", null));
		}
		this.sim.registerWebhook("deskpilot", "http://127.0.0.1:" + this.port + "/webhooks/" + ID,
				List.of("jira:issue_created", "comment_created", "jira:issue_updated"), this.installations.webhookSecret(ID));
	}

	/** Even requests repeat a known problem in other words; odd ones are new problems nobody solved yet. */
	private static String[] request(int i) {
		return switch (i % 6) {
			case 0 -> new String[] { "VPN not connecting since the update", "After the Windows update my VPN client is stuck on connecting (" + i + ")." };
			case 2 -> new String[] { "Printer prints empty pages", "Since the toner was changed every page is blank (" + i + ")." };
			case 4 -> new String[] { "Outlook asks for my password all the time", "The Outlook password prompt keeps popping up (" + i + ")." };
			default -> new String[] { "Request " + i + " about item " + Integer.toString(i * 7919, 36), "Something unusual number " + i + " happened." };
		};
	}

	private boolean answeredOrAssigned(String key) {
		JsmSimulator.IssueView view = this.sim.view(key);
		return view.assignee() != null || botComments(key).stream().anyMatch(c -> c.body().contains("solved before"));
	}

	private List<JsmSimulator.CommentView> botComments(String key) {
		return this.sim.view(key).comments().stream()
			.filter(c -> c.author().accountId().equals("557058:bot-deskpilot") && c.isPublic())
			.toList();
	}

	private long doneBy(String replica) {
		return this.jdbc.sql("select count(*) from outbox_action where done_by like ?").param(replica + "-%").query(Long.class).single();
	}

	private long pending() {
		return this.jdbc.sql("select (select count(*) from inbox_event where status = 'PENDING') + (select count(*) from outbox_action where status = 'PENDING')")
			.query(Long.class).single();
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private Process startReplicaB(int port) throws IOException {
		Path dir = dataDir.resolve("b");
		Files.createDirectories(dir);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx768m", "--add-modules", "jdk.incubator.vector", "-jar", JAR.toAbsolutePath().toString(),
				"--server.port=" + port, "--deskpilot.data-dir=" + dir, "--deskpilot.secret-key=" + KEY,
				"--spring.datasource.url=" + SCHEMA.jdbcUrl(), "--spring.datasource.username=" + PostgresSchema.USER,
				"--spring.datasource.password=", "--spring.flyway.schemas=" + SCHEMA.name(), "--deskpilot.sandbox.enabled=false",
				"--deskpilot.outbound.allow=127.0.0.1/32", // the simulated site runs on loopback
				"--deskpilot.intake.poll-interval=1h", "--deskpilot.workflow.timer-interval=1h",
				"--deskpilot.workflow.workers=4", "--deskpilot.workflow.lease=4s", "--deskpilot.workflow.poll-interval=200ms",
				"--deskpilot.workflow.backoff-base=100ms", "--deskpilot.workflow.backoff-max=2s",
				"--deskpilot.workflow.max-attempts=100", "--deskpilot.workflow.route-retry=1s",
				"--deskpilot.workflow.replica-name=replica-b"));
		Path log = Path.of("target", "replica-b.log");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static void awaitHealthy(Process p, int replicaPort, Duration timeout) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!p.isAlive()) {
				throw new AssertionError("replica B exited with " + p.exitValue() + "; see target/replica-b.log");
			}
			try {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replicaPort + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 200 && r.body().contains("UP")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("replica B did not become healthy within " + timeout + "; see target/replica-b.log");
	}

	@AfterAll
	static void cleanUp() {
		if (replicaB != null) {
			replicaB.destroyForcibly();
		}
		SCHEMA.drop();
	}

	private static void await(BooleanSupplier condition, Duration timeout, String what) {
		Await.until(condition, timeout, what);
	}

}

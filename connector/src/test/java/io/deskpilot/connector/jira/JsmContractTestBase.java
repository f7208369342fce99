package io.deskpilot.connector.jira;

import java.nio.file.Path;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.jsmsim.JsmSimulator;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformContractTests;
import io.deskpilot.connector.platform.PlatformTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jira adapter against the JSM simulator passes the shared platform contract, with every request and response
 * validated against Atlassian's OpenAPI documents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.workflow.enabled=false",
				"deskpilot.jsm-simulator.enabled=true", "deskpilot.jsm-simulator.token=contract-token",
				"deskpilot.intake.poll-interval=1h" })
@Import(JsmSimulatorTestConfig.class)
abstract class JsmContractTestBase extends PlatformContractTests {

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

	OpenApiContract openApi;

	/** The installation id and its deployment ({@code cloud} or {@code datacenter}). */
	abstract String installationId();

	abstract String deployment();

	@BeforeEach
	void connect() {
		this.openApi = OpenApiContract.require(JsmSimulatorTestConfig.BASE_PATH);
		if (this.installations.find(installationId()).isEmpty()) {
			this.installations.create(installationId(), PlatformTypes.JIRA, "JSM contract",
					JsmSimulatorTestConfig.jiraSettings(this.port, deployment(), "contract-token"));
		}
	}

	@AfterEach
	void everyExchangeMatchedTheSpec() {
		assertThat(this.openApi.drainViolations()).isEmpty();
		assertThat(this.openApi.validatedCount()).isPositive();
	}

	@org.junit.jupiter.api.Test
	void request_carriesTheFirstResponseSla_untilAnAgentAnswersPublicly() {
		String key = desk().fileRequest("When is my first answer due?", "Checking the SLA clock.");
		var request = connection().requests().request(key);
		assertThat(request.firstResponseDue()).as("JSM's 'Time to first response' breach time")
			.isEqualTo(java.time.Instant.ofEpochMilli(request.created().plus(java.time.Duration.ofHours(4)).toEpochMilli()));
		this.sim.comment(key, this.sim.agent("alice"), "Looking into it now.", true);
		assertThat(connection().requests().request(key).firstResponseDue()).as("the cycle is complete").isNull();
	}

	@org.junit.jupiter.api.Test
	void transition_reachedByAnAgentBetweenTheReads_isDone() {
		String key = desk().fileRequest("Moved while we looked", "An agent answers at the same moment.");
		JsmSimulator.User alice = this.sim.agent("alice");
		this.sim.beforeTransitionsListed(key, () -> this.sim.transition(key, alice, "11", null));

		connection().statuses().orElseThrow().transition(key, io.deskpilot.connector.platform.TargetStatus.WAITING_FOR_CUSTOMER, null);

		assertThat(connection().requests().request(key).status().category())
			.isEqualTo(io.deskpilot.connector.platform.StatusCategory.WAITING_FOR_CUSTOMER);
	}

	@Override
	protected PlatformConnection connection() {
		return this.installations.connection(installationId());
	}

	@Override
	protected DeskFixture desk() {
		JsmSimulator sim = this.sim;
		return new DeskFixture() {
			@Override
			public String fileRequest(String summary, String description) {
				return sim.createRequest(sim.customer("kim@customer.example", "Kim Customer"), "10", summary, description).key;
			}

			@Override
			public void customerReplies(String key, String body) {
				sim.comment(key, sim.customer("kim@customer.example", null), body, true);
			}

			@Override
			public String resolvedTicket(String summary, String description, String agentAnswer) {
				String key = fileRequest(summary, description);
				JsmSimulator.User alice = sim.agent("alice");
				sim.comment(key, alice, agentAnswer, true);
				sim.transition(key, alice, "31", "Done");
				return key;
			}
		};
	}

	@Override
	protected String unknownKey() {
		return "HELP-999999";
	}

}

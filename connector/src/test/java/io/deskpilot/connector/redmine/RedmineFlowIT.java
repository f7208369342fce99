package io.deskpilot.connector.redmine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.testing.Await;
import io.deskpilot.connector.testing.DeskFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop on a real Redmine, each step asserted on Redmine's own state through its API: resolved history
 * created through the API is imported; a new issue is found by polling and gets the bot's answer as a public note and
 * the "Feedback" status; the customer's "I still need help" puts it In Progress and assigns it to an agent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.sandbox.enabled=false", "deskpilot.intake.poll-interval=1s" })
class RedmineFlowIT {

	static final String ID = "redmine-flow";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
		registry.add("deskpilot.outbound.allow", RedmineDesk::outboundAllow);
	}

	@Autowired
	Installations installations;

	@Autowired
	HistoryImport history;

	@Autowired
	JdbcClient jdbc;

	@Test
	void historyImported_newIssueAnswered_stillNeedHelpAssignsAnAgent() {
		RedmineDesk desk = RedmineDesk.open("deskpilot-flow");
		for (String[] k : DeskFlows.KNOWN) {
			desk.resolved(k[0], k[1], k[2]);
		}
		this.installations.create(ID, PlatformTypes.REDMINE, "Redmine flow", Map.of(RedmineSettings.BASE_URL, desk.url,
				RedmineSettings.API_KEY, desk.adminKey, RedmineSettings.PROJECT, desk.project));
		ImportProgress imported = this.history.runNow(ID);
		assertThat(imported.state()).as(String.valueOf(imported.error())).isEqualTo(ImportProgress.State.DONE);
		assertThat(imported.read()).isGreaterThanOrEqualTo(3);
		DeskFlows.awaitFirstPoll(this.jdbc, ID);

		DeskFlows.nextSecond();
		String key = desk.file("VPN not connecting since the update",
				"After the Windows update today my VPN client is stuck on connecting.");

		Await.until(() -> !botNotes(desk.issue(key), true).isEmpty(), Duration.ofSeconds(30), "the bot's answer on #" + key);
		assertThat(botNotes(desk.issue(key), true).get(0)).as("answered, not routed").contains("6.2");
		Await.until(() -> desk.issue(key).path("status").path("name").asString().equals("Feedback"), Duration.ofSeconds(15),
				"#" + key + " waiting for the customer");

		desk.customerReplies(key, "I still need help, it still says connecting.");

		Await.until(() -> desk.issue(key).path("assigned_to").path("id").asString("").equals(desk.agentId), Duration.ofSeconds(30),
				"#" + key + " assigned to the agent");
		JsonNode issue = desk.issue(key);
		assertThat(issue.path("status").path("name").asString()).isEqualTo("In Progress");
		assertThat(botNotes(issue, false)).as("an internal note for the agent").isNotEmpty();
		assertThat(botNotes(issue, true)).as("the answer, then 'an agent takes over', then who took it").hasSizeGreaterThanOrEqualTo(2);
	}

	/** The bot's (admin's) notes on an issue, public or private. */
	private static List<String> botNotes(JsonNode issue, boolean isPublic) {
		String author = issue.path("author").path("id").asString();
		return issue.path("journals").valueStream()
			.filter(j -> !j.path("notes").asString("").isBlank())
			.filter(j -> j.path("user").path("id").asString().equals("1") && !j.path("user").path("id").asString().equals(author))
			.filter(j -> j.path("private_notes").asBoolean(false) != isPublic)
			.map(j -> j.path("notes").asString())
			.toList();
	}

}

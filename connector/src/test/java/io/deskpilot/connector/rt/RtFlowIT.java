package io.deskpilot.connector.rt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.testing.Await;
import io.deskpilot.connector.testing.DeskFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop on a real Request Tracker, found by polling RT's transaction feed, each step asserted on RT's own
 * state through REST2: resolved history (customer e-mail, agent reply, resolved) is imported; a customer's e-mail
 * gets the bot's answer as correspondence and the ticket is stalled; the customer's "I still need help" e-mail opens
 * it and gives it to the queue's agent, with an internal comment for them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.sandbox.enabled=false", "deskpilot.intake.poll-interval=1s" })
class RtFlowIT {

	static final String ID = "rt-flow";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
		registry.add("deskpilot.outbound.allow", RtDesk::outboundAllow);
	}

	@Autowired
	Installations installations;

	@Autowired
	HistoryImport history;

	@Autowired
	JdbcClient jdbc;

	@Test
	void historyImported_newTicketAnswered_stillNeedHelpGivesItToAnAgent() {
		RtDesk desk = RtDesk.open("deskpilot-flow");
		for (String[] k : DeskFlows.KNOWN) {
			desk.resolved(k[0], k[1], k[2]);
		}
		this.installations.create(ID, PlatformTypes.RT, "RT flow", RtFlowIT.settings(desk));
		ImportProgress imported = this.history.runNow(ID);
		assertThat(imported.state()).as(String.valueOf(imported.error())).isEqualTo(ImportProgress.State.DONE);
		assertThat(imported.read()).isEqualTo(3);
		DeskFlows.awaitFirstPoll(this.jdbc, ID);

		DeskFlows.nextSecond();
		String key = desk.file("VPN not connecting since the update",
				"After the Windows update today my VPN client is stuck on connecting.");

		Await.until(() -> !desk.botTexts(key, true).isEmpty(), Duration.ofSeconds(30), "the bot's answer on #" + key);
		assertThat(desk.botTexts(key, true).get(0)).as("answered, not routed").contains("6.2").contains("Casey");
		Await.until(() -> desk.ticket(key).path("Status").asString().equals("stalled"), Duration.ofSeconds(15),
				"#" + key + " stalled, waiting for the customer");

		desk.customerReplies(key, "I still need help, it still says connecting.");

		Await.until(() -> desk.ticket(key).path("Owner").path("id").asString().equals(desk.agent), Duration.ofSeconds(30),
				"#" + key + " given to " + desk.agent);
		assertThat(desk.ticket(key).path("Status").asString()).isEqualTo("open");
		assertThat(desk.botTexts(key, false)).as("an internal comment for the agent").isNotEmpty();
		assertThat(desk.botTexts(key, true)).as("the answer, then 'an agent takes over', then who took it").hasSizeGreaterThanOrEqualTo(2);
	}

	static Map<String, String> settings(RtDesk desk) {
		return Map.of(RtSettings.BASE_URL, desk.url, RtSettings.TOKEN, desk.token, RtSettings.QUEUE, desk.queue,
				RtSettings.AGENT_GROUP, desk.agentGroup);
	}

}

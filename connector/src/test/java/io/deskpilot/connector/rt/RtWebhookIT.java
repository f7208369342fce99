package io.deskpilot.connector.rt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.testing.Await;
import io.deskpilot.connector.testing.DeskFlows;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push instead of polling: Deskpilot's scrip, exactly as the setup steps give it to an admin, is added to the queue of
 * a real Request Tracker; RT posts each ticket transaction, signed, to the webhook endpoint. Polling is off (one poll an
 * hour), so the answer can only come from the pushed event. Adding a scrip needs RT's Perl API as root
 * ({@code connector/src/test/platforms/rt-scrip.sh}); {@code .ci/run} exports {@code DESKPILOT_RT_STATE_DIR} for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.sandbox.enabled=false", "deskpilot.intake.poll-interval=1h" })
class RtWebhookIT {

	static final String ID = "rt-push";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
		registry.add("deskpilot.outbound.allow", RtDesk::outboundAllow);
	}

	@LocalServerPort
	int port;

	@Autowired
	Installations installations;

	@Autowired
	HistoryImport history;

	@Autowired
	JdbcClient jdbc;

	@Test
	void scripPushesTheNewTicket_answeredWithoutPolling() throws Exception {
		RtDesk desk = RtDesk.open("deskpilot-push");
		String state = System.getenv("DESKPILOT_RT_STATE_DIR");
		if (state == null) {
			if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_RT_REQUIRED"))) {
				throw new IllegalStateException("DESKPILOT_RT_REQUIRED is set but DESKPILOT_RT_STATE_DIR is not");
			}
			Assumptions.abort("DESKPILOT_RT_STATE_DIR is not set: the scrip is added with RT's Perl API in that state dir");
		}
		String[] known = DeskFlows.KNOWN.get(0);
		desk.resolved(known[0], known[1], known[2]);
		this.installations.create(ID, PlatformTypes.RT, "RT push", RtFlowIT.settings(desk));
		String secret = UUID.randomUUID().toString();
		this.installations.setWebhookSecret(ID, secret);
		ImportProgress imported = this.history.runNow(ID);
		assertThat(imported.state()).as(String.valueOf(imported.error())).isEqualTo(ImportProgress.State.DONE);
		addScrip(state, desk.queue, RtWebhooks.scrip("http://127.0.0.1:" + this.port + "/webhooks/" + ID, secret));

		DeskFlows.nextSecond();
		String key = desk.file("VPN not connecting since the update",
				"After the Windows update today my VPN client is stuck on connecting.");

		Await.until(() -> !desk.botTexts(key, true).isEmpty(), Duration.ofSeconds(30), "the bot's answer on #" + key);
		assertThat(desk.botTexts(key, true).get(0)).contains("6.2");
		assertThat(this.jdbc.sql("select count(*) from inbox_event where installation_id = ? and dedupe_key = ?")
			.params(ID, "rt:created:" + key).query(Long.class).single()).isEqualTo(1);
		assertThat(DeskFlows.polled(this.jdbc, ID)).as("no poll ran").isFalse();
	}

	private static void addScrip(String state, String queue, String code) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder("bash", "src/test/platforms/rt-scrip.sh", queue, "Deskpilot").redirectErrorStream(true);
		pb.environment().put("RT_STATE_DIR", state);
		Process p = pb.start();
		try (OutputStream in = p.getOutputStream()) {
			in.write(code.getBytes(StandardCharsets.UTF_8));
		}
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rt-scrip.sh finished").isTrue();
		assertThat(p.exitValue()).as(out).isZero();
	}

}

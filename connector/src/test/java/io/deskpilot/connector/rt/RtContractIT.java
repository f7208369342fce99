package io.deskpilot.connector.rt;

import java.time.Clock;
import java.util.Map;

import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformContractTests;
import io.deskpilot.connector.platform.Secret;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.web.client.RestClient;

/**
 * The shared platform contract against a real Request Tracker 5 (Debian's {@code request-tracker5}, started on loopback
 * by {@code connector/src/test/platforms/start-rt.sh}; {@code .ci/run} does that and exports its URL and root's auth
 * token as {@code DESKPILOT_RT_URL} and {@code DESKPILOT_RT_TOKEN}). Skipped with the reason when no RT is configured,
 * unless {@code DESKPILOT_RT_REQUIRED=true}.
 */
class RtContractIT extends PlatformContractTests {

	static RtDesk desk;

	static PlatformConnection connection;

	@BeforeAll
	static void rt() {
		desk = RtDesk.open("deskpilot-contract");
		connection = new RtAdapter(RestClient.builder(), RtDesk.JSON, Clock.systemUTC())
			.connect(new ConnectionSettings("rt-contract", Map.of(RtSettings.BASE_URL, desk.url, RtSettings.QUEUE, desk.queue),
					Map.of(RtSettings.TOKEN, Secret.of(desk.token)), Secret.of("unused")));
	}

	@Override
	protected PlatformConnection connection() {
		return connection;
	}

	@Override
	protected DeskFixture desk() {
		return new DeskFixture() {

			@Override
			public String fileRequest(String summary, String description) {
				return desk.file(summary, description);
			}

			@Override
			public void customerReplies(String key, String body) {
				desk.customerReplies(key, body);
			}

			@Override
			public String resolvedTicket(String summary, String description, String agentAnswer) {
				return desk.resolved(summary, description, agentAnswer);
			}

		};
	}

	@Override
	protected String unknownKey() {
		return "99999999";
	}

}

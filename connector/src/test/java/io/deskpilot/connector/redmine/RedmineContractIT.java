package io.deskpilot.connector.redmine;

import java.time.Clock;
import java.util.Map;

import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformContractTests;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.system.OutboundPolicy;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.web.client.RestClient;

/**
 * The shared platform contract against a real Redmine (Debian's {@code redmine} package, started on loopback by
 * {@code connector/src/test/platforms/start-redmine.sh}; {@code .ci/run} does that and exports its URL and admin API
 * key as {@code DESKPILOT_REDMINE_URL} and {@code DESKPILOT_REDMINE_API_KEY}). Skipped with the reason when no Redmine
 * is configured, unless {@code DESKPILOT_REDMINE_REQUIRED=true}.
 */
class RedmineContractIT extends PlatformContractTests {

	static RedmineDesk desk;

	static PlatformConnection connection;

	@BeforeAll
	static void redmine() {
		desk = RedmineDesk.open("deskpilot-contract");
		// the test Redmine runs on loopback or a private address: allowed the way an operator allows a self-hosted one
		OutboundPolicy outbound = OutboundPolicy.allowing(java.net.URI.create(desk.url).getHost());
		connection = new RedmineAdapter(RestClient.builder(), outbound, RedmineDesk.JSON, Clock.systemUTC())
			.connect(new ConnectionSettings("redmine-contract",
					Map.of(RedmineSettings.BASE_URL, desk.url, RedmineSettings.PROJECT, desk.project),
					Map.of(RedmineSettings.API_KEY, Secret.of(desk.adminKey)), Secret.of("unused")));
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
		return "999999";
	}

}

package io.deskpilot.connector.rt;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformContractTests;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.platform.TargetStatus;
import io.deskpilot.connector.system.OutboundPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
		connection = new RtAdapter(RestClient.builder(), outbound(), RtDesk.JSON, Clock.systemUTC())
			.connect(new ConnectionSettings("rt-contract", Map.of(RtSettings.BASE_URL, desk.url, RtSettings.QUEUE, desk.queue),
					Map.of(RtSettings.TOKEN, Secret.of(desk.token)), Secret.of("unused")));
	}

	/** The test RT runs on loopback or a private address: allowed the way an operator allows a self-hosted RT. */
	private static OutboundPolicy outbound() {
		return OutboundPolicy.allowing(java.net.URI.create(desk.url).getHost());
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

	/** RT answers these refusals with HTTP 200 and a message: the adapter reports them as errors, with RT's words. */
	@Test
	void refusalsRtAnswersWithA200_areReportedWithItsMessage() {
		String key = desk.file(unique("Keyboard is missing keys"), "Three keys came off.");

		assertThatThrownBy(() -> connection.assignments().orElseThrow().assign(key, "no-such-agent-" + UUID.randomUUID()))
			.isInstanceOf(PlatformRejectedException.class)
			.hasMessageContaining("That user does not exist");

		PlatformConnection misconfigured = new RtAdapter(RestClient.builder(), outbound(), RtDesk.JSON, Clock.systemUTC())
			.connect(new ConnectionSettings("rt-contract-bad", Map.of(RtSettings.BASE_URL, desk.url, RtSettings.QUEUE, desk.queue,
					RtSettings.WAITING, "waiting-for-godot"), Map.of(RtSettings.TOKEN, Secret.of(desk.token)), Secret.of("unused")));
		assertThatThrownBy(() -> misconfigured.statuses().orElseThrow().transition(key, TargetStatus.WAITING_FOR_CUSTOMER, null))
			.isInstanceOf(PlatformRejectedException.class)
			.hasMessageContaining("isn't a valid status");
		assertThat(connection.requests().request(key).status().category()).isEqualTo(StatusCategory.NEW);
	}

	/**
	 * Agents come from the named group: a user-defined group through the groups API; RT's Privileged group (the
	 * default) on a patched RT (5.0.3+dfsg-3~deb12u7 hides internal groups from REST 2.0) from the users API. Either
	 * way the desk's agent is found and the customer, the bot and RT's own users are not.
	 */
	@Test
	void agents_comeFromAUserDefinedGroupOrThePrivilegedUsers() {
		desk.file(unique("Printer jams on page two"), "Every second page jams.");
		PlatformConnection grouped = connect("rt-contract-group", Map.of(RtSettings.AGENT_GROUP, desk.agentGroup));
		assertThat(grouped.assignments().orElseThrow().assignableAgents()).extracting(p -> p.id()).containsExactly(desk.agent);
		assertThat(grouped.test().message()).contains("1 agents (group " + desk.agentGroup + ")");

		List<String> privileged = connection.assignments().orElseThrow().assignableAgents().stream().map(p -> p.id()).toList();
		assertThat(privileged).contains(desk.agent).doesNotContain("root", "Nobody", "RT_System", desk.customer);
		assertThat(connection.test().message()).containsAnyOf("(privileged users)", "(group Privileged)");
	}

	/** A group RT does not show the bot: the connection test says what to create and which rights the bot needs. */
	@Test
	void missingAgentGroup_theConnectionTestSaysWhatIsMissing() {
		PlatformConnection missing = connect("rt-contract-nogroup", Map.of(RtSettings.AGENT_GROUP, "no-such-group-" + UUID.randomUUID()));

		ConnectionCheck check = missing.test();

		assertThat(check.ok()).isFalse();
		assertThat(check.message()).contains("RT shows the bot user root no group 'no-such-group-")
			.contains("Admin → Groups → Create", "SeeGroup and AdminGroupMembership", "'Privileged'");
	}

	private static PlatformConnection connect(String id, Map<String, String> extra) {
		Map<String, String> values = new java.util.HashMap<>(Map.of(RtSettings.BASE_URL, desk.url, RtSettings.QUEUE, desk.queue));
		values.putAll(extra);
		return new RtAdapter(RestClient.builder(), outbound(), RtDesk.JSON, Clock.systemUTC())
			.connect(new ConnectionSettings(id, values, Map.of(RtSettings.TOKEN, Secret.of(desk.token)), Secret.of("unused")));
	}

	@Override
	protected String unknownKey() {
		return "99999999";
	}

}

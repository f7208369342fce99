package io.deskpilot.connector.rt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.Person;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.system.OutboundPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the RT adapter finds its agents, against a small HTTP stand-in for RT's REST 2.0 that answers as RT 5.0.3
 * does before and after the security update for CVE-2026-108353 (the real, updated RT is covered by RtContractIT).
 */
class RtAgentsTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private HttpServer server;

	/** Whether {@code POST /groups} still returns RT's internal groups (before the update). */
	private boolean internalGroupsListed;

	private boolean botPrivileged = true;

	private final AtomicInteger rateLimitsLeft = new AtomicInteger();

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void beforeTheUpdate_privilegedUsersAreTheMembersOfTheInternalGroup() {
		this.internalGroupsListed = true;

		List<Person> agents = connect("Privileged").assignments().orElseThrow().assignableAgents();

		assertThat(agents).extracting(Person::id).containsExactly("alex");
		assertThat(this.calls).contains("GET /REST/2.0/group/4/members").doesNotContain("GET /REST/2.0/users");
	}

	@Test
	void afterTheUpdate_privilegedUsersAreReadFromTheUsersApi() {
		PlatformConnection rt = connect("Privileged");

		List<Person> agents = rt.assignments().orElseThrow().assignableAgents();

		assertThat(agents).extracting(Person::id).containsExactly("alex", "sam");
		assertThat(agents.get(0).displayName()).isEqualTo("Alex Agent");
		assertThat(this.calls).contains("GET /REST/2.0/users", "GET /REST/2.0/user/casey@example.com")
			.doesNotContain("GET /REST/2.0/user/Nobody", "GET /REST/2.0/user/RT_System");
		assertThat(rt.test().message()).endsWith("2 agents (privileged users)");
	}

	@Test
	void aBotThatMayNotListUsers_isToldWhatItLacks() {
		this.botPrivileged = false;

		ConnectionCheck check = connect("Privileged").test();

		assertThat(check.ok()).isFalse();
		assertThat(check.message()).contains("RT does not let the bot user deskpilot list users")
			.contains("the bot must be privileged (Admin → Users → deskpilot → 'Let this user be granted rights')");
	}

	@Test
	void aUserDefinedGroup_isReadThroughTheGroupsApiEitherWay() {
		List<Person> agents = connect("Support").assignments().orElseThrow().assignableAgents();

		assertThat(agents).extracting(Person::id).containsExactly("sam");
		assertThat(this.calls).contains("GET /REST/2.0/group/9/members").doesNotContain("GET /REST/2.0/users");
	}

	@Test
	void aRateLimitedRead_isRetriedAfterRtsRetryAfter() {
		this.rateLimitsLeft.set(2);

		ConnectionCheck check = connect("Support").test();

		assertThat(check.ok()).as(check.message()).isTrue();
		assertThat(this.calls.stream().filter("GET /REST/2.0/rt"::equals)).hasSize(3);
	}

	private PlatformConnection connect(String group) {
		start();
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort();
		return new RtAdapter(RestClient.builder(), OutboundPolicy.allowing("127.0.0.1/32"), JsonMapper.builder().build(), Clock.systemUTC())
			.connect(new ConnectionSettings("rt-agents", Map.of(RtSettings.BASE_URL, url, RtSettings.QUEUE, "General",
					RtSettings.AGENT_GROUP, group), Map.of(RtSettings.TOKEN, Secret.of("1-14-0123456789abcdef0123456789abcdef")),
					Secret.of("unused")));
	}

	private void start() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/REST/2.0/", this::answer);
		this.server.start();
	}

	private void answer(HttpExchange ex) throws IOException {
		String path = ex.getRequestURI().getPath();
		String method = ex.getRequestMethod();
		this.calls.add(method + " " + path);
		String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String rt = "/REST/2.0";
		if (path.equals(rt + "/rt") && this.rateLimitsLeft.getAndDecrement() > 0) {
			ex.getResponseHeaders().add("Retry-After", "0");
			send(ex, 429, "{\"message\":\"Too many requests\"}");
			return;
		}
		String body = switch (method + " " + path.substring(rt.length())) {
			case "GET /rt" -> "{\"Version\":\"5.0.3\"}";
			case "GET /user/14" -> user("deskpilot", "Deskpilot", 1);
			case "GET /queue/General" -> "{\"id\":1,\"Name\":\"General\"}";
			case "POST /groups" -> request.contains("\"Support\"") ? "{\"items\":[{\"id\":9,\"Name\":\"Support\",\"Domain\":\"UserDefined\"}]}"
					: request.contains("\"Privileged\"") && this.internalGroupsListed
							? "{\"items\":[{\"id\":4,\"Name\":\"Privileged\",\"Domain\":\"SystemInternal\"}]}" : "{\"items\":[]}";
			case "GET /group/4/members" -> this.internalGroupsListed
					? "{\"items\":[{\"type\":\"user\",\"id\":20},{\"type\":\"user\",\"id\":14}],\"pages\":1}" : null;
			case "GET /group/9/members" -> "{\"items\":[{\"type\":\"user\",\"id\":21}],\"pages\":1}";
			case "GET /users" -> this.botPrivileged ? "{\"items\":[{\"id\":\"Nobody\"},{\"id\":\"RT_System\"},{\"id\":\"deskpilot\"},"
					+ "{\"id\":\"alex\"},{\"id\":\"casey@example.com\"},{\"id\":\"sam\"}],\"total\":6}" : null;
			case "GET /user/20", "GET /user/alex" -> user("alex", "Alex Agent", 1);
			case "GET /user/21", "GET /user/sam" -> user("sam", "Sam Support", 1);
			case "GET /user/casey@example.com" -> user("casey@example.com", "Casey Customer", 0);
			default -> null;
		};
		if (body == null) {
			send(ex, path.endsWith("/users") ? 403 : 404, "{\"message\":\"" + (path.endsWith("/users") ? "Forbidden" : "Not Found")
					+ "\"}");
			return;
		}
		send(ex, 200, body);
	}

	private static String user(String name, String realName, int privileged) {
		return "{\"Name\":\"" + name + "\",\"RealName\":\"" + realName + "\",\"EmailAddress\":\"" + name.replace("@", ".")
				+ "@example.com\",\"Privileged\":" + privileged + "}";
	}

	private static void send(HttpExchange ex, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().add("Content-Type", "application/json");
		ex.sendResponseHeaders(status, bytes.length);
		ex.getResponseBody().write(bytes);
		ex.close();
	}

}

package io.deskpilot.connector.redmine;

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
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.system.OutboundPolicy;
import io.deskpilot.connector.platform.TransientPlatformException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the Redmine adapter meets a busy Redmine: the shared classification, reads retried, notes never repeated. */
class RedmineCallsTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final AtomicInteger busyLeft = new AtomicInteger();

	private HttpServer server;

	private PlatformConnection redmine;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
		this.redmine = new RedmineAdapter(RestClient.builder(), OutboundPolicy.allowing("127.0.0.1/32"), JsonMapper.builder().build(), Clock.systemUTC())
			.connect(new ConnectionSettings("redmine-calls", Map.of(RedmineSettings.BASE_URL,
					"http://127.0.0.1:" + this.server.getAddress().getPort(), RedmineSettings.PROJECT, "help"),
					Map.of(RedmineSettings.API_KEY, Secret.of("0123456789abcdef0123456789abcdef01234567")), Secret.of("unused")));
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aRead_isRetriedAfterRedminesRetryAfter() {
		this.busyLeft.set(2);

		assertThat(this.redmine.requests().request("7").summary()).isEqualTo("VPN drops");

		assertThat(this.calls).filteredOn(c -> c.startsWith("GET /issues/")).containsExactly("GET /issues/7.json", "GET /issues/7.json",
				"GET /issues/7.json");
	}

	@Test
	void aNote_isNotRepeatedWhenRedmineIsBusy() {
		this.busyLeft.set(1);

		assertThatThrownBy(() -> this.redmine.replies().post("7", "Try reconnecting.", true, "k1"))
			.isInstanceOf(TransientPlatformException.class)
			.hasMessageStartingWith("Redmine answered PUT /issues/7.json → 503")
			.satisfies(ex -> assertThat(((TransientPlatformException) ex).retryAfter()).hasSeconds(0));
		assertThat(this.calls).containsExactly("PUT /issues/7.json");
	}

	@Test
	void aRefusal_carriesRedminesOwnWords() {
		assertThatThrownBy(() -> this.redmine.requests().request("8")).isInstanceOf(PlatformRejectedException.class)
			.hasMessageContaining("Redmine refused GET /issues/8.json → 422: Tracker is invalid");
	}

	private void answer(HttpExchange ex) throws IOException {
		String path = ex.getRequestURI().getPath();
		this.calls.add(ex.getRequestMethod() + " " + path);
		ex.getRequestBody().readAllBytes();
		if (this.busyLeft.getAndDecrement() > 0) {
			ex.getResponseHeaders().add("Retry-After", "0");
			send(ex, 503, "Service Unavailable");
			return;
		}
		switch (path) {
			case "/issues/7.json" -> send(ex, 200, "{\"issue\":{\"id\":7,\"project\":{\"id\":3},\"subject\":\"VPN drops\",\"description\":\"Since Monday\","
					+ "\"status\":{\"id\":1,\"name\":\"New\"},\"author\":{\"id\":5,\"name\":\"Casey\"},"
					+ "\"created_on\":\"2026-12-01T10:00:00Z\",\"updated_on\":\"2026-12-01T10:00:00Z\"}}");
			case "/issue_statuses.json" -> send(ex, 200, "{\"issue_statuses\":[{\"id\":1,\"name\":\"New\",\"is_closed\":false}]}");
			case "/users/current.json" -> send(ex, 200, "{\"user\":{\"id\":2,\"login\":\"deskpilot\"}}");
			case "/users/5.json" -> send(ex, 200, "{\"user\":{\"id\":5,\"login\":\"casey\",\"firstname\":\"Casey\",\"lastname\":\"C\"}}");
			case "/projects/help.json" -> send(ex, 200, "{\"project\":{\"id\":3,\"name\":\"Help\"}}");
			case "/issues/8.json" -> send(ex, 422, "{\"errors\":[\"Tracker is invalid\"]}");
			default -> send(ex, 404, "");
		}
	}

	private static void send(HttpExchange ex, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().add("Content-Type", "application/json");
		ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			ex.getResponseBody().write(bytes);
		}
		ex.close();
	}

}

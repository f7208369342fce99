package io.deskpilot.connector.rt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.system.OutboundPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RT's client (one HttpURLConnection per call, which follows a GET's redirect by default) sends through the outbound
 * policy: a redirect never takes the auth token to another host, and a forbidden host never sees a call.
 */
class RtOutboundTests {

	private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.servers.forEach(s -> s.stop(0));
	}

	@Test
	void aRedirectNeverTakesTheTokenToAnotherHost() throws IOException {
		List<String> stolen = new CopyOnWriteArrayList<>();
		HttpServer elsewhere = server("127.0.0.2", 200, null, stolen);
		HttpServer rt = server("127.0.0.1", 302, url(elsewhere) + "/REST/2.0/rt", new CopyOnWriteArrayList<>());

		ConnectionCheck check = connect(OutboundPolicy.allowing("127.0.0.1/32", "127.0.0.2/32"), url(rt)).test();

		assertThat(check.ok()).isFalse();
		assertThat(check.message()).contains("answered 302 with a redirect to http://127.0.0.2:" + elsewhere.getAddress().getPort())
			.contains("follows no redirects");
		assertThat(stolen).as("the other host never saw the token").isEmpty();
	}

	@Test
	void aForbiddenHostNeverSeesACall() throws IOException {
		List<String> seen = new CopyOnWriteArrayList<>();
		HttpServer rt = server("127.0.0.1", 200, null, seen);

		ConnectionCheck check = connect(OutboundPolicy.allowing(), url(rt)).test();

		assertThat(check.ok()).isFalse();
		assertThat(check.message())
			.isEqualTo("refused: 127.0.0.1 is a loopback address; allow it with deskpilot.outbound.allow=127.0.0.1/32");
		assertThat(seen).isEmpty();
	}

	private static PlatformConnection connect(OutboundPolicy outbound, String baseUrl) {
		return new RtAdapter(RestClient.builder(), outbound, JsonMapper.builder().build(), Clock.systemUTC())
			.connect(new ConnectionSettings("rt-outbound", Map.of(RtSettings.BASE_URL, baseUrl, RtSettings.QUEUE, "General"),
					Map.of(RtSettings.TOKEN, Secret.of("1-42-0123456789abcdef0123456789abcdef")), Secret.of("unused")));
	}

	private HttpServer server(String address, int status, String location, List<String> tokens) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
		server.createContext("/", exchange -> {
			tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			if (location != null) {
				exchange.getResponseHeaders().add("Location", location);
			}
			byte[] body = "{\"Version\":\"5.0.5\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		this.servers.add(server);
		return server;
	}

	private static String url(HttpServer server) {
		return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
	}

}

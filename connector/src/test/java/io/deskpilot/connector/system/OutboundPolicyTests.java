package io.deskpilot.connector.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.deskpilot.connector.platform.OutboundRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of address the outbound policy refuses or allows, the forms a host may be written in, and redirects. */
class OutboundPolicyTests {

	private final OutboundPolicy strict = OutboundPolicy.allowing();

	private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.servers.forEach(s -> s.stop(0));
	}

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			http://127.0.0.1:8080/             | 127.0.0.1 is a loopback address; allow it with deskpilot.outbound.allow=127.0.0.1/32
			http://127.9.9.9/                  | 127.9.9.9 is a loopback address
			http://localhost:8080/             | localhost resolves to
			http://[::1]:8080/                 | ::1 is a loopback address; allow it with deskpilot.outbound.allow=::1/128
			http://[::ffff:127.0.0.1]/         | resolves to 127.0.0.1, which is a loopback address
			http://[::ffff:7f00:1]/            | resolves to 127.0.0.1, which is a loopback address
			http://[::127.0.0.1]/              | which is a loopback address
			http://[64:ff9b::7f00:1]/          | 64:ff9b::7f00:1 is a loopback address
			http://[2002:7f00:1::]/            | 2002:7f00:1:: is a loopback address
			http://0.0.0.0:8080/               | 0.0.0.0 is the unspecified address (it reaches this machine itself); no setting allows it
			http://[::]:8080/                  | :: is the unspecified address
			http://0.1.2.3/                    | 0.1.2.3 is the unspecified address
			http://169.254.169.254/latest/     | 169.254.169.254 is a link-local address (where cloud metadata services answer); allow it with deskpilot.outbound.allow=169.254.169.254/32
			http://[fe80::1]/                  | fe80::1 is a link-local address
			http://[::ffff:169.254.169.254]/   | which is a link-local address
			http://224.0.0.1/                  | 224.0.0.1 is a multicast address; no setting allows it
			http://[ff02::1]/                  | ff02::1 is a multicast address
			http://10.0.0.1/                   | 10.0.0.1 is a private address; allow it with deskpilot.outbound.allow=10.0.0.1/32
			http://172.16.0.1/                 | 172.16.0.1 is a private address
			http://172.31.255.254/             | 172.31.255.254 is a private address
			http://192.168.1.10/               | 192.168.1.10 is a private address
			http://100.64.0.1/                 | 100.64.0.1 is a private address
			http://[fc00::1]/                  | fc00::1 is a private address
			http://[fd12:3456::1]/             | fd12:3456::1 is a private address; allow it with deskpilot.outbound.allow=fd12:3456::1/128
			http://240.0.0.1/                  | 240.0.0.1 is a reserved or special-purpose address
			http://255.255.255.255/            | 255.255.255.255 is a reserved or special-purpose address
			http://192.0.2.1/                  | 192.0.2.1 is a reserved or special-purpose address
			http://[2001:db8::1]/              | 2001:db8::1 is a reserved or special-purpose address
			http://2130706433/                 | 2130706433 is not a canonical IP address
			http://017700000001/               | 017700000001 is not a canonical IP address
			http://0177.0.0.1/                 | 0177.0.0.1 is not a canonical IP address
			http://0x7f000001/                 | 0x7f000001 is not a canonical IP address
			http://0x7f.1/                     | '0x7f.1' is not a host name or a canonical IP address
			http://127.1/                      | '127.1' is not a host name or a canonical IP address
			http://[fe80::1%25eth0]/           | is a scoped IPv6 address
			file:///etc/passwd                 | only http and https destinations are allowed
			ftp://example.com/                 | only http and https destinations are allowed
			""")
	void refuses(String url, String message) {
		assertThatThrownBy(() -> this.strict.check(URI.create(url))).isInstanceOf(OutboundRefusedException.class)
			.hasMessageStartingWith("refused: ")
			.hasMessageContaining(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://93.184.215.14/", "http://8.8.8.8:8080/x", "https://[2606:4700:4700::1111]/",
			"http://[::ffff:8.8.8.8]/", "http://[64:ff9b::808:808]/", "http://172.32.0.1/", "http://100.128.0.1/",
			"http://169.255.0.1/", "http://11.0.0.1/" })
	void allowsPublicAddresses(String url) {
		assertThatCode(() -> this.strict.check(URI.create(url))).doesNotThrowAnyException();
	}

	@Test
	void allowsNonPublicRangesOnlyWhereListed() throws UnknownHostException {
		OutboundPolicy policy = OutboundPolicy.allowing("127.0.0.1/32", "10.0.0.0/8", "fd00::/8", "::ffff:192.168.7.0/120");
		policy.check(URI.create("http://127.0.0.1:18080/REST/2.0"));
		policy.check(URI.create("http://[::ffff:127.0.0.1]:18080/"));
		policy.check(URI.create("http://10.200.3.4/"));
		policy.check(URI.create("http://[fd00::5]/"));
		policy.check(URI.create("http://192.168.7.99/"));
		assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.2/"))).hasMessageContaining("127.0.0.2 is a loopback");
		assertThatThrownBy(() -> policy.check(URI.create("http://192.168.8.1/"))).hasMessageContaining("private address");
		assertThatThrownBy(() -> policy.check(URI.create("http://[fc00::5]/"))).hasMessageContaining("private address");
		assertThatThrownBy(() -> policy.check(URI.create("http://169.254.169.254/"))).hasMessageContaining("link-local");
	}

	@Test
	void allowsHostNamesAndDomains() throws UnknownHostException {
		OutboundPolicy policy = OutboundPolicy.allowing("localhost");
		policy.check(URI.create("http://localhost:8080/"));
		policy.check(URI.create("http://LOCALHOST/"));
		assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.1/"))).as("the name, not its address")
			.hasMessageContaining("loopback");
		assertThatCode(() -> OutboundPolicy.allowing("*.corp.example", "rt.corp.example")).doesNotThrowAnyException();
	}

	@Test
	void neverAllowsTheUnspecifiedOrMulticastAddresses() {
		OutboundPolicy everything = OutboundPolicy.allowing("0.0.0.0/0", "::/0");
		assertThatThrownBy(() -> everything.check(URI.create("http://0.0.0.0/"))).hasMessageContaining("no setting allows it");
		assertThatThrownBy(() -> everything.check(URI.create("http://[::]/"))).hasMessageContaining("no setting allows it");
		assertThatThrownBy(() -> everything.check(URI.create("http://239.1.1.1/"))).hasMessageContaining("multicast");
		assertThatCode(() -> everything.check(URI.create("http://10.1.1.1/"))).doesNotThrowAnyException();
	}

	@Test
	void refusesTheServicesOwnAddressesUnlessNamedExactly() throws UnknownHostException {
		var jdk = ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW));
		List<InetAddress> own = List.of(InetAddress.getByName("203.0.114.7"), InetAddress.getByName("10.1.2.3"));
		OutboundPolicy policy = new OutboundPolicy(List.of("10.0.0.0/8"), jdk, () -> own);
		assertThatThrownBy(() -> policy.check(URI.create("http://203.0.114.7:8080/")))
			.hasMessage("refused: 203.0.114.7 is an address of this service's own host; allow it with "
					+ "deskpilot.outbound.allow=203.0.114.7/32");
		assertThatThrownBy(() -> policy.check(URI.create("http://10.1.2.3:8080/"))).as("a range does not open the own address")
			.hasMessageContaining("10.1.2.3 is an address of this service's own host");
		policy.check(URI.create("http://10.1.2.4:8080/"));
		new OutboundPolicy(List.of("10.1.2.3/32"), jdk, () -> own).check(URI.create("http://10.1.2.3:8080/"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/33", "fd00::/129", "2130706433", "not a host!", "10.0.0.1/x", "0x7f.1", "*.", "1.2.3/8" })
	void invalidAllowEntriesStopTheStartWithTheirName(String entry) {
		assertThatThrownBy(() -> OutboundPolicy.validate(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("deskpilot.outbound.allow")
			.hasMessageContaining(entry);
	}

	@Test
	void aHostThatDoesNotResolveCannotBeCalledButIsNoProblemWhenSaved() {
		assertThatThrownBy(() -> this.strict.check(URI.create("http://no-such-host.invalid/"))).isInstanceOf(UnknownHostException.class);
		assertThat(this.strict.problem("http://no-such-host.invalid/")).isEmpty();
		assertThat(this.strict.problem("http://127.0.0.1:9/")).hasValueSatisfying(p -> assertThat(p).contains("loopback"));
		assertThat(this.strict.problem("https://8.8.8.8/")).isEmpty();
	}

	@Test
	void guardedClients_refuseForbiddenHostsBeforeAnythingIsSent() throws IOException {
		List<String> seen = new CopyOnWriteArrayList<>();
		HttpServer server = server("127.0.0.1", seen, 200, null);
		RestClient client = this.strict.guarded(RestClient.builder()).defaultHeader("X-Redmine-API-Key", "k-123").build();
		assertThatThrownBy(() -> client.get().uri(base(server) + "/users/current.json").retrieve().body(String.class))
			.isInstanceOf(OutboundRefusedException.class)
			.hasMessage("refused: 127.0.0.1 is a loopback address; allow it with deskpilot.outbound.allow=127.0.0.1/32");
		assertThat(seen).isEmpty();
	}

	@Test
	void guardedClients_neverFollowARedirect_toAnotherHost() throws IOException {
		List<String> stolen = new CopyOnWriteArrayList<>();
		HttpServer elsewhere = server("127.0.0.2", stolen, 200, null);
		HttpServer desk = server("127.0.0.1", new CopyOnWriteArrayList<>(), 302, base(elsewhere) + "/steal");
		OutboundPolicy policy = OutboundPolicy.allowing("127.0.0.1/32", "127.0.0.2/32");
		for (RestClient.Builder builder : List.of(policy.guarded(RestClient.builder()),
				policy.guardedPerCallConnections(RestClient.builder(), Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
			RestClient client = builder.defaultHeader("Authorization", "token 1-secret").build();
			assertThatThrownBy(() -> client.get().uri(base(desk) + "/REST/2.0/rt").retrieve().body(String.class))
				.isInstanceOf(OutboundRefusedException.class)
				.hasMessageContaining("answered 302 with a redirect to http://127.0.0.2:" + elsewhere.getAddress().getPort())
				.hasMessageContaining("follows no redirects");
		}
		assertThat(stolen).as("the other host never saw a request, let alone the token").isEmpty();
	}

	@Test
	void guardingTwiceChecksOnce() throws IOException {
		List<String> seen = new CopyOnWriteArrayList<>();
		HttpServer server = server("127.0.0.1", seen, 200, null);
		OutboundPolicy policy = OutboundPolicy.allowing("127.0.0.1/32");
		RestClient.Builder builder = policy.guarded(policy.guarded(RestClient.builder()));
		builder.requestInterceptors(list -> assertThat(list).hasSize(1));
		assertThat(builder.build().get().uri(base(server) + "/x").retrieve().body(String.class)).isEqualTo("ok");
		assertThat(seen).containsExactly("GET /x");
	}

	private HttpServer server(String address, List<String> seen, int status, String location) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
		server.createContext("/", exchange -> {
			seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			if (location != null) {
				exchange.getResponseHeaders().add("Location", location);
			}
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		this.servers.add(server);
		return server;
	}

	private static String base(HttpServer server) {
		return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
	}

}

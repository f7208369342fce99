package io.deskpilot.connector.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.deskpilot.connector.testing.RawHttp;
import io.deskpilot.connector.testing.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny by default, proven on the running service with its default configuration (sandbox on): every handler mapping
 * of the context (controllers, actuator endpoints, health paths, static resources and WebJars) is called anonymously,
 * and each one outside the public list below is refused, also under encoded letters ({@code %61pi}), {@code //},
 * {@code /./}, {@code /../}, {@code ;params}, upper case and a trailing slash. The public list is written out here on
 * purpose: making something public takes a change in {@link WebSecurity} and in this test. Also: the actuator's
 * operator data needs the admin token; behind a TLS proxy the session cookie is Secure and HSTS is sent; pages carry a
 * content security policy; the data directory, the database and the generated secrets are owner-only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.intake.poll-interval=1h", "deskpilot.knowledge.dense=false" })
class AccessControlIT {

	/** Every mapped endpoint anyone may call, as "METHOD pattern". */
	static final Set<String> PUBLIC = Set.of("GET /livez", "GET /readyz", "GET /actuator/health",
			"GET /actuator/health/**", "POST /webhooks/{installationId}", "POST /apps/{platform}/events",
			"POST /apps/{platform}/admin", "GET /oauth/callback", "GET /admin/login", "GET /sandbox", "GET /sandbox/",
			"GET /sandbox/api/requests", "POST /sandbox/api/requests", "GET /sandbox/api/requests/{key}",
			"POST /sandbox/api/requests/{key}/comments");

	/** Static files anyone may fetch (the customer page, the sign-in page's style and scripts). */
	static final Set<String> PUBLIC_FILES = Set.of("/sandbox/index.html", "/sandbox/sandbox.css", "/sandbox/sandbox.js",
			"/admin/assets/console.css", "/admin/assets/console.js");

	static final String PUBLIC_WEBJAR = "/webjars/htmx.org/";

	@TempDir
	static Path tmp;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> tmp.resolve("data").toString());
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void everyEndpointOutsideThePublicList_refusesAnAnonymousCaller_underEveryPathVariant() throws IOException {
		Set<String> endpoints = endpoints();
		assertThat(endpoints).as("the public list names mapped endpoints only").containsAll(PUBLIC);
		assertThat(endpoints).as("the admin API, the console, the sandbox's agent side and the actuator are enumerated")
			.contains("GET /api/installations", "GET /admin/connections", "GET /sandbox/api/agent/requests/{key}",
					"GET /actuator/metrics");
		List<String> failures = new ArrayList<>();
		int calls = 0;
		for (String endpoint : endpoints) {
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
			String path = concrete(pattern);
			boolean open = PUBLIC.contains(endpoint) || PUBLIC_FILES.contains(path) || path.startsWith(PUBLIC_WEBJAR);
			Response canonical = call(method, path);
			calls++;
			if (open) {
				if (refused(canonical)) {
					failures.add("public " + endpoint + " (" + path + ") was refused: " + canonical);
				}
				continue;
			}
			if (!refused(canonical) || canonical.status() == 400) {
				failures.add(endpoint + " (" + path + ") answered an anonymous caller: " + canonical);
			}
			for (String variant : variants(path)) {
				Response r = call(method, variant);
				calls++;
				if (!refused(r)) {
					failures.add(endpoint + " as " + variant + " answered an anonymous caller: " + r);
				}
			}
		}
		assertThat(failures).as(calls + " calls to " + endpoints.size() + " endpoints").isEmpty();
	}

	@Test
	void theAdminApi_refusesEncodedAndDotSegmentPaths_theRightTokenIsNeededForAnyOfThem() throws IOException {
		String token = Files.readString(tmp.resolve("data/admin.token")).strip();
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
		// the pentest's finding: /%61pi/installations answered 200 with every installation
		for (String path : List.of("/%61pi/installations", "/ap%69/installations", "/api/%69nstallations")) {
			assertThat(RawHttp.send(this.port, "GET", path, Map.of("Accept", "application/json"), null).status())
				.as(path).isEqualTo(401);
			assertThat(RawHttp.send(this.port, "GET", path, Map.of("Authorization", "Bearer wrong", "Accept", "application/json"),
					null).status()).as(path + " with a wrong token").isEqualTo(401);
			Response admitted = RawHttp.send(this.port, "GET", path, bearer, null);
			assertThat(admitted.status()).as(path + " with the token").isEqualTo(200);
			assertThat(admitted.body()).contains("sandbox");
		}
	}

	@Test
	void operatorData_underTheActuator_needsTheAdminToken_onlyTheProbesArePublic() throws IOException {
		String token = Files.readString(tmp.resolve("data/admin.token")).strip();
		for (String path : List.of("/actuator", "/actuator/metrics", "/actuator/metrics/http.server.requests",
				"/actuator/info", "/actuator/prometheus", "/actuator/env", "/actuator/%6detrics")) {
			Response anonymous = RawHttp.send(this.port, "GET", path, Map.of(), null);
			assertThat(anonymous.status()).as(path).isEqualTo(401);
			assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
		}
		Response metrics = RawHttp.send(this.port, "GET", "/actuator/metrics", Map.of("Authorization", "Bearer " + token), null);
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("http.server.requests");
		for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/livez",
				"/readyz")) {
			Response r = RawHttp.send(this.port, "GET", probe, Map.of(), null);
			assertThat(r.status()).as(probe).isEqualTo(200);
			assertThat(r.body()).contains("UP").doesNotContain("components").doesNotContain("details");
		}
	}

	@Test
	void behindATrustedTlsProxy_theSessionCookieIsSecure_andHstsIsSent() throws IOException {
		Map<String, String> viaProxy = Map.of("Accept", "text/html", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.7");
		Response tls = RawHttp.send(this.port, "GET", "/admin/login", viaProxy, null);
		assertThat(tls.status()).isEqualTo(200);
		assertThat(sessionCookie(tls)).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
		assertThat(tls.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");

		Response plain = RawHttp.send(this.port, "GET", "/admin/login", Map.of("Accept", "text/html"), null);
		assertThat(sessionCookie(plain)).doesNotContain("Secure");
		assertThat(plain.header("Strict-Transport-Security")).isNull();

		// the sandbox's visitor cookie follows the same rule
		Response filed = RawHttp.send(this.port, "POST", "/sandbox/api/requests",
				Map.of("Content-Type", "application/json", "X-Forwarded-Proto", "https"),
				"{\"summary\":\"Printer jam\",\"email\":\"kim@customer.example\"}");
		assertThat(filed.status()).isEqualTo(201);
		assertThat(filed.all("Set-Cookie")).singleElement().asString().contains("deskpilot_sandbox_visitor=").contains("Secure")
			.contains("HttpOnly").contains("SameSite=Strict");
	}

	@Test
	void everyHtmlPage_carriesAContentSecurityPolicy() throws IOException {
		for (String page : List.of("/sandbox/", "/sandbox/index.html", "/admin/login",
				"/oauth/callback?error=access_denied", "/no/such/page")) {
			Response r = RawHttp.send(this.port, "GET", page, Map.of("Accept", "text/html"), null);
			assertThat(r.header("Content-Security-Policy")).as(page + ": " + r).isEqualTo(WebSecurity.CSP);
			assertThat(r.header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
			assertThat(r.header("X-Frame-Options")).as(page).isEqualTo("DENY");
		}
	}

	@Test
	void theDataDirectory_theDatabase_andTheGeneratedSecrets_areOwnerOnly() throws IOException {
		Path data = tmp.resolve("data");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("db")))).isEqualTo("rwx------");
		try (Stream<Path> db = Files.list(data.resolve("db"))) {
			List<Path> files = db.filter(Files::isRegularFile).toList();
			assertThat(files).as("the H2 database file").anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
			for (Path f : files) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
			}
		}
		for (String secret : List.of("admin.token", "admin.password", "secret.key")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret)))).as(secret)
				.isEqualTo("rw-------");
		}
		try (Stream<Path> left = Files.list(data)) {
			assertThat(left.map(p -> p.getFileName().toString())).as("no temporary files left").noneMatch(n -> n.endsWith(".tmp"));
		}
	}

	// ---------------------------------------------------------------- helpers

	/** "METHOD pattern" of every handler mapping, static files and WebJar files expanded. */
	private Set<String> endpoints() throws IOException {
		Set<String> out = new TreeSet<>();
		for (HandlerMapping mapping : this.context.getBeansOfType(HandlerMapping.class).values()) {
			if (mapping instanceof AbstractHandlerMethodMapping<?> methods) {
				for (Object key : methods.getHandlerMethods().keySet()) {
					if (key instanceof RequestMappingInfo info) {
						Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
						for (String pattern : info.getPatternValues()) {
							for (RequestMethod verb : verbs.isEmpty() ? Set.of(RequestMethod.GET) : verbs) {
								out.add(verb.name() + " " + pattern);
							}
						}
					}
				}
			}
			else if (mapping instanceof AbstractUrlHandlerMapping urls) {
				for (String pattern : urls.getHandlerMap().keySet()) {
					if (pattern.equals("/**")) {
						out.add("GET /some/unmapped/path");
						for (String location : List.of("static", "public", "resources", "META-INF/resources")) {
							files("classpath*:" + location + "/**", location + "/").forEach(f -> out.add("GET " + f));
						}
					}
					else if (pattern.equals("/webjars/**")) {
						files("classpath*:META-INF/resources/webjars/**", "META-INF/resources/").forEach(f -> out.add("GET " + f));
					}
					else {
						out.add("GET " + pattern);
					}
				}
			}
		}
		return out;
	}

	private static Set<String> files(String locationPattern, String root) throws IOException {
		Set<String> out = new LinkedHashSet<>();
		for (Resource r : new PathMatchingResourcePatternResolver().getResources(locationPattern)) {
			String url = r.getURL().toString();
			int at = url.lastIndexOf(root);
			if (r.isReadable() && !url.endsWith("/") && at >= 0) {
				String path = url.substring(at + root.length() - 1);
				if (!path.startsWith("/webjars/") || !root.equals("static/")) {
					out.add(path);
				}
			}
		}
		return out;
	}

	/** A path for a pattern, with real ids where a variable stands (a refusal must not depend on a 404). */
	private static String concrete(String pattern) {
		Matcher m = Pattern.compile("\\{\\*?([^}]+)}").matcher(pattern);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = switch (m.group(1)) {
				case "id", "installationId", "installation" -> "sandbox";
				case "key" -> "SBX-1";
				case "platform" -> "jira";
				case "agentId" -> "alice";
				default -> "x";
			};
			m.appendReplacement(out, value);
		}
		m.appendTail(out);
		return out.toString().replace("/**", "/x").replace("/*", "/x");
	}

	/** The path as an attacker would disguise it. */
	static List<String> variants(String path) {
		List<String> out = new ArrayList<>();
		String[] segments = path.substring(1).split("/", -1);
		String first = segments[0];
		String rest = path.substring(1 + first.length());
		if (!first.isEmpty() && Character.isLetter(first.charAt(0))) {
			out.add("/" + encode(first.charAt(0)) + first.substring(1) + rest);
			out.add("/" + first.substring(0, first.length() - 1) + encode(first.charAt(first.length() - 1)) + rest);
			out.add("/" + first.toUpperCase(Locale.ROOT) + rest);
		}
		String last = segments[segments.length - 1];
		if (segments.length > 1 && !last.isEmpty() && Character.isLetter(last.charAt(0))) {
			out.add(path.substring(0, path.length() - last.length()) + encode(last.charAt(0)) + last.substring(1));
		}
		out.add("/" + path);
		if (segments.length > 1) {
			out.add("/" + first + "/" + rest);
		}
		out.add("/." + path);
		out.add("/sandbox/.." + path);
		out.add("/sandbox/%2e%2e" + path);
		out.add("/" + first + ";x=1" + rest);
		out.add(path + ";jsessionid=0123456789ABCDEF");
		if (!path.endsWith("/")) {
			out.add(path + "/");
		}
		return out;
	}

	private static String encode(char c) {
		return "%" + Integer.toHexString(c);
	}

	private Response call(String method, String path) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept", "application/json"));
		String body = null;
		if (List.of("POST", "PUT", "PATCH").contains(method)) {
			headers.put("Content-Type", "application/json");
			body = "{}";
		}
		return RawHttp.send(this.port, method, path, headers, body);
	}

	/**
	 * Refused by the security layer: 401 with a challenge, 403, the sign-in page, or the firewall's (or the
	 * container's) 400 for a path it will not route.
	 */
	static boolean refused(Response r) {
		return (r.status() == 401 && r.header("WWW-Authenticate") != null) || r.status() == 403
				|| (r.status() == 302 && r.header("Location") != null && r.header("Location").endsWith("/admin/login"))
				|| (r.status() == 400 && (r.body().contains("request rejected") || r.body().contains("HTTP Status 400")));
	}

	private static String sessionCookie(Response r) {
		return r.all("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie: " + r));
	}

}

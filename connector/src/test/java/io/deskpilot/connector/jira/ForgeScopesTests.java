package io.deskpilot.connector.jira;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static io.deskpilot.connector.testing.YamlTree.list;
import static io.deskpilot.connector.testing.YamlTree.map;

/**
 * The Forge app's scopes against the calls the Jira client makes, both ways: every endpoint of {@link JsmApi} and
 * {@link JiraPlatformApi} (as a Cloud/Forge installation calls it) is found in Atlassian's OpenAPI files and one of
 * its OAuth 2.0 scope requirements is met by manifests/forge/manifest.yml; and every Jira scope the manifest asks for
 * is needed by some call (least privilege). Skipped with the reason when the OpenAPI files are absent, unless
 * {@code DESKPILOT_OPENAPI_REQUIRED=true}.
 */
class ForgeScopesTests {

	static final Path MANIFEST = Path.of("..", "manifests", "forge", "manifest.yml");

	/** Forge platform scopes, not Jira's: the remote needs it to receive the app system token. */
	static final Set<String> PLATFORM_SCOPES = Set.of("read:app-system-token");

	@Test
	void everyCallIsCoveredByADeclaredScope_andEveryDeclaredScopeIsUsed() throws IOException {
		Path dir = OpenApiContract.directory();
		Path platformSpec = dir.resolve("jira-cloud-platform-v3.swagger-v3.v3.json");
		Path jsmSpec = dir.resolve(OpenApiContract.JSM_SPEC);
		if (!Files.isRegularFile(platformSpec) || !Files.isRegularFile(jsmSpec)) {
			if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_OPENAPI_REQUIRED"))) {
				throw new IllegalStateException("Atlassian's OpenAPI files are missing from " + dir.toAbsolutePath());
			}
			Assumptions.abort("Atlassian's OpenAPI files are not in " + dir.toAbsolutePath() + " (set DESKPILOT_OPENAPI_DIR)");
		}
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> specs = List.of(json.readTree(platformSpec.toFile()), json.readTree(jsmSpec.toFile()));
		Set<String> declared = declaredScopes();

		Map<String, List<String>> used = new TreeMap<>();
		List<String> uncovered = new ArrayList<>();
		List<Call> calls = calls();
		assertThat(calls).as("the client's endpoints").hasSizeGreaterThan(10);
		for (Call call : calls) {
			JsonNode operation = operation(specs, call);
			assertThat(operation).as(call + " is an endpoint in Atlassian's OpenAPI files").isNotNull();
			List<List<String>> alternatives = new ArrayList<>();
			for (JsonNode requirement : operation.path("security")) {
				if (requirement.has("OAuth2")) {
					alternatives.add(requirement.path("OAuth2").valueStream().map(JsonNode::asString).toList());
				}
			}
			assertThat(alternatives).as(call + " names its OAuth 2.0 scopes").isNotEmpty();
			List<String> met = alternatives.stream().filter(declared::containsAll).findFirst().orElse(null);
			if (met == null) {
				uncovered.add(call + " needs one of " + alternatives);
			}
			else {
				met.forEach(scope -> used.computeIfAbsent(scope, s -> new ArrayList<>()).add(call.toString()));
			}
		}
		assertThat(uncovered).as("calls the manifest's scopes do not cover").isEmpty();
		Set<String> unused = new TreeSet<>(declared);
		unused.removeAll(used.keySet());
		unused.removeAll(PLATFORM_SCOPES);
		assertThat(unused).as("scopes the manifest asks for but no call needs (least privilege)").isEmpty();
	}

	@Test
	void manifestRoutesPointAtTheServicesAppEndpoints_andKeysFitForgesLimits() throws IOException {
		Map<String, Object> manifest = manifest();
		Map<String, Object> modules = map(manifest.get("modules"));
		List<Map<String, Object>> endpoints = list(modules.get("endpoint"));
		assertThat(endpoints).extracting(e -> map(e.get("route")).get("path"))
			.containsExactlyInAnyOrder("/apps/jira/events", "/apps/jira/admin");
		assertThat(endpoints).allSatisfy(e -> assertThat(map(map(e.get("auth")).get("appSystemToken")).get("enabled")).isEqualTo(true));
		List<String> remotes = list(manifest.get("remotes")).stream().map(r -> (String) r.get("key")).toList();
		assertThat(endpoints).allSatisfy(e -> assertThat(remotes).contains((String) e.get("remote")));
		List<String> events = list(modules.get("trigger")).stream().flatMap(t -> ((List<?>) t.get("events")).stream())
			.map(String::valueOf).toList();
		assertThat(events).contains("avi:jira:created:issue", "avi:jira:commented:issue", "avi:jira:updated:issue");
		assertThat(list(modules.get("jira:adminPage"))).singleElement()
			.satisfies(page -> assertThat(map(page.get("resolver")).get("endpoint")).isEqualTo("deskpilot-admin"));
		// Forge limits remote and endpoint keys to 23 characters of [a-zA-Z0-9_-]
		List<String> keys = new ArrayList<>(remotes);
		endpoints.forEach(e -> keys.add((String) e.get("key")));
		assertThat(keys).allMatch(k -> k.matches("[a-zA-Z0-9_-]{1,23}"));
	}

	// --- the client's calls, read from its @HttpExchange interfaces

	record Call(String method, String path) {

		@Override
		public String toString() {
			return this.method.toUpperCase(Locale.ROOT) + " " + this.path;
		}

	}

	static List<Call> calls() {
		List<Call> calls = new ArrayList<>();
		for (Class<?> api : List.of(JsmApi.class, JiraPlatformApi.class)) {
			String base = api.getAnnotation(HttpExchange.class).url();
			for (Method m : api.getDeclaredMethods()) {
				String[] exchange = exchange(m);
				if (exchange == null) {
					continue;
				}
				String path = (base + exchange[1]).replace("{v}", "3");
				if (path.startsWith("/rest/api/2/")) {
					continue; // Data Center only: never called through Forge
				}
				calls.add(new Call(exchange[0], path));
			}
		}
		return calls;
	}

	private static String[] exchange(Method m) {
		if (m.getAnnotation(GetExchange.class) instanceof GetExchange g) {
			return new String[] { "get", g.value().isEmpty() ? g.url() : g.value() };
		}
		if (m.getAnnotation(PostExchange.class) instanceof PostExchange p) {
			return new String[] { "post", p.value().isEmpty() ? p.url() : p.value() };
		}
		if (m.getAnnotation(PutExchange.class) instanceof PutExchange p) {
			return new String[] { "put", p.value().isEmpty() ? p.url() : p.value() };
		}
		if (m.getAnnotation(DeleteExchange.class) instanceof DeleteExchange d) {
			return new String[] { "delete", d.value().isEmpty() ? d.url() : d.value() };
		}
		return null;
	}

	private static JsonNode operation(List<JsonNode> specs, Call call) {
		String wanted = call.path().replaceAll("\\{[^}]+}", "{}");
		for (JsonNode spec : specs) {
			for (var path : spec.path("paths").properties()) {
				if (path.getKey().replaceAll("\\{[^}]+}", "{}").equals(wanted) && path.getValue().has(call.method())) {
					return path.getValue().path(call.method());
				}
			}
		}
		return null;
	}

	private static Set<String> declaredScopes() throws IOException {
		return new TreeSet<>(((List<?>) map(manifest().get("permissions")).get("scopes")).stream().map(String::valueOf).toList());
	}

	private static Map<String, Object> manifest() throws IOException {
		return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(MANIFEST)));
	}

}

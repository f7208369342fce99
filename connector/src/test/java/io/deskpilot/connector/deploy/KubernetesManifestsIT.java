package io.deskpilot.connector.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.deskpilot.connector.DeskpilotApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static io.deskpilot.connector.testing.YamlTree.list;
import static io.deskpilot.connector.testing.YamlTree.map;

/**
 * The Kubernetes manifests, rendered by {@code kubectl kustomize} exactly as an admin applies them, checked against
 * the app: the service starts with the ConfigMap's settings and answers the probes' paths on the container port;
 * selectors, named ports and scale targets line up; nothing secret is inline; pods run as the image's non-root user
 * with a read-only root file system; each overlay keeps its promise (one pod on a volume, or two or more on PostgreSQL).
 * Without kubectl the test is skipped with the reason, unless {@code DESKPILOT_KUBECTL_REQUIRED=true} (as in CI).
 */
class KubernetesManifestsIT {

	static final Path K8S = Path.of("..", "manifests", "k8s");

	/** The user the container image runs as (connector/pom.xml, jib container.user). */
	static final int IMAGE_USER = 65532;

	private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|key|credential).*");

	@TempDir
	static Path dataDir;

	static Map<String, List<Map<String, Object>>> overlays = new HashMap<>();

	@BeforeAll
	static void render() throws Exception {
		boolean required = "true".equalsIgnoreCase(System.getenv("DESKPILOT_KUBECTL_REQUIRED"));
		if (!kubectlAvailable()) {
			if (required) {
				throw new IllegalStateException("DESKPILOT_KUBECTL_REQUIRED is set but kubectl is not on the PATH");
			}
			Assumptions.abort("kubectl is not installed: the manifests cannot be rendered (set DESKPILOT_KUBECTL_REQUIRED=true to fail instead)");
		}
		for (String overlay : List.of("single-node", "postgres")) {
			overlays.put(overlay, kustomize(K8S.resolve("overlays").resolve(overlay)));
		}
	}

	@Test
	void theAppStartsWithTheConfigMap_andAnswersEveryProbeOnTheContainerPort() {
		for (var entry : overlays.entrySet()) {
			Map<String, Object> container = container(entry.getValue());
			List<Map<String, Object>> ports = list(container.get("ports"));
			assertThat(ports).hasSize(1);
			int containerPort = ((Number) ports.get(0).get("containerPort")).intValue();
			Map<String, String> config = configMap(entry.getValue());
			assertThat(config.get("SERVER_PORT")).as(entry.getKey()).isEqualTo(String.valueOf(containerPort));
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
				assertThat(get.get("port")).as(entry.getKey() + " " + probe).isEqualTo(ports.get(0).get("name"));
			}
		}
		// Start the app with the single-node ConfigMap as its environment (port and data directory made local).
		List<Map<String, Object>> rendered = overlays.get("single-node");
		Map<String, Object> env = new HashMap<>(configMap(rendered));
		env.put("SERVER_PORT", "0");
		env.put("DESKPILOT_DATA_DIR", dataDir.toString());
		env.put("DESKPILOT_ADMIN_TOKEN", "k8s-test-admin");
		// the ConfigMap becomes the process environment, read exactly as in the pod (Boot maps environment variables
		// onto map keys such as health groups only for the system environment source)
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> processEnv = new HashMap<>(environment.getSystemEnvironment());
		processEnv.putAll(env);
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, processEnv));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DeskpilotApplication.class)
			.environment(environment)
			.run()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			RestClient http = RestClient.create("http://127.0.0.1:" + port);
			Map<String, Object> container = container(rendered);
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				String path = (String) map(map(container.get(probe)).get("httpGet")).get("path");
				var response = http.get().uri(path).retrieve().toEntity(String.class);
				assertThat(response.getStatusCode().value()).as(probe + " " + path).isEqualTo(200);
				assertThat(response.getBody()).contains("\"UP\"");
			}
			// readiness includes the database, as the ConfigMap asks: the group the probe path serves has it as a member
			var readiness = app.getBean(org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups.class).get("readiness");
			assertThat(readiness).isNotNull();
			assertThat(readiness.isMember("db")).isTrue();
			assertThat(readiness.isMember("readinessState")).isTrue();
		}
	}

	@Test
	void selectorsPortsAndTargetsLineUp() {
		for (var entry : overlays.entrySet()) {
			List<Map<String, Object>> docs = entry.getValue();
			Map<String, Object> deployment = one(docs, "Deployment");
			Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
			Map<String, Object> selector = map(map(map(deployment.get("spec")).get("selector")).get("matchLabels"));
			assertThat(podLabels).as(entry.getKey()).containsAllEntriesOf(selector);

			Map<String, Object> service = one(docs, "Service");
			assertThat(podLabels).containsAllEntriesOf(map(map(service.get("spec")).get("selector")));
			String portName = (String) list(container(docs).get("ports")).get(0).get("name");
			assertThat(list(map(service.get("spec")).get("ports"))).allSatisfy(p -> assertThat(p.get("targetPort")).isEqualTo(portName));

			Map<String, Object> pdb = one(docs, "PodDisruptionBudget");
			assertThat(podLabels).containsAllEntriesOf(map(map(map(pdb.get("spec")).get("selector")).get("matchLabels")));

			Map<String, Object> policy = one(docs, "NetworkPolicy");
			assertThat(podLabels).containsAllEntriesOf(map(map(map(policy.get("spec")).get("podSelector")).get("matchLabels")));
			List<Map<String, Object>> ingress = list(map(policy.get("spec")).get("ingress"));
			assertThat(ingress).flatExtracting(rule -> list(rule.get("ports"))).extracting(p -> p.get("port")).containsOnly(portName);

			for (Map<String, Object> hpa : all(docs, "HorizontalPodAutoscaler")) {
				Map<String, Object> target = map(map(hpa.get("spec")).get("scaleTargetRef"));
				assertThat(target.get("kind")).isEqualTo("Deployment");
				assertThat(target.get("name")).isEqualTo(map(deployment.get("metadata")).get("name"));
			}
			// every volume mounted is declared, and the claim exists where one is used
			Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
			List<String> volumes = list(podSpec.get("volumes")).stream().map(v -> (String) v.get("name")).toList();
			assertThat(list(container(docs).get("volumeMounts"))).extracting(m -> m.get("name")).allMatch(volumes::contains);
			for (Map<String, Object> volume : list(podSpec.get("volumes"))) {
				if (volume.get("persistentVolumeClaim") != null) {
					String claim = (String) map(volume.get("persistentVolumeClaim")).get("claimName");
					assertThat(all(docs, "PersistentVolumeClaim")).extracting(c -> map(c.get("metadata")).get("name")).contains(claim);
				}
			}
		}
	}

	@Test
	void noSecretIsInline_andPodsRunAsTheImagesNonRootUser() throws IOException {
		for (var entry : overlays.entrySet()) {
			List<Map<String, Object>> docs = entry.getValue();
			assertThat(all(docs, "Secret")).as(entry.getKey() + " renders no Secret: admins create their own").isEmpty();
			Map<String, String> config = configMap(docs);
			assertThat(config.keySet()).as("ConfigMap keys").noneMatch(k -> SECRET_NAME.matcher(k).matches());
			Map<String, Object> container = container(docs);
			for (Map<String, Object> var : list(container.get("env"))) {
				if (SECRET_NAME.matcher((String) var.get("name")).matches()) {
					assertThat(var.get("value")).as("env " + var.get("name") + " must come from a Secret").isNull();
				}
			}
			assertThat(list(container.get("envFrom"))).anySatisfy(from -> assertThat(from.get("secretRef")).isNotNull());

			Map<String, Object> deployment = one(docs, "Deployment");
			Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
			Map<String, Object> podSecurity = map(podSpec.get("securityContext"));
			assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
			assertThat(podSecurity.get("runAsUser")).isEqualTo(IMAGE_USER);
			Map<String, Object> security = map(container.get("securityContext"));
			assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
			assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
			assertThat(list(container.get("volumeMounts"))).extracting(m -> m.get("mountPath")).contains("/tmp", config.get("DESKPILOT_DATA_DIR"));
			Map<String, Object> resources = map(container.get("resources"));
			assertThat(map(resources.get("limits"))).containsKey("memory");
			assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
		}
		// The example Secret is only an example: placeholders, and not in any kustomization.
		String example = Files.readString(K8S.resolve("base/secret.example.yaml"));
		Map<String, Object> secret = new Yaml(new SafeConstructor(new LoaderOptions())).load(example);
		assertThat(map(secret.get("stringData")).values()).allMatch(v -> ((String) v).startsWith("REPLACE_WITH_"));
	}

	@Test
	void singleNode_isOnePodOnAVolume_postgres_isTwoOrMoreSharingTheDatabase() {
		List<Map<String, Object>> single = overlays.get("single-node");
		Map<String, Object> deployment = one(single, "Deployment");
		assertThat(map(deployment.get("spec")).get("replicas")).isEqualTo(1);
		assertThat(map(map(deployment.get("spec")).get("strategy")).get("type")).isEqualTo("Recreate");
		assertThat(all(single, "HorizontalPodAutoscaler")).as("H2 belongs to one process: no autoscaling").isEmpty();
		assertThat(all(single, "PersistentVolumeClaim")).hasSize(1);
		assertThat(configMap(single)).doesNotContainKey("SPRING_DATASOURCE_URL");

		List<Map<String, Object>> pg = overlays.get("postgres");
		Map<String, Object> hpa = one(pg, "HorizontalPodAutoscaler");
		assertThat(((Number) map(hpa.get("spec")).get("minReplicas")).intValue()).isGreaterThanOrEqualTo(2);
		assertThat(((Number) map(one(pg, "Deployment").get("spec")).get("replicas")).intValue()).isGreaterThanOrEqualTo(2);
		assertThat(configMap(pg).get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://");
		assertThat(map(one(pg, "PodDisruptionBudget").get("spec")).get("minAvailable")).isEqualTo(1);
		List<Map<String, Object>> egress = list(map(one(pg, "NetworkPolicy").get("spec")).get("egress"));
		assertThat(egress).flatExtracting(rule -> list(rule.get("ports"))).extracting(p -> p.get("port")).contains(5432, 443, 53);
	}

	// --- rendering and navigation

	private static boolean kubectlAvailable() {
		try {
			Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private static List<Map<String, Object>> kustomize(Path overlay) throws IOException, InterruptedException {
		Process p = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as("kubectl kustomize " + overlay + ": " + err).isZero();
		List<Map<String, Object>> docs = new ArrayList<>();
		for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(out)) {
			if (doc != null) {
				docs.add(map(doc));
			}
		}
		return docs;
	}

	private static List<Map<String, Object>> all(List<Map<String, Object>> docs, String kind) {
		return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
	}

	private static Map<String, Object> one(List<Map<String, Object>> docs, String kind) {
		List<Map<String, Object>> found = all(docs, kind);
		assertThat(found).as(kind).hasSize(1);
		return found.get(0);
	}

	private static Map<String, Object> container(List<Map<String, Object>> docs) {
		Map<String, Object> podSpec = map(map(map(one(docs, "Deployment").get("spec")).get("template")).get("spec"));
		List<Map<String, Object>> containers = list(podSpec.get("containers"));
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> configMap(List<Map<String, Object>> docs) {
		return (Map<String, String>) one(docs, "ConfigMap").get("data");
	}

}

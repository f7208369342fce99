package io.deskpilot.connector.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image Jib writes to {@code target/deskpilot-image.tar} (no Docker daemon): its configuration (non-root
 * user, JVM sized for containers, port, data volume), its file system (no set-uid files, no symlinks, the user exists),
 * and a real start: the layers unpacked into a directory and the entrypoint run there under {@code chroot} as the
 * image's user, with {@code /proc} and {@code /dev} provided as a container runtime would, until the readiness probe
 * answers UP. The start needs root (CI is); the checks of the image's files do not. Without the tarball (not a Linux
 * build, or {@code -Dimage.skip=true}) the test is skipped with the reason, unless {@code DESKPILOT_IMAGE_REQUIRED=true}.
 */
class ContainerImageIT {

	static final Path TARBALL = Path.of("target", "deskpilot-image.tar");

	static final Path WORK = Path.of("target", "image-it");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static Path rootfs;

	static JsonNode config;

	static final List<Path> mounts = new ArrayList<>();

	@BeforeAll
	static void unpack() throws Exception {
		if (!Files.isRegularFile(TARBALL)) {
			if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_IMAGE_REQUIRED"))) {
				throw new IllegalStateException("DESKPILOT_IMAGE_REQUIRED is set but " + TARBALL.toAbsolutePath() + " was not built");
			}
			Assumptions.abort(TARBALL + " was not built (the image profile builds it on Linux unless -Dimage.skip=true)");
		}
		deleteSafely(WORK);
		Path image = WORK.resolve("image");
		rootfs = WORK.resolve("rootfs");
		Files.createDirectories(image);
		Files.createDirectories(rootfs);
		run("tar", "-xf", TARBALL.toString(), "-C", image.toString());
		JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
		config = JSON.readTree(image.resolve(manifest.path("Config").asString()).toFile()).path("config");
		for (JsonNode layer : manifest.path("Layers")) {
			run("tar", "-xzf", image.resolve(layer.asString()).toString(), "-C", rootfs.toString());
		}
	}

	@AfterAll
	static void cleanUp() throws Exception {
		deleteSafely(WORK);
	}

	@Test
	void runsAsNonRoot_withAJvmSizedForContainers() {
		assertThat(config.path("User").asString()).isEqualTo("65532:65532");
		List<String> entrypoint = config.path("Entrypoint").valueStream().map(JsonNode::asString).toList();
		assertThat(entrypoint).first().isEqualTo("java");
		assertThat(entrypoint).contains("-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError")
			.endsWith("io.deskpilot.connector.DeskpilotApplication");
		assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
		assertThat(config.path("Volumes").has("/var/lib/deskpilot")).isTrue();
		assertThat(env()).containsEntry("DESKPILOT_DATA_DIR", "/var/lib/deskpilot").containsEntry("JAVA_HOME", "/opt/java");
	}

	@Test
	void fileSystem_hasTheUser_theRuntime_andNothingRisky() throws IOException {
		assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("nonroot:x:65532:65532:");
		assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
		assertThat(rootfs.resolve("lib64/ld-linux-x86-64.so.2")).isRegularFile();
		assertThat(Files.readString(rootfs.resolve("usr/share/deskpilot/java-version.txt"))).containsPattern("version \"(2[1-9]|[3-9]\\d)");
		try (Stream<Path> files = Files.walk(rootfs)) {
			List<Path> risky = files.filter(p -> Files.isSymbolicLink(p) || setUid(p)).toList();
			assertThat(risky).as("symlinks or set-uid files").isEmpty();
		}
		Set<PosixFilePermission> data = Files.getPosixFilePermissions(rootfs.resolve("var/lib/deskpilot"));
		assertThat(data).contains(PosixFilePermission.OTHERS_WRITE);
		assertThat(rootfs.resolve("app/jib-classpath-file")).isRegularFile();
	}

	@Test
	void starts_asItsUser_andTheReadinessProbeAnswersUp() throws Exception {
		Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
				"starting the image under chroot needs root (the image's files were checked)");
		// what a container runtime provides: /proc and the basic devices
		Path proc = rootfs.resolve("proc");
		Files.createDirectories(proc);
		run("mount", "-t", "proc", "proc", proc.toString());
		mounts.add(proc);
		Path dev = rootfs.resolve("dev");
		Files.createDirectories(dev);
		for (String[] node : new String[][] { { "null", "1", "3" }, { "zero", "1", "5" }, { "random", "1", "8" },
				{ "urandom", "1", "9" } }) {
			run("mknod", "-m", "666", dev.resolve(node[0]).toString(), "c", node[1], node[2]);
		}
		Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost\n");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of("chroot", "--userspec=65532:65532", rootfs.toString()));
		command.addAll(config.path("Entrypoint").valueStream().map(JsonNode::asString).toList());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(WORK.resolve("service.log").toFile());
		builder.environment().clear();
		builder.environment().putAll(env());
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().put("DESKPILOT_ADMIN_TOKEN", "image-test-admin");
		Process service = builder.start();
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			Instant deadline = Instant.now().plusSeconds(180);
			String body = null;
			while (Instant.now().isBefore(deadline) && service.isAlive()) {
				try {
					HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
							+ "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						body = response.body();
						break;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(500);
			}
			assertThat(body).as("readiness of the image's service; log in " + WORK.resolve("service.log").toAbsolutePath()
					+ ":\n" + tail(WORK.resolve("service.log"))).isNotNull().contains("\"UP\"");
			String uid = Files.readAllLines(Path.of("/proc", String.valueOf(service.toHandle().descendants()
				.findFirst().map(ProcessHandle::pid).orElse(service.pid())), "status"))
				.stream().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
			assertThat(uid.split("\\s+")[1]).as("the service's user id").isEqualTo("65532");
		}
		finally {
			service.destroy();
			if (!service.waitFor(30, TimeUnit.SECONDS)) {
				service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private static Map<String, String> env() {
		Map<String, String> out = new java.util.LinkedHashMap<>();
		for (JsonNode e : config.path("Env")) {
			String s = e.asString();
			int eq = s.indexOf('=');
			out.put(s.substring(0, eq), s.substring(eq + 1));
		}
		return out;
	}

	private static boolean setUid(Path p) {
		try {
			Object mode = Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
			return (((Integer) mode) & 06000) != 0;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
	}

	/** Unmounts what the test mounted, and deletes the work directory only when nothing is mounted under it. */
	private static void deleteSafely(Path dir) throws IOException, InterruptedException {
		for (Path mount : mounts) {
			new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
		}
		mounts.clear();
		if (!Files.exists(dir)) {
			return;
		}
		String absolute = dir.toAbsolutePath().normalize().toString();
		boolean mounted = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
			.map(l -> l.split(" ")[1])
			.anyMatch(m -> m.startsWith(absolute));
		if (mounted) {
			throw new IllegalStateException("something is still mounted under " + absolute + ": not deleting it");
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}

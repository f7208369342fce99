package io.deskpilot.connector.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bodies without an end, sent by nobody with credentials, do not take the service down: the packaged jar runs in its
 * own JVM with its default configuration, a small heap and the container image's {@code -XX:+ExitOnOutOfMemoryError},
 * and 20 connections at once stream chunked bodies of up to 400 MB each at the webhooks (an unknown installation as
 * in the pentest, and the real sandbox installation), the admin API, the sandbox's customer API and the console's
 * sign-in form. Each is cut off after its limit (or before reading, when the caller is refused first), and the
 * service still answers, health and a customer's request alike.
 */
class UnboundedBodiesIT {

	static final Path JAR = Path.of("target", "deskpilot.jar");

	static final long BODY = 400L << 20;

	/** Far below what any sender would push if the service read whole bodies; socket buffers and a swallowed tail fit. */
	static final long CUT_OFF_BY = 64L << 20;

	@TempDir
	static Path dataDir;

	static Process service;

	static int port;

	static final Path LOG = Path.of("target", "unbounded-bodies.log");

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run through 'mvn verify' (it is packaged first)");
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
				"-XX:+ExitOnOutOfMemoryError", "--add-modules", "jdk.incubator.vector", "-jar", JAR.toAbsolutePath().toString(),
				"--server.port=" + port, "--deskpilot.data-dir=" + dataDir);
		service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (!healthy() || !sandboxConnected()) {
			assertThat(service.isAlive()).as("the service exited with " + (service.isAlive() ? 0 : service.exitValue()) + "; see " + LOG)
				.isTrue();
			assertThat(Instant.now()).as("the service did not become ready; see " + LOG).isBefore(deadline);
			Thread.sleep(500);
		}
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (service != null) {
			service.destroy();
			if (!service.waitFor(20, TimeUnit.SECONDS)) {
				service.destroyForcibly();
			}
		}
	}

	@Test
	void parallelUnboundedBodies_areCutOff_andTheServiceStaysUp() throws Exception {
		record Target(String path, String contentType, String prefix, Set<Integer> statuses) {
		}
		List<Target> targets = List.of(
				new Target("/webhooks/anything", "application/json", "", Set.of(404)),
				new Target("/webhooks/sandbox", "application/json", "", Set.of(413)),
				new Target("/api/installations", "application/json", "{\"id\":\"", Set.of(401)),
				new Target("/sandbox/api/requests", "application/json", "{\"summary\":\"", Set.of(413)),
				new Target("/admin/login", "application/x-www-form-urlencoded", "username=admin&password=", Set.of(403, 413)));
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<Future<Sent>> sent = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				for (Target t : targets) {
					sent.add(pool.submit(() -> send(t.path(), t.contentType(), t.prefix())));
				}
			}
			for (int i = 0; i < sent.size(); i++) {
				Target t = targets.get(i % targets.size());
				Sent s = sent.get(i).get(3, TimeUnit.MINUTES);
				System.out.printf("UnboundedBodiesIT %-24s %,12d bytes sent, status %d, %s%n", t.path(), s.bytes(), s.status(), s.ended());
				assertThat(s.bytes()).as(t.path() + " took " + s.bytes() + " bytes before it was cut off: " + s).isLessThan(CUT_OFF_BY);
				if (s.status() > 0) {
					assertThat(s.status()).as(t.path() + ": " + s).isIn(t.statuses());
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(service.isAlive()).as("the service is still running; see " + LOG).isTrue();
		assertThat(healthy()).as("and healthy").isTrue();
		assertThat(Files.readString(LOG)).doesNotContain("OutOfMemoryError");

		HttpResponse<String> filed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/sandbox/api/requests"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"My VPN does not connect\",\"email\":\"sam.lee@customer.example\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
	}

	/** What one sender managed: bytes written before the service stopped taking them, and the status if it was read. */
	record Sent(long bytes, int status, String ended) {
	}

	/** Streams a chunked body of up to 400 MB; stops when the service closes the connection or answers. */
	private static Sent send(String path, String contentType, String prefix) throws IOException {
		byte[] chunk = new byte[64 << 10];
		Arrays.fill(chunk, (byte) 'a');
		long written = 0;
		String ended = "sent everything";
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
			try {
				byte[] first = prefix.getBytes(StandardCharsets.US_ASCII);
				if (first.length > 0) {
					chunk(out, first);
					written += first.length;
				}
				while (written < BODY && Instant.now().isBefore(deadline)) {
					chunk(out, chunk);
					written += chunk.length;
					if (in.available() > 0) {
						ended = "answered while sending";
						break;
					}
				}
			}
			catch (IOException ex) {
				ended = "connection closed: " + ex.getMessage();
			}
			return new Sent(written, status(in), ended);
		}
	}

	private static void chunk(OutputStream out, byte[] data) throws IOException {
		out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(data);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	/** The response's status, or -1 when the connection was reset before it could be read. */
	private static int status(InputStream in) {
		try {
			byte[] head = new byte[12];
			int n = in.readNBytes(head, 0, 12);
			String line = new String(head, 0, n, StandardCharsets.US_ASCII);
			return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	private static boolean healthy() {
		try {
			HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
				.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
			return r.statusCode() == 200 && r.body().contains("UP");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The sandbox installation exists once its history import has run (a webhook to it is then verified, not 404). */
	private static boolean sandboxConnected() throws IOException {
		return Files.readString(LOG).contains("Sandbox desk connected as installation");
	}

	private static String base() {
		return "http://127.0.0.1:" + port;
	}

}

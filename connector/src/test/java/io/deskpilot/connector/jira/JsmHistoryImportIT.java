package io.deskpilot.connector.jira;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.PlatformTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 resolved tickets on the simulated site import through the paged enhanced search, with progress (count, rate,
 * ETA from the approximate count) readable while it runs, and a second import resuming from the watermark.
 * BM25 only, so that the test measures the import path rather than the embedding model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.workflow.enabled=false",
				"deskpilot.jsm-simulator.enabled=true", "deskpilot.jsm-simulator.token=import-token",
				"deskpilot.intake.poll-interval=1h", "deskpilot.knowledge.dense=false" })
@Import(JsmSimulatorTestConfig.class)
class JsmHistoryImportIT {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	Installations installations;

	@Autowired
	HistoryImport history;

	@Test
	void tenThousandResolvedTickets_importWithProgress_andResume() throws InterruptedException {
		OpenApiContract openApi = OpenApiContract.require(JsmSimulatorTestConfig.BASE_PATH);
		String base = "http://127.0.0.1:" + this.port + JsmSimulatorTestConfig.BASE_PATH;
		Map<?, ?> seeded = RestClient.create(base).post().uri("/_sim/seed?resolved=10000").retrieve().body(Map.class);
		assertThat(seeded.get("seeded")).isEqualTo(10000);
		this.installations.create("jsm-import", PlatformTypes.JIRA, "JSM import",
				JsmSimulatorTestConfig.jiraSettings(this.port, "cloud", "import-token"));

		Instant start = Instant.now();
		List<ImportProgress> seen = new ArrayList<>();
		ImportProgress progress = this.history.start("jsm-import");
		while (progress.state() == ImportProgress.State.RUNNING) {
			seen.add(progress);
			Thread.sleep(100);
			progress = this.history.progress("jsm-import").orElseThrow();
			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMinutes(5));
		}
		Duration took = Duration.between(start, Instant.now());

		assertThat(progress.state()).as(String.valueOf(progress.error())).isEqualTo(ImportProgress.State.DONE);
		assertThat(progress.read()).isEqualTo(10000);
		assertThat(progress.total()).isEqualTo(10000);
		assertThat(progress.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10000);
		assertThat(seen).as("progress while running").anySatisfy(p -> {
			assertThat(p.read()).isBetween(1L, 9999L);
			assertThat(p.perSecond()).isPositive();
			assertThat(p.eta()).isNotNull();
		});
		System.out.printf("Imported 10,000 simulated tickets in %d ms (%.0f tickets/s)%n", took.toMillis(),
				10000 / (took.toMillis() / 1000.0));

		// the cursor now holds the newest resolution: a new import reads only the overlap, not the whole history
		ImportProgress again = this.history.runNow("jsm-import");
		assertThat(again.state()).isEqualTo(ImportProgress.State.DONE);
		assertThat(again.read()).isLessThan(100);
		assertThat(openApi.drainViolations()).isEmpty();
	}

}

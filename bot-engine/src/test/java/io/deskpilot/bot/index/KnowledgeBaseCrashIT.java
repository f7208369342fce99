package io.deskpilot.bot.index;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer process is killed with SIGKILL at random moments, several times over the same index. After each kill:
 * <ul>
 * <li>the index opens and {@link CheckIndex} finds no problem;</li>
 * <li>every ticket of the last commit is there, and nothing else;</li>
 * <li>the next writer resumes from the commit data.</li>
 * </ul>
 */
class KnowledgeBaseCrashIT {

	@TempDir
	Path dir;

	@Test
	void killDashNine_losesNothingCommitted_andCorruptsNothing() throws Exception {
		Random random = new Random(42);
		int lastSeen = 0;
		for (int round = 0; round < 4; round++) {
			Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), CrashingWriter.class.getName(), this.dir.toString())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
			int target = 2 + random.nextInt(4);
			int committed = 0;
			String line;
			while (committed < target && (line = out.readLine()) != null) {
				if (line.startsWith("committed ")) {
					committed++;
				}
			}
			assertThat(committed).as("writer made progress in round %d", round).isEqualTo(target);
			// kill at a random point of the next batch: mid-ingest, mid-refresh or mid-commit
			Thread.sleep(random.nextInt(120));
			writer.destroyForcibly();
			assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

			try (FSDirectory directory = FSDirectory.open(this.dir); CheckIndex check = new CheckIndex(directory)) {
				CheckIndex.Status status = check.checkIndex();
				assertThat(status.clean).as("index clean after kill in round %d", round).isTrue();
			}
			try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(this.dir))) {
				int batches = Integer.parseInt(kb.commitData().get("batches"));
				assertThat(batches).isGreaterThanOrEqualTo(lastSeen + target);
				assertThat(kb.size()).isEqualTo(batches * CrashingWriter.BATCH);
				assertThat(kb.get("T-" + (batches * CrashingWriter.BATCH - 1))).isPresent();
				assertThat(kb.get("T-" + (batches * CrashingWriter.BATCH))).isEmpty();
				lastSeen = batches;
			}
		}
	}

}

package io.deskpilot.bot.index;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;

/**
 * Run in a child JVM by {@link KnowledgeBaseCrashIT}: ingests batches of tickets forever, committing after each batch
 * with the number of batches in the commit data, until it is killed. Prints "committed N" after each commit.
 */
public final class CrashingWriter {

	static final int BATCH = 50;

	private CrashingWriter() {
	}

	public static void main(String[] args) {
		Path dir = Path.of(args[0]);
		try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBaseConfig.defaults(dir))) {
			int start = Integer.parseInt(kb.commitData().getOrDefault("batches", "0"));
			for (int batch = start + 1;; batch++) {
				List<HistoryTicket> tickets = new ArrayList<>();
				for (int i = 0; i < BATCH; i++) {
					int n = (batch - 1) * BATCH + i;
					tickets.add(HistoryTicket.of("T-" + n, Instant.ofEpochSecond(1_700_000_000L + n), Instant.ofEpochSecond(1_700_003_600L + n),
							"Fixed", "Problem number " + n + " with the VPN client on host-" + (n % 17),
							"Details of problem " + n + ". ".repeat(1 + n % 5) + "Error code E" + (n % 97),
							List.of(new HistoryComment("agent", AuthorRole.AGENT, true, Instant.ofEpochSecond(1_700_001_000L + n),
									"Restart the client and clear the cache, then sign in again (case " + n + ")."))));
				}
				kb.ingest(tickets);
				// uncommitted work in flight when the kill arrives
				kb.refresh();
				kb.commit(Map.of("batches", String.valueOf(batch)));
				System.out.println("committed " + batch);
				System.out.flush();
			}
		}
	}

}

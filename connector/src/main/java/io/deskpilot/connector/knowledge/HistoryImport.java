package io.deskpilot.connector.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.deskpilot.bot.ingest.IngestCounters;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.HistoryPage;
import io.deskpilot.connector.platform.HistoryReader;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import io.deskpilot.connector.installation.SyncCursors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Imports a desk's resolved history into its knowledge base, page by page, resumable from the stored cursor. Progress
 * (count, rate, ETA, outcomes) can be read while it runs. One import per installation at a time.
 */
@Service
public class HistoryImport implements DisposableBean {

	static final String STREAM = "history";

	private static final Logger log = LoggerFactory.getLogger(HistoryImport.class);

	private static final int MAX_TRANSIENT_RETRIES = 8;

	private final Installations installations;

	private final KnowledgeBases knowledge;

	private final SyncCursors cursors;

	private final KnowledgeProperties properties;

	private final Clock clock;

	private final Map<String, Run> runs = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	HistoryImport(Installations installations, KnowledgeBases knowledge, SyncCursors cursors,
			KnowledgeProperties properties, Clock clock) {
		this.installations = installations;
		this.knowledge = knowledge;
		this.cursors = cursors;
		this.properties = properties;
		this.clock = clock;
	}

	/** Starts an import in the background, or returns the one already running. */
	public ImportProgress start(String installationId) {
		this.installations.require(installationId);
		Run run = this.runs.compute(installationId, (id, existing) -> {
			if (existing != null && existing.state == ImportProgress.State.RUNNING) {
				return existing;
			}
			Run fresh = new Run(id, this.clock.instant());
			this.executor.execute(() -> execute(fresh));
			return fresh;
		});
		return run.progress(this.clock.instant());
	}

	/** Runs an import to the end in the caller's thread. */
	public ImportProgress runNow(String installationId) {
		this.installations.require(installationId);
		Run run = new Run(installationId, this.clock.instant());
		this.runs.put(installationId, run);
		execute(run);
		return run.progress(this.clock.instant());
	}

	/** The latest import's progress, if any ran since start-up. */
	public Optional<ImportProgress> progress(String installationId) {
		Run run = this.runs.get(installationId);
		return run == null ? Optional.empty() : Optional.of(run.progress(this.clock.instant()));
	}

	private void execute(Run run) {
		try {
			HistoryReader reader = this.installations.connection(run.installationId)
				.history()
				.orElseThrow(() -> new PlatformRejectedException("This platform cannot import history", 400));
			String cursor = this.cursors.get(run.installationId, STREAM).orElse(null);
			int retries = 0;
			while (true) {
				HistoryPage page;
				try {
					page = reader.resolved(cursor, this.properties.importPageSize());
					retries = 0;
				}
				catch (TransientPlatformException ex) {
					if (++retries > MAX_TRANSIENT_RETRIES) {
						throw ex;
					}
					Duration wait = ex.retryAfter() != null ? ex.retryAfter() : Duration.ofMillis(500L << Math.min(retries, 6));
					Thread.sleep(wait.toMillis());
					continue;
				}
				if (page.total() >= 0 && run.total < 0) {
					run.total = page.total();
				}
				List<HistoryTicket> tickets = page.tickets().stream().map(TicketMapping::toHistory).toList();
				IngestCounters outcomes = this.knowledge.ingest(run.installationId, tickets);
				run.add(tickets.size(), outcomes);
				if (page.cursor() != null) {
					cursor = page.cursor();
					this.cursors.put(run.installationId, STREAM, cursor);
				}
				if (page.last() || page.tickets().isEmpty()) {
					break;
				}
			}
			run.finish(ImportProgress.State.DONE, null, this.clock.instant());
			log.info("History import of {} done: {} tickets read", run.installationId, run.read);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			run.finish(ImportProgress.State.FAILED, "interrupted", this.clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("History import of {} failed: {}", run.installationId, ex.toString());
			run.finish(ImportProgress.State.FAILED, ex.getMessage(), this.clock.instant());
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private static final class Run {

		private final String installationId;

		private final Instant startedAt;

		private volatile ImportProgress.State state = ImportProgress.State.RUNNING;

		private volatile long read;

		private volatile long total = -1;

		private final Map<String, Long> outcomes = new TreeMap<>();

		private volatile @Nullable Instant finishedAt;

		private volatile @Nullable String error;

		Run(String installationId, Instant startedAt) {
			this.installationId = installationId;
			this.startedAt = startedAt;
		}

		synchronized void add(int count, IngestCounters counters) {
			this.read += count;
			counters.snapshot().forEach((k, v) -> this.outcomes.merge(k, v, Long::sum));
		}

		void finish(ImportProgress.State state, @Nullable String error, Instant at) {
			this.error = error;
			this.finishedAt = at;
			this.state = state;
		}

		synchronized ImportProgress progress(Instant now) {
			Instant end = this.finishedAt == null ? now : this.finishedAt;
			double seconds = Math.max(0.001, Duration.between(this.startedAt, end).toMillis() / 1000.0);
			double rate = this.read / seconds;
			Duration eta = null;
			if (this.state == ImportProgress.State.RUNNING && this.total > 0 && rate > 0) {
				eta = Duration.ofMillis((long) (Math.max(0, this.total - this.read) / rate * 1000));
			}
			return new ImportProgress(this.installationId, this.state, this.startedAt, this.finishedAt, this.read,
					this.total, rate, eta, Map.copyOf(this.outcomes), this.error);
		}

	}

}

package io.deskpilot.connector.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

import io.deskpilot.bot.KnowledgeBase;
import io.deskpilot.bot.KnowledgeBaseConfig;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.decide.PolicySettings;
import io.deskpilot.bot.embed.Embedder;
import io.deskpilot.bot.ingest.IngestCounters;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.system.DeskpilotProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * One knowledge base per installation, each with its own index under {@code <data-dir>/tenants/<id>/index}: the
 * desk's resolved history, and the requests people work on while they are open. The database is the source of
 * truth: every index follows the stored tickets by revision (its watermark is committed with the index), so each
 * replica keeps its own index and any index can be rebuilt.
 */
@Service
public class KnowledgeBases implements DisposableBean {

	static final String REVISION = "revision";

	private static final int CATCH_UP_BATCH = 64;

	private static final Logger log = LoggerFactory.getLogger(KnowledgeBases.class);

	private final TicketStore store;

	private final Installations installations;

	private final KnowledgeProperties properties;

	private final Path tenantsDir;

	private final Map<String, Tenant> open = new ConcurrentHashMap<>();

	private final @Nullable Embedder embedder;

	private final ExecutorService catchUps = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("deskpilot-kb-catch-up-", 0).factory());

	private final Set<String> catchUpsPending = ConcurrentHashMap.newKeySet();

	private final FeedbackOutcomes outcomes;

	KnowledgeBases(TicketStore store, Installations installations, KnowledgeProperties properties,
			DeskpilotProperties deskpilot, KnowledgeConfiguration.EmbedderHolder embedder, FeedbackOutcomes outcomes) {
		this.store = store;
		this.outcomes = outcomes;
		this.installations = installations;
		this.properties = properties;
		this.tenantsDir = deskpilot.dataDir().resolve("tenants");
		this.embedder = embedder.embedder();
	}

	/** Stores tickets (the source of truth) and brings this replica's index up to date. */
	public IngestCounters ingest(String installationId, List<HistoryTicket> tickets) {
		Tenant tenant = tenant(installationId);
		if (!tickets.isEmpty()) {
			this.store.upsert(installationId, tickets);
		}
		return tenant.catchUp(true);
	}

	/**
	 * Stores a request Deskpilot received as an open ticket (in the caller's transaction; {@link #catchUp} indexes
	 * it): later requests about the same problem find it while it is open, and it never answers them. Does nothing
	 * once a resolved version is stored, or when the request arrived resolved.
	 */
	public void storeOpen(String installationId, PlatformRequest request) {
		if (request.status().category() != StatusCategory.DONE) {
			this.store.upsertOpen(installationId, TicketMapping.toOpen(request));
		}
	}

	/**
	 * Records that a stored open request was resolved (in the caller's transaction; {@link #catchUp} indexes it): it
	 * stays findable, without an answer, until the history import brings its resolution and conversation.
	 */
	public void storeResolved(String installationId, String ticketKey, Instant resolved) {
		this.store.resolveOpen(installationId, ticketKey, resolved);
	}

	/**
	 * Makes the tickets stored since the last catch-up searchable in this replica's index; they become durable in
	 * the index with the next periodic catch-up (until then, a restart indexes them again from the database).
	 */
	public IngestCounters catchUp(String installationId) {
		return tenant(installationId).catchUp(false);
	}

	/**
	 * {@link #catchUp} in the background, soon: the caller (an inbox worker) does not wait for the model and the
	 * index, and requests stored meanwhile are indexed together. A failure is logged; the periodic catch-up retries.
	 */
	public void catchUpSoon(String installationId) {
		if (!this.catchUpsPending.add(installationId)) {
			return;
		}
		try {
			this.catchUps.execute(() -> {
				this.catchUpsPending.remove(installationId);
				try {
					catchUp(installationId);
				}
				catch (RuntimeException ex) {
					log.warn("Index catch-up of {} failed, the periodic one retries: {}", installationId, ex.toString());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.catchUpsPending.remove(installationId);
		}
	}

	/** Searches and decides on a new request. */
	public Decision decide(String installationId, RequestText request) {
		return tenant(installationId).kb.decide(request);
	}

	/**
	 * Searches and decides with an installation's own thresholds (its policy); a null threshold keeps the service's
	 * default ({@code deskpilot.knowledge.answer-threshold}, {@code suggest-threshold}).
	 */
	public Decision decide(String installationId, RequestText request, @Nullable Double answerThreshold,
			@Nullable Double suggestThreshold) {
		if (answerThreshold == null && suggestThreshold == null) {
			return decide(installationId, request);
		}
		double answer = answerThreshold != null ? answerThreshold : this.properties.answerThreshold();
		double suggest = Math.min(answer, suggestThreshold != null ? suggestThreshold : this.properties.suggestThreshold());
		return tenant(installationId).kb.decide(request, new PolicySettings(answer, suggest));
	}

	/**
	 * Replays the last {@code limit} resolved tickets without leakage (see {@link Backtest}) and returns the
	 * precision/coverage curve over answer thresholds.
	 */
	public Backtest.Result backtest(String installationId, int limit) {
		Tenant t = tenant(installationId);
		List<Backtest.Replay> replays = new ArrayList<>();
		int skipped = 0;
		for (String key : this.store.latestResolved(installationId, limit)) {
			KnowledgeEntry ticket = t.kb.get(key).orElse(null);
			if (ticket == null || !ticket.hasAnswer()) {
				skipped++;
				continue;
			}
			Decision d = t.kb.decide(new RequestText(key, ticket.created(), ticket.summary(), ticket.description()), Set.of(key));
			KnowledgeEntry chosen = d.chosen() == null ? null : d.chosen().entry();
			replays.add(Backtest.replay(ticket, d, chosen));
		}
		return Backtest.of(replays, skipped);
	}

	/** The service's default thresholds (answer, suggest). */
	public PolicySettings defaultThresholds() {
		return new PolicySettings(this.properties.answerThreshold(), this.properties.suggestThreshold());
	}

	/** The most similar tickets. */
	public List<Match> search(String installationId, RequestText request, int k) {
		return tenant(installationId).kb.search(request, k);
	}

	/** Who answered each of the given resolved tickets, where known (learned skills for routing). */
	public Map<String, String> answerAuthors(String installationId, Collection<String> ticketKeys) {
		return this.store.answerAuthors(installationId, ticketKeys);
	}

	/** An indexed entry. */
	public Optional<KnowledgeEntry> entry(String installationId, String ticketKey) {
		return tenant(installationId).kb.get(ticketKey);
	}

	/** Drops the index and rebuilds it from the stored tickets. */
	public IngestCounters rebuild(String installationId) {
		Tenant tenant = tenant(installationId);
		synchronized (tenant) {
			tenant.kb.rebuild(List.of(), Map.of(REVISION, "0"));
			tenant.indexed = 0;
			tenant.committed = 0;
			return tenant.catchUp(true);
		}
	}

	/** Numbers for the console: stored tickets and open requests, indexed entries, outcomes. */
	public Stats stats(String installationId) {
		Tenant tenant = tenant(installationId);
		return new Stats(this.store.count(installationId), this.store.countOpen(installationId), tenant.kb.size(),
				tenant.indexed, tenant.kb.counters());
	}

	/** Closes and deletes an installation's index (after the installation was removed). */
	public void drop(String installationId) {
		Tenant tenant = this.open.remove(installationId);
		if (tenant != null) {
			tenant.kb.close();
		}
		Path dir = this.tenantsDir.resolve(installationId);
		if (Files.exists(dir)) {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** Picks up tickets other replicas stored, and commits what this one indexed since the last commit. */
	@Scheduled(fixedDelayString = "${deskpilot.knowledge.catch-up-interval:10s}", initialDelayString = "${deskpilot.knowledge.catch-up-interval:10s}")
	void catchUpAll() {
		for (Tenant tenant : this.open.values()) {
			try {
				if (this.store.latestRevision(tenant.installationId) > tenant.indexed || tenant.indexed > tenant.committed) {
					tenant.catchUp(true);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Index catch-up of {} failed: {}", tenant.installationId, ex.toString());
			}
		}
	}

	private Tenant tenant(String installationId) {
		Tenant tenant = this.open.get(installationId);
		if (tenant != null) {
			return tenant;
		}
		this.installations.require(installationId);
		return this.open.computeIfAbsent(installationId, id -> {
			Tenant t = new Tenant(id, KnowledgeBase.open(config(indexDir(id)), this.embedder));
			t.kb.useOutcomes(this.outcomes.of(id));
			t.catchUp(true);
			return t;
		});
	}

	/**
	 * The index directory, one per installation, dense model and document layout: a different model or layout means
	 * a fresh index, built from the stored tickets.
	 */
	private Path indexDir(String installationId) {
		String variant = this.embedder == null ? "lexical" : this.embedder.id().replaceAll("[^A-Za-z0-9._-]", "_");
		return this.tenantsDir.resolve(installationId).resolve("index-" + variant + "-layout" + KnowledgeBase.INDEX_LAYOUT);
	}

	private KnowledgeBaseConfig config(Path indexDir) {
		return KnowledgeBaseConfig.defaults(indexDir)
			.withPolicy(new PolicySettings(this.properties.answerThreshold(), this.properties.suggestThreshold()));
	}

	@Override
	public void destroy() {
		this.catchUps.shutdownNow();
		this.open.values().forEach(t -> t.kb.close());
		this.open.clear();
	}

	/**
	 * Knowledge base numbers.
	 *
	 * @param stored tickets in the database, open requests included
	 * @param open requests Deskpilot received that are not resolved yet
	 * @param indexed entries searchable in this replica's index
	 * @param revision the stored revision this replica's index has reached
	 * @param outcomes ingestion outcomes since the index was opened
	 */
	public record Stats(long stored, long open, long indexed, long revision, Map<String, Long> outcomes) {
	}

	private final class Tenant {

		private final String installationId;

		private final KnowledgeBase kb;

		/** The stored revision this replica's index has reached (searchable). */
		private volatile long indexed;

		/** The revision of the index's last commit: what a restart starts from. */
		private volatile long committed;

		Tenant(String installationId, KnowledgeBase kb) {
			this.installationId = installationId;
			this.kb = kb;
			this.indexed = Long.parseLong(kb.commitData().getOrDefault(REVISION, "0"));
			this.committed = this.indexed;
		}

		/**
		 * Indexes stored tickets above the watermark and makes them searchable; {@code durable}: also commits the
		 * index with the new watermark.
		 */
		synchronized IngestCounters catchUp(boolean durable) {
			IngestCounters run = new IngestCounters();
			long[] last = { this.indexed };
			// in batches: the model embeds a batch's texts together
			List<HistoryTicket> batch = new ArrayList<>(CATCH_UP_BATCH);
			KnowledgeBases.this.store.forEachAfter(this.installationId, this.indexed, 500, r -> {
				batch.add(r.ticket());
				last[0] = r.revision();
				if (batch.size() == CATCH_UP_BATCH) {
					this.kb.ingest(batch).forEach(run::record);
					batch.clear();
				}
			});
			if (!batch.isEmpty()) {
				this.kb.ingest(batch).forEach(run::record);
			}
			if (last[0] > this.indexed) {
				this.kb.refresh();
				this.indexed = last[0];
			}
			if (durable && this.indexed > this.committed) {
				this.kb.commit(Map.of(REVISION, String.valueOf(this.indexed)));
				this.committed = this.indexed;
			}
			return run;
		}

	}

}

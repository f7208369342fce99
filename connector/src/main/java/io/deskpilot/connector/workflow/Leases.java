package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's claims alive: while a worker holds inbox events or outbox actions (a platform call may wait out
 * a Retry-After), their leases are renewed every third of the lease. A replica that dies stops renewing, and its
 * claims return to the others one lease later. Without renewal a slow item would be claimed twice and its effect
 * could happen twice.
 */
@Component
class Leases implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Leases.class);

	enum Table {

		INBOX("inbox_event"), OUTBOX("outbox_action");

		final String name;

		Table(String name) {
			this.name = name;
		}

	}

	private record Holder(Table table, String worker) {
	}

	private final Map<Holder, Set<Long>> held = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final WorkflowProperties properties;

	private volatile ScheduledExecutorService renewer;

	Leases(JdbcClient jdbc, Clock clock, WorkflowProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	void hold(Table table, String worker, List<Long> ids) {
		this.held.computeIfAbsent(new Holder(table, worker), h -> ConcurrentHashMap.newKeySet()).addAll(ids);
	}

	void release(Table table, String worker, long id) {
		Set<Long> ids = this.held.get(new Holder(table, worker));
		if (ids != null) {
			ids.remove(id);
		}
	}

	void renewAll() {
		var until = Jdbc.ts(this.clock.instant().plus(this.properties.lease()));
		this.held.forEach((holder, ids) -> {
			if (ids.isEmpty()) {
				return;
			}
			try {
				this.jdbc.sql("update " + holder.table().name + " set locked_until = :until where locked_by = :worker and id in (:ids)")
					.param("until", until)
					.param("worker", holder.worker())
					.param("ids", List.copyOf(ids))
					.update();
			}
			catch (RuntimeException ex) {
				log.warn("Could not renew leases of {}: {}", holder.worker(), ex.toString());
			}
		});
	}

	@Override
	public synchronized void start() {
		if (this.renewer != null) {
			return;
		}
		long every = Math.max(100, this.properties.lease().toMillis() / 3);
		this.renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("deskpilot-leases").factory());
		this.renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.renewer != null) {
			this.renewer.shutdownNow();
			this.renewer = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.renewer != null;
	}

}

package io.deskpilot.connector.workflow;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs this replica's inbox and outbox workers on virtual threads. An idle worker sleeps until woken by new work on
 * this replica or until the poll interval passes (work from other replicas, retries coming due).
 */
@Component
class Workers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Workers.class);

	private final InboxProcessor inbox;

	private final OutboxDispatcher outbox;

	private final WorkSignals signals;

	private final WorkflowProperties properties;

	private final String replica;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	Workers(InboxProcessor inbox, OutboxDispatcher outbox, WorkSignals signals, WorkflowProperties properties) {
		this.inbox = inbox;
		this.outbox = outbox;
		this.signals = signals;
		this.properties = properties;
		this.replica = properties.replicaName() != null && !properties.replicaName().isBlank() ? properties.replicaName()
				: ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Override
	public synchronized void start() {
		if (this.running || !this.properties.enabled()) {
			return;
		}
		this.running = true;
		for (int i = 0; i < this.properties.workers(); i++) {
			this.threads.add(loop("inbox-" + i, this.signals.inbox(), this.inbox::runOnce));
			this.threads.add(loop("outbox-" + i, this.signals.outbox(), this.outbox::runOnce));
		}
		log.info("Started {} workflow workers as {}", this.threads.size(), this.replica);
	}

	private Thread loop(String name, WorkSignals.Signal signal, Predicate<String> runOnce) {
		String worker = this.replica + "-" + name;
		return Thread.ofVirtual().name("deskpilot-" + name).start(() -> {
			while (this.running) {
				boolean worked = false;
				try {
					worked = runOnce.test(worker);
				}
				catch (RuntimeException ex) {
					log.warn("Worker {} hit an error: {}", worker, ex.toString());
				}
				if (!worked) {
					try {
						signal.await(this.properties.pollInterval());
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		});
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
		for (Thread t : this.threads) {
			try {
				t.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts after everything else (the web server included), stops first. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

}

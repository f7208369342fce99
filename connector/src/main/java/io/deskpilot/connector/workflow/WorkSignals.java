package io.deskpilot.connector.workflow;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes this replica's workers as soon as there is work, instead of waiting for their next poll. Other replicas find
 * the work on their next poll.
 */
@Component
class WorkSignals {

	private final Signal inbox = new Signal();

	private final Signal outbox = new Signal();

	Signal inbox() {
		return this.inbox;
	}

	Signal outbox() {
		return this.outbox;
	}

	/** A wake-up flag: {@link #wake()} releases one waiting {@link #await}. */
	static final class Signal {

		private final Semaphore permits = new Semaphore(0);

		void wake() {
			if (this.permits.availablePermits() < 4) {
				this.permits.release();
			}
		}

		void await(Duration max) throws InterruptedException {
			if (this.permits.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
				this.permits.drainPermits();
			}
		}

	}

}

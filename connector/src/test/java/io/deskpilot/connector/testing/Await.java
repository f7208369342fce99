package io.deskpilot.connector.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting in integration tests for something the service does asynchronously. */
public final class Await {

	private Await() {
	}

	/** Polls the condition every 50 ms until it holds; fails naming what was awaited when the timeout passes. */
	public static void until(BooleanSupplier condition, Duration timeout, String what) {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("timed out after " + timeout + " waiting for " + what);
			}
			pause(50);
		}
	}

	/** Sleeps, keeping the interrupt flag. */
	public static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}

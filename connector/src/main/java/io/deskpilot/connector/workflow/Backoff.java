package io.deskpilot.connector.workflow;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/** Exponential backoff with full jitter, never sooner than the platform's Retry-After. */
final class Backoff {

	private Backoff() {
	}

	static Duration delay(int attempt, Duration base, Duration max, @Nullable Duration retryAfter) {
		long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
		long jittered = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
		long floor = retryAfter == null ? 0 : retryAfter.toMillis();
		return Duration.ofMillis(Math.max(jittered, floor));
	}

}

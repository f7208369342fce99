package io.deskpilot.connector.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.deskpilot.connector.platform.TransientPlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;

/**
 * How Deskpilot calls one desk: at most {@code maxConcurrency} calls at once; reads (and idempotent writes such as a
 * status change) retried on transient failures, honouring {@code Retry-After} or else exponential backoff with full
 * jitter, within {@link #MAX_RETRY_WAIT}; writes that must not be repeated blindly (a comment) never retried here (the
 * outbox retries them after looking whether the first attempt landed); background work (history import) holds one
 * permit at most and pauses while the desk signals a rate limit (a quota pauses it for everyone's sake, a burst limit
 * or a 503 for its own), so replies go first.
 */
public final class DeskCalls {

	private static final Logger log = LoggerFactory.getLogger(DeskCalls.class);

	public static final int MAX_ATTEMPTS = 4;

	public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

	private static final Duration BASE = Duration.ofMillis(250);

	private static final Duration CAP = Duration.ofSeconds(8);

	/** Waits; {@link Thread#sleep(Duration)} outside tests. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	/** What a desk's response headers say about its rate limits. */
	public interface RateLimitSignals {

		/**
		 * Whether a 429 or 503 limits every caller (a quota: everyone waits) rather than only background work (a burst
		 * limit or an overloaded server). By default a 429 is a quota and a 503 is not.
		 */
		default boolean wholeSite(int status, HttpHeaders headers) {
			return status == 429;
		}

		/** Whether a successful response says the desk is close to a limit (background work then pauses briefly). */
		default boolean nearLimit(HttpHeaders headers) {
			return false;
		}

	}

	/** A 429 pauses every call, a 503 only background work; no near-limit headers. */
	public static final RateLimitSignals STANDARD = new RateLimitSignals() {
	};

	private final HttpFailures failures;

	private final Semaphore permits;

	private final Semaphore backgroundPermits = new Semaphore(1, true);

	private final Clock clock;

	private final RateLimitSignals signals;

	private final Sleeper sleeper;

	private volatile Instant pausedUntil = Instant.EPOCH;

	private volatile Instant backgroundPausedUntil = Instant.EPOCH;

	public DeskCalls(HttpFailures failures, int maxConcurrency, RateLimitSignals signals) {
		this(failures, maxConcurrency, signals, Thread::sleep);
	}

	public DeskCalls(HttpFailures failures, int maxConcurrency, RateLimitSignals signals, Sleeper sleeper) {
		this.failures = failures;
		this.permits = new Semaphore(maxConcurrency, true);
		this.clock = failures.clock();
		this.signals = signals;
		this.sleeper = sleeper;
	}

	/** The classification this desk's client uses. */
	public HttpFailures failures() {
		return this.failures;
	}

	/** An idempotent call (GET, a search, a PUT of a field): retried within {@link #MAX_RETRY_WAIT}. */
	public <T> T read(Supplier<T> call) {
		return run(call, true, false);
	}

	/** A call that must not be repeated blindly (POST of a comment, a transition). */
	public <T> T write(Supplier<T> call) {
		return run(call, false, false);
	}

	/** A background read that yields to interactive calls and to rate-limit signals. */
	public <T> T background(Supplier<T> call) {
		try {
			this.backgroundPermits.acquire();
			try {
				return run(call, true, true);
			}
			finally {
				this.backgroundPermits.release();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientPlatformException("interrupted", null, ex);
		}
	}

	private <T> T run(Supplier<T> call, boolean retry, boolean background) {
		Duration waited = Duration.ZERO;
		for (int attempt = 1;; attempt++) {
			if (background) {
				waitUntilUnpaused();
			}
			TransientPlatformException failure;
			try {
				this.permits.acquire();
				try {
					return call.get();
				}
				finally {
					this.permits.release();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TransientPlatformException("interrupted", null, ex);
			}
			catch (TransientPlatformException ex) {
				failure = ex;
			}
			catch (ResourceAccessException ex) {
				failure = this.failures.unreachable(ex);
			}
			if (!retry || attempt >= MAX_ATTEMPTS) {
				throw failure;
			}
			Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
			if (waited.plus(wait).compareTo(MAX_RETRY_WAIT) > 0) {
				throw failure;
			}
			waited = waited.plus(wait);
			log.debug("Retrying a {} call in {} ms after: {}", this.failures.desk(), wait.toMillis(), failure.getMessage());
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure;
			}
		}
	}

	/**
	 * Background work waits while the desk signals any limit. Interactive calls do not wait here: they meet the limit
	 * themselves and honour its {@code Retry-After}, or go back to the outbox's backoff when it is too long.
	 */
	private void waitUntilUnpaused() {
		for (int i = 0; i < 600; i++) {
			Instant now = this.clock.instant();
			Instant until = this.backgroundPausedUntil.isAfter(this.pausedUntil) ? this.backgroundPausedUntil : this.pausedUntil;
			if (!until.isAfter(now)) {
				return;
			}
			try {
				this.sleeper.sleep(Duration.ofMillis(Math.min(1000, Duration.between(now, until).toMillis() + 1)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TransientPlatformException("interrupted", null, ex);
			}
		}
	}

	/** Exponential backoff with jitter: uniform in [ceiling / 2, ceiling], ceiling = min(cap, base * 2^attempt). */
	static Duration backoff(int attempt) {
		long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt, 16));
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
	}

	/** Reads rate-limit signals from every response (a request interceptor calls this). */
	public void observe(ClientHttpResponse response) throws java.io.IOException {
		HttpHeaders h = response.getHeaders();
		Instant now = this.clock.instant();
		int status = response.getStatusCode().value();
		if (status == 429 || status == 503) {
			Duration retryAfter = HttpFailures.retryAfter(h, now);
			Instant until = now.plus(retryAfter == null ? Duration.ofSeconds(1) : retryAfter);
			this.backgroundPausedUntil = until;
			if (this.signals.wholeSite(status, h)) {
				this.pausedUntil = until;
				log.warn("{} rate limit ({}): pausing calls until {}", this.failures.desk(), status, until);
			}
			return;
		}
		if (this.signals.nearLimit(h)) {
			this.backgroundPausedUntil = now.plusSeconds(2);
		}
	}

}

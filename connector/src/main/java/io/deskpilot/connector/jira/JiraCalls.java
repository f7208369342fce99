package io.deskpilot.connector.jira;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How Deskpilot calls one Jira site: at most {@code maxConcurrency} calls at once; reads retried on 429, 5xx and
 * connection failures, honouring {@code Retry-After} or else exponential backoff with full jitter; writes never retried
 * blindly (the outbox retries them after looking whether the first attempt landed); background work (history import)
 * holds one permit at most and pauses while the site signals a rate limit, so replies go first.
 * Errors are classified into the two exception roots: transient (retry later) and rejected (do not retry).
 */
final class JiraCalls {

	private static final Logger log = LoggerFactory.getLogger(JiraCalls.class);

	static final int MAX_ATTEMPTS = 4;

	static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

	private static final Duration BASE = Duration.ofMillis(250);

	private static final Duration CAP = Duration.ofSeconds(8);

	private final Semaphore permits;

	private final Semaphore backgroundPermits = new Semaphore(1, true);

	private final Clock clock;

	private volatile Instant pausedUntil = Instant.EPOCH;

	private volatile Instant backgroundPausedUntil = Instant.EPOCH;

	JiraCalls(int maxConcurrency, Clock clock) {
		this.permits = new Semaphore(maxConcurrency, true);
		this.clock = clock;
	}

	/** An idempotent call (GET, PUT): retried within {@link #MAX_RETRY_WAIT}. */
	<T> T read(Supplier<T> call) {
		return run(call, true, false);
	}

	/** A call that must not be repeated blindly (POST of a comment or a transition). */
	<T> T write(Supplier<T> call) {
		return run(call, false, false);
	}

	/** A background read that yields to interactive calls and to rate-limit signals. */
	<T> T background(Supplier<T> call) {
		try {
			this.backgroundPermits.acquire();
			try {
				waitUntil(() -> later(this.pausedUntil, this.backgroundPausedUntil));
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
				failure = new TransientPlatformException("Jira unreachable: " + ex.getMostSpecificCause().getMessage(), null, ex);
			}
			if (!retry || attempt >= MAX_ATTEMPTS) {
				throw failure;
			}
			Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
			if (waited.plus(wait).compareTo(MAX_RETRY_WAIT) > 0) {
				throw failure;
			}
			waited = waited.plus(wait);
			log.debug("Retrying a Jira call in {} ms after: {}", wait.toMillis(), failure.getMessage());
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure;
			}
			if (background) {
				waitUntil(() -> later(this.pausedUntil, this.backgroundPausedUntil));
			}
		}
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private void waitUntil(Supplier<Instant> until) {
		for (int i = 0; i < 600; i++) {
			Instant now = this.clock.instant();
			Instant t = until.get();
			if (!t.isAfter(now)) {
				return;
			}
			try {
				Thread.sleep(Math.min(1000, Duration.between(now, t).toMillis() + 1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TransientPlatformException("interrupted", null, ex);
			}
		}
	}

	/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^attempt)]. */
	static Duration backoff(int attempt) {
		long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt, 16));
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
	}

	/** Reads rate-limit headers from every response: background work pauses when the site is near or over a limit. */
	void observe(ClientHttpResponse response) throws IOException {
		HttpHeaders h = response.getHeaders();
		Instant now = this.clock.instant();
		int status = response.getStatusCode().value();
		if (status == 429 || status == 503) {
			Duration retryAfter = retryAfter(h, now);
			Instant until = now.plus(retryAfter == null ? Duration.ofSeconds(1) : retryAfter);
			this.backgroundPausedUntil = until;
			if ("jira-burst-based".equalsIgnoreCase(h.getFirst("RateLimit-Reason")) || status == 503) {
				return;
			}
			// quota limits cover the whole tenant: everyone waits
			this.pausedUntil = until;
			log.warn("Jira quota limit ({}): pausing calls until {}", h.getFirst("RateLimit-Reason"), until);
			return;
		}
		if ("true".equalsIgnoreCase(h.getFirst("X-RateLimit-NearLimit"))
				|| "true".equalsIgnoreCase(h.getFirst("X-Beta-Ratelimit-Nearlimit"))) {
			this.backgroundPausedUntil = now.plusSeconds(2);
		}
	}

	/** Turns an error response into a transient or a rejected exception with Jira's own message. */
	static RuntimeException classify(HttpRequest request, ClientHttpResponse response, JsonMapper json, Clock clock)
			throws IOException {
		int status = response.getStatusCode().value();
		String message = message(response, json);
		String what = request.getMethod() + " " + request.getURI().getPath() + " → " + status + (message.isEmpty() ? "" : ": " + message);
		if (status == 429 || status == 408 || status == 425 || status >= 500) {
			return new TransientPlatformException(what, retryAfter(response.getHeaders(), clock.instant()));
		}
		if (status == 409) {
			return new TransientPlatformException(what + " (conflicting update)", Duration.ofSeconds(1));
		}
		if (status == 401) {
			return new PlatformRejectedException("Jira refused the credentials (401): check the e-mail and token", 401);
		}
		if (status == 403) {
			return new PlatformRejectedException("Jira refused the bot account (403): " + message, 403);
		}
		return new PlatformRejectedException(what, status);
	}

	private static String message(ClientHttpResponse response, JsonMapper json) {
		try {
			byte[] body = response.getBody().readNBytes(16 * 1024);
			if (body.length == 0) {
				return "";
			}
			try {
				JsonNode n = json.readTree(body);
				List<String> parts = new ArrayList<>();
				n.path("errorMessages").forEach(m -> parts.add(m.asString()));
				n.path("errors").properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asString()));
				if (n.has("errorMessage")) {
					parts.add(n.get("errorMessage").asString());
				}
				if (n.has("message")) {
					parts.add(n.get("message").asString());
				}
				return String.join("; ", parts);
			}
			catch (RuntimeException ex) {
				return io.deskpilot.connector.platform.Excerpt.of(new String(body, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
	static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
		String v = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(v.strip());
			return Duration.ofSeconds(Math.clamp(seconds, 0, 3600));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration d = Duration.between(now, at);
				return d.isNegative() ? Duration.ZERO : d;
			}
			catch (java.time.format.DateTimeParseException ex2) {
				return null;
			}
		}
	}

}

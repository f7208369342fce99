package io.deskpilot.connector.platform;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The platform could not serve the call now but may later: timeouts, connection failures, 5xx, and 429 rate limits.
 * Callers retry with backoff, waiting at least {@link #retryAfter()} when the platform said so.
 */
public class TransientPlatformException extends RuntimeException {

	private final @Nullable Duration retryAfter;

	public TransientPlatformException(String message, @Nullable Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public TransientPlatformException(String message, @Nullable Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** How long the platform asked us to wait, if it said. */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}

package io.deskpilot.connector.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of testing a connection: whether it works, and a message an admin can act on.
 *
 * @param ok whether Deskpilot can reach the platform with the given settings
 * @param message what was checked, or what went wrong and how to fix it
 * @param latency how long the check took
 */
public record ConnectionCheck(boolean ok, String message, Duration latency) {

	public ConnectionCheck {
		Objects.requireNonNull(message, "message");
		latency = latency == null ? Duration.ZERO : latency;
	}

	/**
	 * Runs a check and times it: what {@code check} returns is the message of a working connection; whatever it
	 * throws is the message of a failed one (a check never throws).
	 */
	public static ConnectionCheck run(java.time.Clock clock, java.util.function.Supplier<String> check) {
		java.time.Instant start = clock.instant();
		try {
			String message = check.get();
			return new ConnectionCheck(true, message, Duration.between(start, clock.instant()));
		}
		catch (RuntimeException ex) {
			return new ConnectionCheck(false, ex.getMessage() == null ? ex.toString() : ex.getMessage(),
					Duration.between(start, clock.instant()));
		}
	}

}

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
	 * Runs a check and times it: what {@code check} returns is the message of a working connection; what a desk
	 * refusal or failure it throws says is the message of a failed one, on one line and short (a check never throws).
	 * Anything else thrown (an answer that is not what the desk sends, say) is named by its type only: its message
	 * may quote whatever the URL reached.
	 */
	public static ConnectionCheck run(java.time.Clock clock, java.util.function.Supplier<String> check) {
		java.time.Instant start = clock.instant();
		try {
			String message = check.get();
			return new ConnectionCheck(true, Excerpt.oneLine(message, 500), Duration.between(start, clock.instant()));
		}
		catch (PlatformRejectedException | TransientPlatformException ex) {
			return new ConnectionCheck(false, Excerpt.oneLine(String.valueOf(ex.getMessage()), 400),
					Duration.between(start, clock.instant()));
		}
		catch (RuntimeException ex) {
			return new ConnectionCheck(false, "the answer is not what this desk sends, or the check failed ("
					+ ex.getClass().getSimpleName() + "): is the URL the desk's?", Duration.between(start, clock.instant()));
		}
	}

}

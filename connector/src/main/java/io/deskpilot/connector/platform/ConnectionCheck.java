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

}

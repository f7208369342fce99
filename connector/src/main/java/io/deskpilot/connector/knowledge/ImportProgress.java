package io.deskpilot.connector.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a history import stands.
 *
 * @param installationId the installation
 * @param state RUNNING, DONE or FAILED
 * @param startedAt when it started
 * @param finishedAt when it ended, if it did
 * @param read tickets read so far
 * @param total tickets the platform said it would return (-1 when unknown)
 * @param perSecond average tickets per second
 * @param eta estimated time left, when the total is known
 * @param outcomes counts by ingestion outcome
 * @param error why it failed, if it did
 */
public record ImportProgress(String installationId, State state, Instant startedAt, @Nullable Instant finishedAt,
		long read, long total, double perSecond, @Nullable Duration eta, Map<String, Long> outcomes,
		@Nullable String error) {

	/** Import states. */
	public enum State {

		RUNNING, DONE, FAILED

	}

}

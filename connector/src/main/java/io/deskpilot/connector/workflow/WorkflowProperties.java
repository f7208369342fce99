package io.deskpilot.connector.workflow;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Workflow workers ({@code deskpilot.workflow.*}).
 *
 * @param enabled whether this replica runs workers (a replica serving only the API may not)
 * @param workers worker threads per queue (inbox, outbox) on this replica
 * @param pollInterval how long an idle worker waits before looking again (other replicas' work is found this way)
 * @param lease how long a claimed item stays reserved for its worker; a crashed worker's items return after it
 * @param batchSize items claimed at once
 * @param maxAttempts attempts before an item is given up (failed)
 * @param backoffBase first retry delay; doubles with each attempt, with jitter
 * @param backoffMax longest retry delay
 * @param routeRetry how often a request nobody could take is offered again
 * @param replicaName this replica's name in the inbox and outbox (default: process id, host and a random suffix)
 */
@ConfigurationProperties("deskpilot.workflow")
@Validated
record WorkflowProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2") @Min(1) @Max(64) int workers,
		@DefaultValue("500ms") @NotNull Duration pollInterval, @DefaultValue("60s") @NotNull Duration lease,
		@DefaultValue("10") @Min(1) @Max(500) int batchSize, @DefaultValue("12") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("1s") @NotNull Duration backoffBase, @DefaultValue("10m") @NotNull Duration backoffMax,
		@DefaultValue("30s") @NotNull Duration routeRetry, @org.jspecify.annotations.Nullable String replicaName) {

}

package io.deskpilot.connector.workflow;

/** A claimed outbox row. */
record OutboxAction(long id, String installationId, String requestKey, String type, String payload,
		String idempotencyKey, int attempts) {

}

package io.deskpilot.connector.workflow;

import io.deskpilot.connector.platform.EventType;

/**
 * Kinds of inbox events: the platform's, plus Deskpilot's own timers and cross-request follow-ups. Internal events go
 * through the inbox like the platform's, so they are deduplicated, ordered per request and shared by replicas.
 */
enum InboxEventType {

	REQUEST_CREATED, COMMENT_ADDED, REQUEST_UPDATED,

	/** The customer did not confirm or reject the bot's answer in time. */
	CONFIRMATION_TIMEOUT,

	/** The first response nears its target. */
	FIRST_RESPONSE_DUE,

	/** An outage cluster formed around this request (the master). */
	CLUSTER_FORMED,

	/** This request's outage master was resolved. */
	MASTER_RESOLVED,

	/** An admin undid the bot's resolution of this request (the admin's name in the subject). */
	RESOLUTION_UNDONE;

	static InboxEventType of(EventType platform) {
		return valueOf(platform.name());
	}

}

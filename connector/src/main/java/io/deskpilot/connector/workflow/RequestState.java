package io.deskpilot.connector.workflow;

/** Where a request stands in Deskpilot's workflow. */
public enum RequestState {

	/** Seen, not decided yet. */
	RECEIVED,

	/** The bot answered publicly and waits for the customer to confirm. */
	AWAITING_CONFIRMATION,

	/** The customer confirmed the bot's answer, or did not reply in time. */
	RESOLVED_BY_BOT,

	/** Handed to humans, waiting for an agent to be assigned. */
	ESCALATED,

	/** An agent owns it. */
	ASSIGNED,

	/** Resolved by an agent. */
	RESOLVED

}

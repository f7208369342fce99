package io.deskpilot.connector.platform;

/** Where Deskpilot moves a request; each adapter finds the matching transition of its workflow. */
public enum TargetStatus {

	/** The desk waits for the customer (after a bot answer). */
	WAITING_FOR_CUSTOMER,

	/** An agent is on it. */
	IN_PROGRESS,

	/** Solved. */
	RESOLVED,

	/** Back to open after a resolution. */
	REOPENED

}

package io.deskpilot.connector.platform;

/** Platform-neutral status categories; each adapter maps its own workflow statuses onto them. */
public enum StatusCategory {

	/** Filed, nobody has acted yet. */
	NEW,

	/** Someone is working on it. */
	IN_PROGRESS,

	/** The desk waits for the customer's reply. */
	WAITING_FOR_CUSTOMER,

	/** Resolved or closed. */
	DONE

}

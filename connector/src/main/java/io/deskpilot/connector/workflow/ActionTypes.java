package io.deskpilot.connector.workflow;

/** Outbox action type names. */
final class ActionTypes {

	static final String POST_COMMENT = "POST_COMMENT";

	static final String TRANSITION = "TRANSITION";

	static final String ROUTE = "ROUTE";

	private ActionTypes() {
	}

}

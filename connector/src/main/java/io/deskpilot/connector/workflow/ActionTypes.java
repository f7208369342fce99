package io.deskpilot.connector.workflow;

/** Outbox action type names. */
final class ActionTypes {

	static final String POST_COMMENT = "POST_COMMENT";

	static final String TRANSITION = "TRANSITION";

	static final String ROUTE = "ROUTE";

	static final String LINK = "LINK";

	private ActionTypes() {
	}

	static String of(ActionSpec action) {
		return switch (action) {
			case ActionSpec.PostComment c -> POST_COMMENT;
			case ActionSpec.Transition t -> TRANSITION;
			case ActionSpec.Route r -> ROUTE;
			case ActionSpec.Link l -> LINK;
		};
	}

}

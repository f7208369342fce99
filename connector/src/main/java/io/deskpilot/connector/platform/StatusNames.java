package io.deskpilot.connector.platform;

/**
 * The desk's own status names for Deskpilot's target statuses, for desks whose workflow is a set of named statuses an
 * admin configures (Redmine, Request Tracker).
 */
public interface StatusNames {

	/** The status that means "waiting for the customer". */
	String waitingStatus();

	/** The status of a request an agent works on (also where a reopened request goes). */
	String inProgressStatus();

	/** The status of a resolved request. */
	String resolvedStatus();

	/** The configured name for a target status. */
	default String nameOf(TargetStatus target) {
		return switch (target) {
			case WAITING_FOR_CUSTOMER -> waitingStatus();
			case IN_PROGRESS, REOPENED -> inProgressStatus();
			case RESOLVED -> resolvedStatus();
		};
	}

}

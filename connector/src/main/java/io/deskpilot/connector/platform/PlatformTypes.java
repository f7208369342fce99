package io.deskpilot.connector.platform;

/** Type ids of the platforms Deskpilot ships adapters for. */
public final class PlatformTypes {

	/** The in-process sandbox desk. */
	public static final String SANDBOX = "sandbox";

	/** Jira Service Management, Cloud and Data Center. */
	public static final String JIRA = "jira";

	/** Request Tracker 5. */
	public static final String RT = "rt";

	/** Redmine. */
	public static final String REDMINE = "redmine";

	private PlatformTypes() {
	}

}

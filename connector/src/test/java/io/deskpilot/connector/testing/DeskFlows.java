package io.deskpilot.connector.testing;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What the end-to-end flow tests on real desks (Redmine, Request Tracker) share. */
public final class DeskFlows {

	/** Resolved tickets the knowledge base learns from: summary, description, the agent's public answer. */
	public static final List<String[]> KNOWN = List.of(
			new String[] { "VPN does not connect after the Windows update",
					"Since this morning's update the VPN client hangs on 'connecting' and never connects.",
					"Please install VPN client 6.2 from the Software Center and restart: the old client no longer accepts "
							+ "the new server certificate." },
			new String[] { "Printer on floor 2 prints blank pages", "Every page comes out empty since the toner change.",
					"Pull the yellow sealing tape off the new toner cartridge, then print a test page." },
			new String[] { "Outlook keeps asking for my password", "The password prompt pops up every few minutes.",
					"Remove the saved Outlook entries in Windows Credential Manager and sign in again." });

	/** The change poller's stream in {@code sync_cursor} (ChangePoller.STREAM). */
	static final String CHANGES = "changes";

	private DeskFlows() {
	}

	/** Whether the change poller has stored a cursor for the installation, i.e. polled it at least once. */
	public static boolean polled(JdbcClient jdbc, String installationId) {
		return jdbc.sql("select count(*) from sync_cursor where installation_id = ? and stream = ?")
			.params(installationId, CHANGES)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Waits for the change poller's first poll of the installation: it starts its cursor at the desk's newest change,
	 * so a request filed before that would never be seen.
	 */
	public static void awaitFirstPoll(JdbcClient jdbc, String installationId) {
		Await.until(() -> polled(jdbc, installationId), Duration.ofSeconds(15), "the first poll of " + installationId);
	}

	/**
	 * Lets the desk's clock move into the next second. Desks record creation times in whole seconds and only tickets
	 * created before a request are eligible to answer it, so a request filed in the same second as the history it
	 * should be answered from would not see it.
	 */
	public static void nextSecond() {
		Await.pause(1_000);
	}

}

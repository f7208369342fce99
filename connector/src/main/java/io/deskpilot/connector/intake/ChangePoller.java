package io.deskpilot.connector.intake;

import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.installation.SyncCursors;
import io.deskpilot.connector.platform.ChangeFeed;
import io.deskpilot.connector.platform.ChangePage;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.workflow.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The polling fallback: every installation whose platform has a change feed is polled on a schedule, and whatever a
 * webhook missed lands in the inbox (what a webhook already delivered is deduplicated there). The cursor is stored
 * after the events, so a crash repeats a page rather than losing one.
 */
@Component
class ChangePoller {

	static final String STREAM = "changes";

	private static final Logger log = LoggerFactory.getLogger(ChangePoller.class);

	private static final int PAGE = 200;

	private final Installations installations;

	private final SyncCursors cursors;

	private final Inbox inbox;

	ChangePoller(Installations installations, SyncCursors cursors, Inbox inbox) {
		this.installations = installations;
		this.cursors = cursors;
		this.inbox = inbox;
	}

	@Scheduled(fixedDelayString = "${deskpilot.intake.poll-interval:30s}", initialDelayString = "${deskpilot.intake.poll-interval:30s}")
	void pollAll() {
		for (Installation installation : this.installations.enabled()) {
			try {
				poll(installation.id());
			}
			catch (RuntimeException ex) {
				log.warn("Polling {} failed: {}", installation.id(), ex.toString());
			}
		}
	}

	/** Polls one installation until its feed is drained; returns how many new events were found. */
	int poll(String installationId) {
		ChangeFeed feed = this.installations.connection(installationId).changeFeed().orElse(null);
		if (feed == null) {
			return 0;
		}
		int added = 0;
		String cursor = this.cursors.get(installationId, STREAM).orElse(null);
		while (true) {
			ChangePage page = feed.changesSince(cursor, PAGE);
			for (RequestEvent event : page.events()) {
				if (this.inbox.append(installationId, event)) {
					added++;
				}
			}
			boolean moved = !page.cursor().equals(cursor);
			cursor = page.cursor();
			this.cursors.put(installationId, STREAM, cursor);
			if (page.events().size() < PAGE || !moved) {
				return added;
			}
		}
	}

}

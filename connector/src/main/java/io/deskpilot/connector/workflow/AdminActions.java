package io.deskpilot.connector.workflow;

import java.util.List;

import io.deskpilot.connector.installation.Installations;

import org.springframework.stereotype.Service;

/**
 * What an admin may do to a request from the console. Each goes through the inbox like any event, so it is applied in
 * order with the request's other events, once, on whichever replica takes it.
 */
@Service
public class AdminActions {

	private final RequestStates states;

	private final Inbox inbox;

	private final WorkSignals signals;

	private final Installations installations;

	AdminActions(RequestStates states, Inbox inbox, WorkSignals signals, Installations installations) {
		this.states = states;
		this.inbox = inbox;
		this.signals = signals;
		this.installations = installations;
	}

	/**
	 * Undoes the bot's resolution of a request: it is reopened and routed to a person, and the answer counts as
	 * overridden.
	 * @throws IllegalArgumentException when the request is unknown or was not resolved by the bot
	 */
	public void undoResolution(String installationId, String requestKey, String admin) {
		this.installations.require(installationId);
		RequestRecord r = this.states.find(installationId, requestKey)
			.orElseThrow(() -> new IllegalArgumentException("Deskpilot does not track a request " + requestKey));
		if (r.state() != RequestState.RESOLVED_BY_BOT) {
			throw new IllegalArgumentException("Only a resolution by the bot can be undone; " + requestKey + " is "
					+ r.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
		}
		this.inbox.appendInternal(installationId, InboxEventType.RESOLUTION_UNDONE, requestKey,
				"undo:" + requestKey + ":" + r.version(), admin);
		this.signals.inbox().wake();
	}

	/** The keys among these that the bot resolved, so the console can offer to undo them. */
	public List<String> resolvedByBot(String installationId, List<String> requestKeys) {
		return this.states.inState(installationId, new java.util.LinkedHashSet<>(requestKeys), RequestState.RESOLVED_BY_BOT);
	}

}

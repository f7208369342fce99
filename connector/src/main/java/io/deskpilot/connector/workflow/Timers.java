package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.policy.Policies;
import io.deskpilot.connector.policy.Policy;
import io.deskpilot.connector.routing.AgentDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deskpilot's clocks: answers nobody confirmed in time, first responses nearing their target. Each due timer becomes an
 * inbox event with a dedupe key, so every replica may look and the event is still handled once, in order with the
 * request's other events. Also offers the queue again whenever agents' availability grows.
 */
@Component
class Timers {

	private static final Logger log = LoggerFactory.getLogger(Timers.class);

	private static final int BATCH = 500;

	private final Installations installations;

	private final RequestStates states;

	private final Inbox inbox;

	private final Outbox outbox;

	private final Policies policies;

	private final Clock clock;

	private final WorkflowProperties properties;

	Timers(Installations installations, RequestStates states, Inbox inbox, Outbox outbox, Policies policies, Clock clock,
			WorkflowProperties properties) {
		this.installations = installations;
		this.states = states;
		this.inbox = inbox;
		this.outbox = outbox;
		this.policies = policies;
		this.clock = clock;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${deskpilot.workflow.timer-interval:30s}", initialDelayString = "${deskpilot.workflow.timer-interval:30s}")
	void tick() {
		if (!this.properties.enabled()) {
			return;
		}
		for (Installation installation : this.installations.enabled()) {
			try {
				fire(installation.id());
			}
			catch (RuntimeException ex) {
				log.warn("Timers of {} failed: {}", installation.id(), ex.toString());
			}
		}
	}

	/** Appends the installation's due timers to the inbox; returns how many were new. */
	int fire(String installationId) {
		Policy policy = this.policies.get(installationId);
		Instant now = this.clock.instant();
		int added = 0;
		for (RequestRecord r : this.states.awaitingSince(installationId, now.minus(Duration.ofDays(policy.confirmationDays())), BATCH)) {
			if (this.inbox.appendInternal(installationId, InboxEventType.CONFIRMATION_TIMEOUT, r.requestKey(),
					"timer:confirmation:" + r.requestKey() + ":" + r.answeredAt().toEpochMilli(), null)) {
				added++;
			}
		}
		for (RequestRecord r : this.states.firstResponseDueBefore(installationId, now.plus(policy.slaWarning()), BATCH)) {
			if (this.inbox.appendInternal(installationId, InboxEventType.FIRST_RESPONSE_DUE, r.requestKey(),
					"timer:first-response:" + r.requestKey(), null)) {
				added++;
			}
		}
		return added;
	}

	@EventListener
	void agentsChanged(AgentDirectory.AgentsChanged event) {
		this.outbox.wakeQueued(event.installationId());
	}

}

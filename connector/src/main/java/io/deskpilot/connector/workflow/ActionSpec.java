package io.deskpilot.connector.workflow;

import io.deskpilot.connector.platform.TargetStatus;
import org.jspecify.annotations.Nullable;

/** An effect on the platform the workflow asks for; written to the outbox and delivered exactly once. */
sealed interface ActionSpec {

	/** Post a public reply or an internal note. */
	record PostComment(String body, boolean isPublic) implements ActionSpec {
	}

	/** Move the request through the platform's workflow. */
	record Transition(TargetStatus target, @Nullable String resolution) implements ActionSpec {
	}

	/**
	 * Find the right agent when the action runs, and assign. Waits in the queue while nobody is available.
	 *
	 * @param reason why the request goes to a person
	 * @param agentId a specific agent (a lead on SLA escalation) instead of the routing chain
	 */
	record Route(String reason, @Nullable String agentId) implements ActionSpec {

		Route(String reason) {
			this(reason, null);
		}

	}

	/** Link the request to another (outage clusters). */
	record Link(String otherKey) implements ActionSpec {
	}

}

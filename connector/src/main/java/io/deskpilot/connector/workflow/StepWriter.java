package io.deskpilot.connector.workflow;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Persists a {@link Workflow.Step} inside the caller's transaction: the record (version-checked), its outbox actions
 * under idempotency keys derived from what caused them, audit entries, feedback and follow-up inbox events.
 */
@Component
class StepWriter {

	private final RequestStates states;

	private final Outbox outbox;

	private final Inbox inbox;

	private final AuditLog audit;

	private final Feedback feedback;

	private final JsonMapper json;

	StepWriter(RequestStates states, Outbox outbox, Inbox inbox, AuditLog audit, Feedback feedback, JsonMapper json) {
		this.states = states;
		this.outbox = outbox;
		this.inbox = inbox;
		this.audit = audit;
		this.feedback = feedback;
		this.json = json;
	}

	/**
	 * Writes the step and returns the record as now stored (re-read and locked), or null when the request is not
	 * tracked. Action {@code i} gets the idempotency key {@code keyPrefix + ":" + (firstIndex + i)}.
	 */
	Result write(String installationId, String requestKey, @Nullable RequestRecord current, Workflow.Step step,
			String keyPrefix, int firstIndex) {
		RequestRecord stored = current;
		RequestRecord next = step.next();
		if (next != null && !next.equals(current)) {
			this.states.save(next, current == null);
			stored = this.states.lock(installationId, requestKey).orElseThrow();
			if (current != null && current.state() == RequestState.ASSIGNED && next.state() != RequestState.ASSIGNED
					&& current.assigneeId() != null) {
				// the agent has room again: offer the queue at once
				this.outbox.wakeQueued(installationId);
			}
		}
		int index = firstIndex;
		boolean acted = false;
		for (ActionSpec action : step.actions()) {
			String key = InboxProcessor.idempotencyKey(installationId, requestKey, keyPrefix, index++);
			acted |= this.outbox.enqueue(installationId, requestKey, ActionTypes.of(action), this.json.writeValueAsString(action), key);
		}
		for (Workflow.AuditEntry entry : step.audit()) {
			this.audit.write(installationId, requestKey, "bot", entry.action(), entry.detail());
		}
		if (stored != null) {
			for (String outcome : step.feedback()) {
				this.feedback.record(stored, outcome);
			}
		}
		for (Workflow.FollowUp f : step.followUps()) {
			this.inbox.appendInternal(installationId, f.type(), f.requestKey(), f.dedupeKey(), f.subject());
		}
		return new Result(stored, index, acted);
	}

	/**
	 * @param record the stored record after the step
	 * @param nextIndex the next free action index
	 * @param acted whether any new action was enqueued
	 */
	record Result(@Nullable RequestRecord record, int nextIndex, boolean acted) {
	}

}

package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.CommentRef;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import io.deskpilot.connector.routing.Router;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers outbox actions to the platform, in order per request. Posting is made exactly-once: a retry after an
 * attempt whose outcome is unknown first looks on the platform for the comment it may already have posted.
 * Transient failures are retried with backoff (honouring Retry-After), refusals are recorded and skipped.
 */
@Component
class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	private final Outbox outbox;

	private final RequestStates states;

	private final AuditLog audit;

	private final Installations installations;

	private final Router router;

	private final TransactionTemplate tx;

	private final JsonMapper json;

	private final Clock clock;

	private final WorkflowProperties properties;

	OutboxDispatcher(Outbox outbox, RequestStates states, AuditLog audit, Installations installations, Router router,
			TransactionTemplate tx, JsonMapper json, Clock clock, WorkflowProperties properties) {
		this.outbox = outbox;
		this.states = states;
		this.audit = audit;
		this.installations = installations;
		this.router = router;
		this.tx = tx;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
	}

	/** Claims and delivers one batch; returns whether there was anything to do. */
	boolean runOnce(String worker) {
		List<OutboxAction> actions = this.outbox.claim(worker, this.properties.batchSize(), this.properties.lease());
		for (OutboxAction action : actions) {
			deliver(action, worker);
		}
		return !actions.isEmpty();
	}

	void deliver(OutboxAction action, String worker) {
		try {
			PlatformConnection platform = this.installations.connection(action.installationId());
			switch (action.type()) {
				case ActionTypes.POST_COMMENT -> done(action, worker, postComment(platform, action), null);
				case ActionTypes.TRANSITION -> done(action, worker, transition(platform, action), null);
				case ActionTypes.ROUTE -> route(platform, action, worker);
				default -> throw new PlatformRejectedException("unknown action type " + action.type(), 400);
			}
		}
		catch (TransientPlatformException ex) {
			retryOrFail(action, worker, ex.toString(), ex.retryAfter());
		}
		catch (PlatformRejectedException ex) {
			log.warn("Action {} on {} refused: {}", action.type(), action.requestKey(), ex.getMessage());
			this.outbox.fail(action.id(), worker, ex.getMessage());
			this.audit.write(action.installationId(), action.requestKey(), "worker", "action.failed",
					action.type() + ": " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Action {} on {} failed: {}", action.type(), action.requestKey(), ex.toString());
			retryOrFail(action, worker, ex.toString(), null);
		}
	}

	private String postComment(PlatformConnection platform, OutboxAction action) {
		ActionSpec.PostComment spec = this.json.readValue(action.payload(), ActionSpec.PostComment.class);
		if (action.attempts() > 1) {
			// an earlier attempt may have reached the platform before failing: look before posting again
			Optional<CommentRef> posted = platform.replies().findPosted(action.requestKey(), action.idempotencyKey(), spec.body());
			if (posted.isPresent()) {
				return "already posted as comment " + posted.get().id();
			}
		}
		CommentRef ref = platform.replies().post(action.requestKey(), spec.body(), spec.isPublic(), action.idempotencyKey());
		return (spec.isPublic() ? "public reply " : "internal note ") + ref.id();
	}

	private String transition(PlatformConnection platform, OutboxAction action) {
		ActionSpec.Transition spec = this.json.readValue(action.payload(), ActionSpec.Transition.class);
		if (platform.statuses().isEmpty()) {
			return "skipped: the platform does not allow status changes";
		}
		platform.statuses().get().transition(action.requestKey(), spec.target(), spec.resolution());
		return "moved to " + spec.target();
	}

	private void route(PlatformConnection platform, OutboxAction action, String worker) {
		ActionSpec.Route spec = this.json.readValue(action.payload(), ActionSpec.Route.class);
		if (platform.assignments().isEmpty()) {
			done(action, worker, "left in the platform's queue: it does not allow assignment", null);
			return;
		}
		Optional<RequestRecord> record = this.states.find(action.installationId(), action.requestKey());
		if (record.isPresent() && record.get().state() != RequestState.ESCALATED) {
			done(action, worker, "no longer needed: request is " + record.get().state(), null);
			return;
		}
		Optional<String> agent = this.router.choose(action.installationId(), action.requestKey());
		if (agent.isEmpty()) {
			this.outbox.retryLater(action.id(), worker, this.clock.instant().plus(this.properties.routeRetry()),
					"nobody available; queued", false);
			return;
		}
		platform.assignments().get().assign(action.requestKey(), agent.get());
		done(action, worker, "assigned to " + agent.get() + " (" + spec.reason() + ")", agent.get());
	}

	private void done(OutboxAction action, String worker, String result, @Nullable String assignedAgent) {
		this.tx.executeWithoutResult(status -> {
			if (!this.outbox.complete(action.id(), worker, result)) {
				return;
			}
			if (assignedAgent != null) {
				this.states.lock(action.installationId(), action.requestKey()).ifPresent(r -> {
					if (r.state() == RequestState.ESCALATED) {
						Instant now = this.clock.instant();
						this.states.save(r.withAssignee(assignedAgent, now).withState(RequestState.ASSIGNED, now), false);
					}
				});
			}
			this.audit.write(action.installationId(), action.requestKey(), "bot", "action." + action.type().toLowerCase(java.util.Locale.ROOT), result);
		});
	}

	private void retryOrFail(OutboxAction action, String worker, String error, java.time.@Nullable Duration retryAfter) {
		if (action.attempts() >= this.properties.maxAttempts()) {
			this.outbox.fail(action.id(), worker, error);
			this.audit.write(action.installationId(), action.requestKey(), "worker", "action.failed", action.type() + ": " + error);
			return;
		}
		Instant next = this.clock.instant()
			.plus(Backoff.delay(action.attempts(), this.properties.backoffBase(), this.properties.backoffMax(), retryAfter));
		this.outbox.retryLater(action.id(), worker, next, error, true);
	}

}

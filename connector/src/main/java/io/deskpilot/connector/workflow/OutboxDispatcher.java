package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.CommentRef;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import io.deskpilot.connector.routing.AgentDirectory;
import io.deskpilot.connector.routing.Router;
import io.deskpilot.connector.routing.RoutingChain;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final AgentDirectory agents;

	private final StepWriter writer;

	private final InboxProcessor processor;

	private final JdbcClient jdbc;

	private final WorkSignals signals;

	private final Leases leases;

	OutboxDispatcher(Outbox outbox, RequestStates states, AuditLog audit, Installations installations, Router router,
			TransactionTemplate tx, JsonMapper json, Clock clock, WorkflowProperties properties, AgentDirectory agents,
			StepWriter writer, InboxProcessor processor, JdbcClient jdbc, WorkSignals signals, Leases leases) {
		this.leases = leases;
		this.signals = signals;
		this.agents = agents;
		this.writer = writer;
		this.processor = processor;
		this.jdbc = jdbc;
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
		this.leases.hold(Leases.Table.OUTBOX, worker, actions.stream().map(OutboxAction::id).toList());
		for (OutboxAction action : actions) {
			try {
				deliver(action, worker);
			}
			finally {
				this.leases.release(Leases.Table.OUTBOX, worker, action.id());
			}
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
				case ActionTypes.LINK -> done(action, worker, link(platform, action), null);
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

	private String link(PlatformConnection platform, OutboxAction action) {
		ActionSpec.Link spec = this.json.readValue(action.payload(), ActionSpec.Link.class);
		if (platform.links().isEmpty()) {
			return "skipped: the platform does not link requests";
		}
		platform.links().get().link(action.requestKey(), spec.otherKey());
		return "linked to " + spec.otherKey();
	}

	/**
	 * Routes under the installation's routing lock: the agent is chosen and reserved in one transaction (so two
	 * replicas never give the same free slot twice), then assigned on the platform, then the workflow moves the
	 * request to ASSIGNED. A retry after a failure reuses the reservation.
	 */
	private void route(PlatformConnection platform, OutboxAction action, String worker) {
		ActionSpec.Route spec = this.json.readValue(action.payload(), ActionSpec.Route.class);
		if (platform.assignments().isEmpty()) {
			done(action, worker, "left in the platform's queue: it does not allow assignment", null);
			return;
		}
		Reservation reservation = this.tx.execute(status -> reserve(action, spec));
		if (reservation == null || reservation.outcome() != null) {
			if (reservation != null && reservation.queued()) {
				this.outbox.queue(action.id(), worker, this.clock.instant().plus(this.properties.routeRetry()), reservation.outcome());
			}
			else {
				done(action, worker, reservation == null ? "no longer needed" : reservation.outcome(), null);
			}
			return;
		}
		try {
			platform.assignments().get().assign(action.requestKey(), reservation.agentId());
		}
		catch (PlatformRejectedException ex) {
			this.states.reserve(action.installationId(), action.requestKey(), null);
			throw ex;
		}
		done(action, worker, "assigned to " + reservation.agentId() + " (" + reservation.reason() + ")",
				new WorkflowEvent.RoutedTo(reservation.agentId(), reservation.agentName(), reservation.reason()));
	}

	/** The reserved agent, or why nobody was: {@code outcome} says what happened instead. */
	private record Reservation(@Nullable String agentId, String agentName, String reason, @Nullable String outcome, boolean queued) {
	}

	private @Nullable Reservation reserve(OutboxAction action, ActionSpec.Route spec) {
		this.states.lockRouting(action.installationId());
		RequestRecord record = this.states.lock(action.installationId(), action.requestKey()).orElse(null);
		if (record == null) {
			return new Reservation(null, "", "", "no longer needed: the request is not tracked", false);
		}
		if (record.state() != RequestState.ESCALATED) {
			return new Reservation(null, "", "", "no longer needed: request is " + record.state(), false);
		}
		String agentId = record.assigneeId();
		String reason = "reserved earlier";
		if (spec.agentId() != null) {
			agentId = spec.agentId();
			reason = spec.reason();
		}
		else if (agentId == null) {
			Optional<RoutingChain.Choice> choice = this.router.choose(action.installationId(), new Router.Facts(record.requestKey(),
					record.customerId(), record.requestType(), record.components(), record.labels(), similarTickets(record)));
			if (choice.isEmpty()) {
				return new Reservation(null, "", "", "nobody available: waiting in the queue", true);
			}
			agentId = choice.get().agentId();
			reason = choice.get().reason();
		}
		Instant now = this.clock.instant();
		this.states.reserve(action.installationId(), action.requestKey(), agentId);
		this.router.chosen(action.installationId(), agentId, now);
		String name = this.agents.agent(action.installationId(), agentId).map(a -> a.displayName()).orElse(agentId);
		return new Reservation(agentId, name, spec.reason() + "; " + reason, null, false);
	}

	private List<String> similarTickets(RequestRecord record) {
		if (record.decisionDetail() == null) {
			return List.of();
		}
		try {
			List<String> keys = new ArrayList<>();
			this.json.readTree(record.decisionDetail()).path("evidence").forEach(e -> keys.add(e.path("ticket").asString()));
			return keys.subList(0, Math.min(5, keys.size()));
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private void done(OutboxAction action, String worker, String result, @Nullable WorkflowEvent then) {
		Boolean acted = this.tx.execute(status -> {
			if (!this.outbox.complete(action.id(), worker, result)) {
				return false;
			}
			this.audit.write(action.installationId(), action.requestKey(), "bot", "action." + action.type().toLowerCase(java.util.Locale.ROOT), result);
			if (then == null) {
				return false;
			}
			RequestRecord current = this.states.lock(action.installationId(), action.requestKey()).orElse(null);
			Workflow.Step step = Workflow.apply(action.installationId(), current, then, this.clock.instant(),
					this.processor.context(action.installationId()));
			return this.writer.write(action.installationId(), action.requestKey(), current, step,
					"after:" + action.idempotencyKey(), 0).acted();
		});
		if (Boolean.TRUE.equals(acted)) {
			this.signals.outbox().wake();
		}
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

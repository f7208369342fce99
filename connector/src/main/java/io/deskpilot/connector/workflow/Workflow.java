package io.deskpilot.connector.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.connector.conversation.Messages;
import io.deskpilot.connector.conversation.ReplyIntent;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.platform.TargetStatus;
import org.jspecify.annotations.Nullable;

/**
 * The request state machine as a pure function: (state, event) → (state, actions, audit). It reads nothing and
 * writes nothing; the processor persists the new state and the actions in one transaction.
 */
final class Workflow {

	private Workflow() {
	}

	/** Applies an event to a request's record (null: not seen before). */
	static Step apply(String installationId, @Nullable RequestRecord current, WorkflowEvent event, Instant now) {
		return switch (event) {
			case WorkflowEvent.Received r -> current == null ? received(installationId, r, now) : Step.unchanged(current);
			case WorkflowEvent.CustomerReplied r -> current == null ? Step.none() : customerReplied(current, r, now);
			case WorkflowEvent.AgentCommented c -> current == null ? Step.none() : agentCommented(current, c);
			case WorkflowEvent.AssigneeChanged a -> current == null ? Step.none() : assigneeChanged(current, a, now);
			case WorkflowEvent.StatusChanged s -> current == null ? Step.none() : statusChanged(current, s, now);
		};
	}

	private static Step received(String installationId, WorkflowEvent.Received r, Instant now) {
		PlatformRequest req = r.request();
		Decision d = r.decision();
		String customer = req.reporter().displayName();
		RequestRecord base = new RequestRecord(installationId, req.key(),
				RequestState.RECEIVED, req.reporter().id(), customer, req.organization(), req.requestType(), req.summary(),
				req.assignee() == null ? null : req.assignee().id(), d.action().name(), d.confidence(),
				d.chosen() == null ? null : d.chosen().id(), r.decisionDetail(), now, null, null,
				req.assignee() == null ? null : now, null, now, 0);
		List<ActionSpec> actions = new ArrayList<>();
		List<AuditEntry> audit = new ArrayList<>();
		audit.add(new AuditEntry("decision." + d.action().name().toLowerCase(java.util.Locale.ROOT), r.decisionDetail()));
		if (req.status().category() == StatusCategory.DONE) {
			return new Step(base.withState(RequestState.RESOLVED, now), actions, audit);
		}
		if (req.assignee() != null) {
			// an agent already owns it: the bot only helps the agent
			if (d.action() != Action.ROUTE || !d.evidence().isEmpty()) {
				actions.add(new ActionSpec.PostComment(d.action() == Action.ROUTE ? Messages.assist(d) : Messages.suggestion(d), false));
			}
			return new Step(base.withState(RequestState.ASSIGNED, now), actions, audit);
		}
		switch (d.action()) {
			case ANSWER -> {
				actions.add(new ActionSpec.PostComment(Messages.answer(customer, d.answer()), true));
				actions.add(new ActionSpec.Transition(TargetStatus.WAITING_FOR_CUSTOMER, null));
				return new Step(base.withState(RequestState.AWAITING_CONFIRMATION, now).withAnswered(now), actions, audit);
			}
			case SUGGEST -> {
				actions.add(new ActionSpec.PostComment(Messages.acknowledgement(customer), true));
				actions.add(new ActionSpec.PostComment(Messages.suggestion(d), false));
				actions.add(new ActionSpec.Route("bot suggestion below the answer threshold"));
			}
			case ROUTE -> {
				actions.add(new ActionSpec.PostComment(Messages.acknowledgement(customer), true));
				actions.add(new ActionSpec.PostComment(Messages.assist(d), false));
				actions.add(new ActionSpec.Route(d.explanation()));
			}
		}
		return new Step(base.withState(RequestState.ESCALATED, now), actions, audit);
	}

	private static Step customerReplied(RequestRecord current, WorkflowEvent.CustomerReplied r, Instant now) {
		List<ActionSpec> actions = new ArrayList<>();
		List<AuditEntry> audit = new ArrayList<>();
		switch (current.state()) {
			case AWAITING_CONFIRMATION -> {
				audit.add(new AuditEntry("customer." + r.intent().name().toLowerCase(java.util.Locale.ROOT), r.text()));
				if (r.intent() == ReplyIntent.CONFIRMED) {
					actions.add(new ActionSpec.PostComment(Messages.confirmed(current.customerName()), true));
					actions.add(new ActionSpec.Transition(TargetStatus.RESOLVED, "Done"));
					return new Step(current.withState(RequestState.RESOLVED_BY_BOT, now), actions, audit);
				}
				actions.add(new ActionSpec.PostComment(Messages.escalated(current.customerName()), true));
				actions.add(new ActionSpec.PostComment(Messages.answerRejected(r.text()), false));
				actions.add(new ActionSpec.Transition(TargetStatus.IN_PROGRESS, null));
				actions.add(new ActionSpec.Route("the customer still needs help after the bot's answer"));
				return new Step(current.withState(RequestState.ESCALATED, now), actions, audit);
			}
			case RESOLVED_BY_BOT -> {
				audit.add(new AuditEntry("customer.reopened", r.text()));
				actions.add(new ActionSpec.PostComment(Messages.answerRejected(r.text()), false));
				actions.add(new ActionSpec.Transition(TargetStatus.REOPENED, null));
				actions.add(new ActionSpec.Route("the customer wrote again after the bot resolved the request"));
				return new Step(current.withState(RequestState.ESCALATED, now), actions, audit);
			}
			default -> {
				return Step.unchanged(current);
			}
		}
	}

	private static Step agentCommented(RequestRecord current, WorkflowEvent.AgentCommented c) {
		if (!c.isPublic() || current.firstResponseAt() != null) {
			return Step.unchanged(current);
		}
		return new Step(current.withFirstResponse(c.at()), List.of(), List.of(new AuditEntry("agent.first-response", c.agentId())));
	}

	private static Step assigneeChanged(RequestRecord current, WorkflowEvent.AssigneeChanged a, Instant now) {
		if (java.util.Objects.equals(current.assigneeId(), a.agentId())) {
			return Step.unchanged(current);
		}
		RequestRecord next = current.withAssignee(a.agentId(), now);
		List<AuditEntry> audit = List.of(new AuditEntry("assignee.changed", a.agentId() == null ? "unassigned" : a.agentId()));
		if (a.agentId() != null && (current.state() == RequestState.ESCALATED || current.state() == RequestState.RECEIVED
				|| current.state() == RequestState.AWAITING_CONFIRMATION)) {
			return new Step(next.withState(RequestState.ASSIGNED, now), List.of(), audit);
		}
		if (a.agentId() == null && current.state() == RequestState.ASSIGNED) {
			return new Step(next.withState(RequestState.ESCALATED, now), List.of(new ActionSpec.Route("unassigned by an agent")), audit);
		}
		return new Step(next, List.of(), audit);
	}

	private static Step statusChanged(RequestRecord current, WorkflowEvent.StatusChanged s, Instant now) {
		boolean resolved = current.state() == RequestState.RESOLVED || current.state() == RequestState.RESOLVED_BY_BOT;
		if (s.category() == StatusCategory.DONE && !resolved) {
			RequestState next = current.state() == RequestState.AWAITING_CONFIRMATION && current.assigneeId() == null
					? RequestState.RESOLVED_BY_BOT : RequestState.RESOLVED;
			return new Step(current.withState(next, now), List.of(), List.of(new AuditEntry("request.resolved", next.name())));
		}
		if (s.category() != StatusCategory.DONE && resolved) {
			List<ActionSpec> actions = new ArrayList<>();
			RequestState next = current.assigneeId() == null ? RequestState.ESCALATED : RequestState.ASSIGNED;
			if (next == RequestState.ESCALATED) {
				actions.add(new ActionSpec.Route("the request was reopened"));
			}
			return new Step(current.withState(next, now), actions, List.of(new AuditEntry("request.reopened", current.state().name())));
		}
		return Step.unchanged(current);
	}

	/**
	 * What an event does: the new record (null when nothing is recorded), the actions to deliver, what to audit.
	 *
	 * @param next the new record, or null when the request is not tracked
	 * @param actions actions in delivery order
	 * @param audit audit entries
	 */
	record Step(@Nullable RequestRecord next, List<ActionSpec> actions, List<AuditEntry> audit) {

		static Step none() {
			return new Step(null, List.of(), List.of());
		}

		static Step unchanged(RequestRecord current) {
			return new Step(current, List.of(), List.of());
		}

	}

	/**
	 * One line of the audit log.
	 *
	 * @param action what happened
	 * @param detail why, or the data behind it
	 */
	record AuditEntry(String action, @Nullable String detail) {
	}

}

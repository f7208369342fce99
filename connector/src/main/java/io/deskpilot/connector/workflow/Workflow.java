package io.deskpilot.connector.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.connector.conversation.Messages;
import io.deskpilot.connector.conversation.ReplyIntent;
import io.deskpilot.connector.conversation.Templates;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.platform.TargetStatus;
import io.deskpilot.connector.policy.Policy;
import org.jspecify.annotations.Nullable;

/**
 * The request state machine as a pure function: (state, event) → (state, actions, audit, feedback, follow-ups). It
 * reads nothing and writes nothing; the processor persists the result in one transaction.
 *
 * <pre>
 * received ─ANSWER→ awaiting confirmation ─"solved" / silence→ resolved by bot ─reply/reopen→ escalated
 *     │                    └─"no" / question / agent takes over→ escalated / assigned
 *     └─SUGGEST, ROUTE, guard rule, shadow→ escalated ─routed / agent takes it→ assigned ─done→ resolved ─reopen→ …
 * </pre>
 */
final class Workflow {

	private Workflow() {
	}

	/**
	 * What the workflow reads besides the record and the event.
	 *
	 * @param policy the installation's policy
	 * @param templates the installation's reply templates
	 */
	record Context(Policy policy, Templates templates) {

		String text(RequestRecord r, String template, Map<String, String> values) {
			Map<String, String> all = new java.util.HashMap<>(values);
			if (r.customerName() != null && !r.customerName().contains("@")) {
				all.put("name", r.customerName().strip().split("\\s+")[0]);
			}
			return this.templates.render(r.language(), template, all);
		}

	}

	/** Applies an event to a request's record (null: not seen before). */
	static Step apply(String installationId, @Nullable RequestRecord current, WorkflowEvent event, Instant now, Context ctx) {
		if (current == null) {
			return event instanceof WorkflowEvent.Received r ? received(installationId, r, now, ctx) : Step.none();
		}
		return switch (event) {
			case WorkflowEvent.Received r -> Step.unchanged(current);
			case WorkflowEvent.CustomerReplied r -> customerReplied(current, r, now, ctx);
			case WorkflowEvent.AgentCommented c -> agentCommented(current, c);
			case WorkflowEvent.AssigneeChanged a -> assigneeChanged(current, a, now, ctx);
			case WorkflowEvent.RoutedTo r -> routedTo(current, r, now, ctx);
			case WorkflowEvent.StatusChanged s -> statusChanged(current, s, now);
			case WorkflowEvent.ResolutionUndone u -> resolutionUndone(current, u, now);
			case WorkflowEvent.ConfirmationTimedOut t -> confirmationTimedOut(current, t, now, ctx);
			case WorkflowEvent.FirstResponseDue d -> firstResponseDue(current, d, now);
			case WorkflowEvent.ClusterFormed c -> clusterFormed(current, c);
			case WorkflowEvent.MasterResolved m -> masterResolved(current, m, now, ctx);
		};
	}

	private static Step received(String installationId, WorkflowEvent.Received r, Instant now, Context ctx) {
		PlatformRequest req = r.request();
		Decision d = r.decision();
		WorkflowEvent.Intake in = r.intake();
		RequestRecord base = new RequestRecord(installationId, req.key(), RequestState.RECEIVED, req.reporter().id(),
				req.reporter().displayName(), req.organization(), req.requestType(), req.summary(),
				req.assignee() == null ? null : req.assignee().id(), d.action().name(), d.confidence(),
				d.chosen() == null ? null : d.chosen().id(), r.decisionDetail(), now, null, null,
				req.assignee() == null ? null : now, null, now, 0, in.language(), req.labels(), req.components(),
				in.shadow(), in.guardRule(), in.firstResponseDue(), null, null, in.fingerprint(), in.clusterMaster());
		Step.Builder step = new Step.Builder();
		step.audit("decision." + d.action().name().toLowerCase(Locale.ROOT), r.decisionDetail());
		if (in.clusterMaster() != null) {
			step.audit("outage.joined", "similar to " + in.clusterMaster() + " and others received in the last "
					+ ctx.policy().clusterWindowMinutes() + " minutes");
			step.action(new ActionSpec.Link(in.clusterMaster()));
			if (in.formsCluster()) {
				step.followUp(InboxEventType.CLUSTER_FORMED, in.clusterMaster(), "cluster:" + in.clusterMaster(), null);
			}
		}
		if (req.status().category() == StatusCategory.DONE) {
			return step.build(base.withState(RequestState.RESOLVED, now));
		}
		if (req.assignee() != null) {
			// an agent already owns it: the bot only helps the agent
			if (d.action() != Action.ROUTE || !d.evidence().isEmpty()) {
				step.action(new ActionSpec.PostComment(d.action() == Action.ROUTE ? Messages.assist(d) : Messages.suggestion(d), false));
			}
			return step.build(base.withState(RequestState.ASSIGNED, now));
		}
		boolean answer = d.action() == Action.ANSWER;
		if (answer && in.guardRule() == null && !in.shadow()) {
			step.action(new ActionSpec.PostComment(ctx.text(base, "answer", Map.of("answer", d.answer().strip())), true));
			step.action(new ActionSpec.Transition(TargetStatus.WAITING_FOR_CUSTOMER, null));
			return step.build(base.withState(RequestState.AWAITING_CONFIRMATION, now).withAnswered(now));
		}
		step.action(new ActionSpec.PostComment(ctx.text(base, "acknowledgement",
				Map.of("position", Integer.toString(in.queuePosition()), "eta", in.eta())), true));
		String reason;
		if (answer && in.guardRule() != null) {
			reason = "never-auto-answer rule: " + in.guardRule();
			step.audit("guard.matched", in.guardRule());
			step.action(new ActionSpec.PostComment("Deskpilot did not answer this request itself because of the rule "
					+ in.guardRule() + ".\n\n" + Messages.suggestion(d), false));
		}
		else if (answer) {
			reason = "shadow mode: the bot only drafts";
			step.audit("shadow.draft", d.chosen() == null ? null : d.chosen().id());
			step.action(new ActionSpec.PostComment("Deskpilot draft (shadow mode, not sent to the customer). It would have "
					+ "replied:\n\n" + ctx.text(base, "answer", Map.of("answer", d.answer().strip())) + "\n\n"
					+ Messages.suggestion(d), false));
		}
		else if (d.action() == Action.SUGGEST) {
			reason = "bot suggestion below the answer threshold";
			step.action(new ActionSpec.PostComment(Messages.suggestion(d), false));
		}
		else {
			reason = d.explanation();
			step.action(new ActionSpec.PostComment(Messages.assist(d), false));
		}
		step.action(new ActionSpec.Route(reason));
		return step.build(base.withState(RequestState.ESCALATED, now).withNotice(now));
	}

	private static Step customerReplied(RequestRecord current, WorkflowEvent.CustomerReplied r, Instant now, Context ctx) {
		Step.Builder step = new Step.Builder();
		switch (current.state()) {
			case AWAITING_CONFIRMATION -> {
				step.audit("customer." + r.intent().name().toLowerCase(Locale.ROOT), r.text());
				if (r.intent() == ReplyIntent.CONFIRMED) {
					step.feedback("CONFIRMED");
					step.action(new ActionSpec.PostComment(ctx.text(current, "confirmed", Map.of()), true));
					step.action(new ActionSpec.Transition(TargetStatus.RESOLVED, "Done"));
					return step.build(current.withState(RequestState.RESOLVED_BY_BOT, now));
				}
				step.feedback(r.intent() == ReplyIntent.NOT_SOLVED ? "REJECTED" : "FOLLOW_UP");
				step.action(new ActionSpec.PostComment(ctx.text(current, "escalated", Map.of()), true));
				step.action(new ActionSpec.PostComment(Messages.answerRejected(r.text()), false));
				step.action(new ActionSpec.Transition(TargetStatus.IN_PROGRESS, null));
				step.action(new ActionSpec.Route("the customer still needs help after the bot's answer"));
				return step.build(current.withState(RequestState.ESCALATED, now).withNotice(now));
			}
			case RESOLVED_BY_BOT -> {
				step.audit("customer.reopened", r.text());
				if (current.answeredAt() != null) {
					step.feedback("REOPENED");
				}
				step.action(new ActionSpec.PostComment(Messages.answerRejected(r.text()), false));
				step.action(new ActionSpec.Transition(TargetStatus.REOPENED, null));
				step.action(new ActionSpec.Route("the customer wrote again after the bot resolved the request"));
				return step.build(current.withState(RequestState.ESCALATED, now).withAssignee(null, now));
			}
			default -> {
				return Step.unchanged(current);
			}
		}
	}

	private static Step agentCommented(RequestRecord current, WorkflowEvent.AgentCommented c) {
		if (!c.isPublic() || current.firstResponseAt() != null && current.state() != RequestState.AWAITING_CONFIRMATION) {
			return Step.unchanged(current);
		}
		Step.Builder step = new Step.Builder();
		if (current.state() == RequestState.AWAITING_CONFIRMATION) {
			// a person answered in the bot's place: the bot's answer was overridden
			step.feedback("OVERRIDDEN");
			step.audit("agent.override", c.agentId());
			return step.build(current.withFirstResponse(c.at()).withState(RequestState.ASSIGNED, c.at())
				.withAssignee(current.assigneeId() == null ? c.agentId() : current.assigneeId(), c.at()));
		}
		step.audit("agent.first-response", c.agentId());
		return step.build(current.withFirstResponse(c.at()));
	}

	private static Step assigneeChanged(RequestRecord current, WorkflowEvent.AssigneeChanged a, Instant now, Context ctx) {
		if (Objects.equals(current.assigneeId(), a.agentId()) && (a.agentId() == null || current.state() != RequestState.ESCALATED)) {
			return Step.unchanged(current);
		}
		Step.Builder step = new Step.Builder();
		step.audit("assignee.changed", a.agentId() == null ? "unassigned" : a.agentId());
		RequestRecord next = current.withAssignee(a.agentId(), now);
		RequestState s = current.state();
		if (a.agentId() != null && (s == RequestState.ESCALATED || s == RequestState.RECEIVED || s == RequestState.AWAITING_CONFIRMATION)) {
			if (s == RequestState.AWAITING_CONFIRMATION) {
				step.feedback("OVERRIDDEN");
			}
			return step.build(notifyAssigned(next.withState(RequestState.ASSIGNED, now), current, a.agentName(), now, ctx, step));
		}
		if (a.agentId() != null && s == RequestState.ASSIGNED) {
			return step.build(notifyAssigned(next, current, a.agentName(), now, ctx, step));
		}
		if (a.agentId() == null && s == RequestState.ASSIGNED) {
			step.action(new ActionSpec.Route("unassigned by an agent"));
			return step.build(next.withState(RequestState.ESCALATED, now));
		}
		return step.build(next);
	}

	private static Step routedTo(RequestRecord current, WorkflowEvent.RoutedTo r, Instant now, Context ctx) {
		if (current.state() != RequestState.ESCALATED) {
			return Step.unchanged(current);
		}
		Step.Builder step = new Step.Builder();
		step.audit("routed", r.agentId() + ": " + r.reason());
		RequestRecord next = current.withAssignee(r.agentId(), now).withState(RequestState.ASSIGNED, now);
		return step.build(notifyAssigned(next, current, r.agentName(), now, ctx, step));
	}

	/**
	 * Tells the customer who took the request: always on the first assignment, on reassignments only when the last
	 * notice is older than the policy's notice interval (nobody is spammed by reassignment churn).
	 */
	private static RequestRecord notifyAssigned(RequestRecord next, RequestRecord before, @Nullable String agentName,
			Instant now, Context ctx, Step.Builder step) {
		boolean first = before.assignedAt() == null;
		boolean quiet = before.lastNoticeAt() == null
				|| Duration.between(before.lastNoticeAt(), now).compareTo(ctx.policy().noticeInterval()) >= 0;
		if (!(first || quiet)) {
			step.audit("notice.suppressed", "assignment notice within " + ctx.policy().noticeIntervalMinutes() + " minutes of the last");
			return next;
		}
		String name = agentName == null || agentName.isBlank() ? "An agent" : agentName.strip().split("\\s+")[0];
		step.action(new ActionSpec.PostComment(ctx.text(next, "assigned", Map.of("agent", name)), true));
		return next.withNotice(now);
	}

	private static Step statusChanged(RequestRecord current, WorkflowEvent.StatusChanged s, Instant now) {
		boolean resolved = current.resolved();
		Step.Builder step = new Step.Builder();
		if (s.category() == StatusCategory.DONE && !resolved) {
			RequestState next = current.state() == RequestState.AWAITING_CONFIRMATION && current.assigneeId() == null
					? RequestState.RESOLVED_BY_BOT : RequestState.RESOLVED;
			step.audit("request.resolved", next.name());
			for (String member : s.clusterMembers()) {
				step.audit("outage.resolved", "telling the requester of " + member);
				step.followUp(InboxEventType.MASTER_RESOLVED, member, "outage:" + current.requestKey() + ":" + member + ":"
						+ now.toEpochMilli(), current.requestKey());
			}
			return step.build(current.withState(next, now));
		}
		if (s.category() != StatusCategory.DONE && resolved) {
			RequestState next = current.assigneeId() == null ? RequestState.ESCALATED : RequestState.ASSIGNED;
			if (next == RequestState.ESCALATED) {
				step.action(new ActionSpec.Route("the request was reopened"));
			}
			if (current.state() == RequestState.RESOLVED_BY_BOT && current.answeredAt() != null) {
				step.feedback("REOPENED");
			}
			step.audit("request.reopened", current.state().name());
			return step.build(current.withState(next, now));
		}
		return Step.unchanged(current);
	}

	/**
	 * An admin undid the bot's resolution (from the console's activity log): the request is reopened and goes to a
	 * person, the answer counts as overridden. Only a resolution by the bot can be undone.
	 */
	private static Step resolutionUndone(RequestRecord current, WorkflowEvent.ResolutionUndone u, Instant now) {
		if (current.state() != RequestState.RESOLVED_BY_BOT) {
			return Step.unchanged(current);
		}
		Step.Builder step = new Step.Builder();
		step.audit("admin.undo-resolution", u.admin());
		step.feedback("OVERRIDDEN");
		step.action(new ActionSpec.PostComment("An admin (" + u.admin() + ") undid Deskpilot's resolution of this request: "
				+ "the bot's answer should not have closed it. Please take it from here.", false));
		step.action(new ActionSpec.Transition(TargetStatus.REOPENED, null));
		step.action(new ActionSpec.Route("an admin undid the bot's resolution"));
		return step.build(current.withState(RequestState.ESCALATED, now).withAssignee(null, now));
	}

	private static Step confirmationTimedOut(RequestRecord current, WorkflowEvent.ConfirmationTimedOut t, Instant now, Context ctx) {
		if (current.state() != RequestState.AWAITING_CONFIRMATION || !t.answeredAt().equals(current.answeredAt())) {
			return Step.unchanged(current);
		}
		Step.Builder step = new Step.Builder();
		step.feedback("UNCONFIRMED");
		step.audit("request.resolved-unconfirmed", "no reply for " + t.days() + " days after the bot's answer");
		step.action(new ActionSpec.PostComment(ctx.text(current, "closedUnconfirmed", Map.of("days", Integer.toString(t.days()))), true));
		step.action(new ActionSpec.Transition(TargetStatus.RESOLVED, "Done"));
		return step.build(current.withState(RequestState.RESOLVED_BY_BOT, now).withNotice(now));
	}

	private static Step firstResponseDue(RequestRecord current, WorkflowEvent.FirstResponseDue d, Instant now) {
		boolean waiting = current.state() == RequestState.ESCALATED || current.state() == RequestState.ASSIGNED;
		if (!waiting || current.firstResponseAt() != null || current.slaEscalatedAt() != null) {
			return Step.unchanged(current);
		}
		Step.Builder step = new Step.Builder();
		long minutes = Duration.between(now, d.due()).toMinutes();
		String when = minutes >= 0 ? "in " + minutes + " minutes" : (-minutes) + " minutes ago";
		StringBuilder note = new StringBuilder("First-response target at risk: due ").append(d.due()).append(" (").append(when).append(").");
		if (d.leadId() == null) {
			note.append(" No team lead is configured in Deskpilot to escalate to.");
		}
		else if (current.assigneeId() == null || current.state() == RequestState.ESCALATED) {
			note.append(" Nobody has taken the request yet: escalated to ").append(d.leadName()).append('.');
			step.action(new ActionSpec.Route("first response nears its target", d.leadId()));
		}
		else {
			note.append(" Assigned to ").append(current.assigneeId()).append(", no public response yet; ")
				.append(d.leadName())
				.append(" (lead) is alerted.");
		}
		step.audit("sla.escalated", note.toString());
		step.actionFirst(new ActionSpec.PostComment(note.toString(), false));
		return step.build(current.with(b -> b.slaEscalatedAt = now));
	}

	private static Step clusterFormed(RequestRecord current, WorkflowEvent.ClusterFormed c) {
		Step.Builder step = new Step.Builder();
		List<String> others = c.members().stream().filter(k -> !k.equals(current.requestKey())).toList();
		if (others.isEmpty()) {
			return Step.unchanged(current);
		}
		step.audit("outage.cluster", String.join(", ", others));
		step.action(new ActionSpec.PostComment("Possible outage: " + (others.size() + 1)
				+ " similar requests arrived within a short time. This request is the master; linked: " + String.join(", ", others)
				+ ". When this one is resolved, Deskpilot tells every linked requester.", false));
		return step.build(current);
	}

	private static Step masterResolved(RequestRecord current, WorkflowEvent.MasterResolved m, Instant now, Context ctx) {
		if (current.resolved()) {
			return Step.unchanged(current);
		}
		Step.Builder step = new Step.Builder();
		step.audit("outage.master-resolved", m.masterKey());
		step.action(new ActionSpec.PostComment(ctx.text(current, "outageResolved", Map.of("resolution", m.resolution())), true));
		if (current.state() == RequestState.ESCALATED && current.assigneeId() == null) {
			// nobody worked on it: the master's fix is the answer; the customer confirms like a bot answer
			step.action(new ActionSpec.Transition(TargetStatus.WAITING_FOR_CUSTOMER, null));
			return step.build(current.withState(RequestState.AWAITING_CONFIRMATION, now).withAnswered(now).withNotice(now));
		}
		return step.build(current.withNotice(now));
	}

	/**
	 * What an event does.
	 *
	 * @param next the new record, or null when the request is not tracked
	 * @param actions platform actions in delivery order
	 * @param audit audit entries
	 * @param feedback outcomes of the bot's answer to record (CONFIRMED, REJECTED, REOPENED, UNCONFIRMED, OVERRIDDEN)
	 * @param followUps events for this or other requests, appended to the inbox in the same transaction
	 */
	record Step(@Nullable RequestRecord next, List<ActionSpec> actions, List<AuditEntry> audit, List<String> feedback,
			List<FollowUp> followUps) {

		static Step none() {
			return new Step(null, List.of(), List.of(), List.of(), List.of());
		}

		static Step unchanged(RequestRecord current) {
			return new Step(current, List.of(), List.of(), List.of(), List.of());
		}

		/** Collects a step. */
		static final class Builder {

			private final List<ActionSpec> actions = new ArrayList<>();

			private final List<AuditEntry> audit = new ArrayList<>();

			private final List<String> feedback = new ArrayList<>();

			private final List<FollowUp> followUps = new ArrayList<>();

			void action(ActionSpec a) {
				this.actions.add(a);
			}

			void actionFirst(ActionSpec a) {
				this.actions.add(0, a);
			}

			void audit(String action, @Nullable String detail) {
				this.audit.add(new AuditEntry(action, detail));
			}

			void feedback(String outcome) {
				this.feedback.add(outcome);
			}

			void followUp(InboxEventType type, String requestKey, String dedupeKey, @Nullable String subject) {
				this.followUps.add(new FollowUp(type, requestKey, dedupeKey, subject));
			}

			Step build(RequestRecord next) {
				return new Step(next, List.copyOf(this.actions), List.copyOf(this.audit), List.copyOf(this.feedback),
						List.copyOf(this.followUps));
			}

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

	/**
	 * An event for the inbox.
	 *
	 * @param type what kind
	 * @param requestKey the request it is for
	 * @param dedupeKey its dedupe key
	 * @param subject what it is about (the master of MASTER_RESOLVED)
	 */
	record FollowUp(InboxEventType type, String requestKey, String dedupeKey, @Nullable String subject) {
	}

}

package io.deskpilot.connector.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.connector.conversation.ReplyIntent;
import io.deskpilot.connector.conversation.Templates;
import io.deskpilot.connector.platform.Person;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.RequestStatus;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.platform.TargetStatus;
import io.deskpilot.connector.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowTests {

	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	private static final Workflow.Context CTX = new Workflow.Context(Policy.DEFAULTS, Templates.of(Map.of()));

	@Test
	void received_answer_postsPublicReplyAndWaitsForCustomer() {
		Workflow.Step step = apply(null, received(Action.ANSWER, null, intake("en", null, false)));

		assertThat(step.next().state()).isEqualTo(RequestState.AWAITING_CONFIRMATION);
		assertThat(step.next().answeredAt()).isEqualTo(NOW);
		assertThat(step.next().firstResponseAt()).isEqualTo(NOW);
		assertThat(step.actions()).hasSize(2);
		assertThat(step.actions().get(0)).isInstanceOfSatisfying(ActionSpec.PostComment.class, c -> {
			assertThat(c.isPublic()).isTrue();
			assertThat(c.body()).startsWith("Hi Sam,").contains("Restart the router").contains("solved");
		});
		assertThat(step.actions().get(1)).isEqualTo(new ActionSpec.Transition(TargetStatus.WAITING_FOR_CUSTOMER, null));
	}

	@Test
	void received_answer_inTheCustomersLanguage() {
		Workflow.Step step = apply(null, received(Action.ANSWER, null, intake("de", null, false)));

		assertThat(((ActionSpec.PostComment) step.actions().get(0)).body()).startsWith("Hallo Sam,").contains("gelöst");
		assertThat(step.next().language()).isEqualTo("de");
	}

	@Test
	void received_route_acknowledgesWithQueuePositionAndEta_notesForAgent_andRoutes() {
		Workflow.Step step = apply(null, received(Action.ROUTE, null, intake("en", null, false)));

		assertThat(step.next().state()).isEqualTo(RequestState.ESCALATED);
		assertThat(step.next().lastNoticeAt()).isEqualTo(NOW);
		assertThat(step.next().firstResponseDue()).isEqualTo(NOW.plus(Duration.ofHours(4)));
		assertThat(step.actions()).hasSize(3);
		assertThat(((ActionSpec.PostComment) step.actions().get(0)).body()).contains("number 3 in the queue")
			.contains("within about 40 minutes");
		assertThat(step.actions().get(1)).isInstanceOfSatisfying(ActionSpec.PostComment.class, note -> {
			assertThat(note.isPublic()).isFalse();
			assertThat(note.body()).contains("IT-7: Wi-Fi drops hourly").contains("A starting point for the reply")
				.contains("Restart the router.").contains("Why: because");
		});
		assertThat(step.actions().get(2)).isInstanceOf(ActionSpec.Route.class);
	}

	@Test
	void received_answerButAGuardRuleMatched_goesToAPersonWithTheSuggestion() {
		Workflow.Step step = apply(null, received(Action.ANSWER, null, intake("en", "topic 'billing'", false)));

		assertThat(step.next().state()).isEqualTo(RequestState.ESCALATED);
		assertThat(step.actions()).noneMatch(a -> a instanceof ActionSpec.PostComment c && c.isPublic() && c.body().contains("Restart"));
		assertThat(((ActionSpec.PostComment) step.actions().get(1)).body()).contains("topic 'billing'").contains("Restart the router");
		assertThat(step.audit()).anyMatch(a -> a.action().equals("guard.matched"));
	}

	@Test
	void received_answerInShadowMode_isOnlyADraftForTheAgent() {
		Workflow.Step step = apply(null, received(Action.ANSWER, null, intake("en", null, true)));

		assertThat(step.next().shadow()).isTrue();
		assertThat(step.next().answeredAt()).isNull();
		List<ActionSpec.PostComment> comments = step.actions().stream()
			.filter(ActionSpec.PostComment.class::isInstance).map(ActionSpec.PostComment.class::cast).toList();
		assertThat(comments.stream().filter(ActionSpec.PostComment::isPublic)).singleElement()
			.satisfies(c -> assertThat(c.body()).doesNotContain("Restart the router"));
		assertThat(comments.stream().filter(c -> !c.isPublic())).singleElement()
			.satisfies(c -> assertThat(c.body()).contains("shadow mode").contains("Restart the router"));
	}

	@Test
	void received_withAnAssignee_onlyNotesForTheAgent() {
		Workflow.Step step = apply(null, received(Action.ANSWER, new Person("a1", "Alex", null), intake("en", null, false)));

		assertThat(step.next().state()).isEqualTo(RequestState.ASSIGNED);
		assertThat(step.actions()).singleElement()
			.isInstanceOfSatisfying(ActionSpec.PostComment.class, c -> assertThat(c.isPublic()).isFalse());
	}

	@Test
	void received_joiningAnOutage_linksToTheMaster_andTheThirdReportFormsTheCluster() {
		WorkflowEvent.Intake in = new WorkflowEvent.Intake("en", null, false, 1, "soon", NOW, "mail outage", "HELP-0", true);
		Workflow.Step step = apply(null, received(Action.ROUTE, null, in));

		assertThat(step.next().clusterMaster()).isEqualTo("HELP-0");
		assertThat(step.actions()).contains(new ActionSpec.Link("HELP-0"));
		assertThat(step.followUps()).containsExactly(new Workflow.FollowUp(InboxEventType.CLUSTER_FORMED, "HELP-0", "cluster:HELP-0", null));
	}

	@Test
	void confirmation_resolvesByBot_andRecordsFeedback() {
		RequestRecord waiting = apply(null, received(Action.ANSWER, null, intake("en", null, false))).next();
		Workflow.Step step = apply(waiting, reply(ReplyIntent.CONFIRMED));

		assertThat(step.next().state()).isEqualTo(RequestState.RESOLVED_BY_BOT);
		assertThat(step.actions()).contains(new ActionSpec.Transition(TargetStatus.RESOLVED, "Done"));
		assertThat(step.feedback()).containsExactly("CONFIRMED");
	}

	@Test
	void notSolvedOrAFollowUpQuestion_escalatesWithContext() {
		RequestRecord waiting = apply(null, received(Action.ANSWER, null, intake("en", null, false))).next();
		for (ReplyIntent intent : List.of(ReplyIntent.NOT_SOLVED, ReplyIntent.OTHER)) {
			Workflow.Step step = apply(waiting, reply(intent));

			assertThat(step.next().state()).isEqualTo(RequestState.ESCALATED);
			assertThat(step.actions()).anyMatch(a -> a instanceof ActionSpec.Route);
			assertThat(step.actions()).anyMatch(a -> a instanceof ActionSpec.PostComment c && !c.isPublic() && c.body().contains("still broken"));
			assertThat(step.feedback()).containsExactly(intent == ReplyIntent.NOT_SOLVED ? "REJECTED" : "FOLLOW_UP");
		}
	}

	@Test
	void silence_resolvesAsUnconfirmed_onlyForTheAnswerItWasSetFor() {
		RequestRecord waiting = apply(null, received(Action.ANSWER, null, intake("en", null, false))).next();

		Workflow.Step stale = apply(waiting, new WorkflowEvent.ConfirmationTimedOut(NOW.minusSeconds(5), 3));
		Workflow.Step due = apply(waiting, new WorkflowEvent.ConfirmationTimedOut(NOW, 3));

		assertThat(stale.next()).isEqualTo(waiting);
		assertThat(stale.actions()).isEmpty();
		assertThat(due.next().state()).isEqualTo(RequestState.RESOLVED_BY_BOT);
		assertThat(((ActionSpec.PostComment) due.actions().get(0)).body()).contains("3 days");
		assertThat(due.feedback()).containsExactly("UNCONFIRMED");
	}

	@Test
	void reopenAfterBotResolution_routesToAHuman_andCountsAsReopened() {
		RequestRecord waiting = apply(null, received(Action.ANSWER, null, intake("en", null, false))).next();
		RequestRecord resolved = apply(waiting, reply(ReplyIntent.CONFIRMED)).next();
		Workflow.Step step = apply(resolved, new WorkflowEvent.StatusChanged(StatusCategory.IN_PROGRESS, List.of()));

		assertThat(step.next().state()).isEqualTo(RequestState.ESCALATED);
		assertThat(step.actions()).anyMatch(a -> a instanceof ActionSpec.Route);
		assertThat(step.feedback()).containsExactly("REOPENED");
	}

	@Test
	void adminUndoesABotResolution_reopensRoutesAndCountsAsOverridden_butOnlyABotResolution() {
		RequestRecord waiting = apply(null, received(Action.ANSWER, null, intake("en", null, false))).next();
		RequestRecord resolved = apply(waiting, reply(ReplyIntent.CONFIRMED)).next();
		Workflow.Step undone = apply(resolved, new WorkflowEvent.ResolutionUndone("alice.admin"));

		assertThat(undone.next().state()).isEqualTo(RequestState.ESCALATED);
		assertThat(undone.feedback()).containsExactly("OVERRIDDEN");
		assertThat(undone.actions()).hasSize(3);
		assertThat(undone.actions().get(0)).isInstanceOfSatisfying(ActionSpec.PostComment.class,
				c -> assertThat(c.isPublic()).isFalse());
		assertThat(undone.actions().get(1)).isEqualTo(new ActionSpec.Transition(TargetStatus.REOPENED, null));
		assertThat(undone.actions().get(2)).isInstanceOf(ActionSpec.Route.class);
		assertThat(undone.audit()).anyMatch(a -> a.action().equals("admin.undo-resolution") && "alice.admin".equals(a.detail()));

		// a request still waiting for the customer, or already undone, is left as it is
		assertThat(apply(waiting, new WorkflowEvent.ResolutionUndone("alice.admin")).actions()).isEmpty();
		assertThat(apply(undone.next(), new WorkflowEvent.ResolutionUndone("alice.admin")).actions()).isEmpty();
	}

	@Test
	void routedTo_assigns_andTellsTheCustomerWhoTookIt_once() {
		RequestRecord escalated = apply(null, received(Action.ROUTE, null, intake("en", null, false))).next();
		Workflow.Step routed = apply(escalated, new WorkflowEvent.RoutedTo("a1", "Alex Kim", "least loaded"));

		assertThat(routed.next().state()).isEqualTo(RequestState.ASSIGNED);
		assertThat(routed.next().assigneeId()).isEqualTo("a1");
		assertThat(routed.actions()).singleElement()
			.isInstanceOfSatisfying(ActionSpec.PostComment.class, c -> assertThat(c.body()).contains("Alex is now working on your request"));

		// a reassignment two minutes later stays quiet (notice interval 10 minutes)
		Instant later = NOW.plus(Duration.ofMinutes(2));
		Workflow.Step reassigned = Workflow.apply("i", routed.next(), new WorkflowEvent.AssigneeChanged("a2", "Bo"), later, CTX);
		assertThat(reassigned.next().assigneeId()).isEqualTo("a2");
		assertThat(reassigned.actions()).isEmpty();
		assertThat(reassigned.audit()).anyMatch(a -> a.action().equals("notice.suppressed"));

		// but after the interval the customer hears of it
		Workflow.Step much = Workflow.apply("i", routed.next(), new WorkflowEvent.AssigneeChanged("a2", "Bo"),
				NOW.plus(Duration.ofMinutes(30)), CTX);
		assertThat(much.actions()).singleElement()
			.isInstanceOfSatisfying(ActionSpec.PostComment.class, c -> assertThat(c.body()).contains("Bo is now working"));
	}

	@Test
	void agentTakesOverABotAnswer_countsAsOverridden() {
		RequestRecord waiting = apply(null, received(Action.ANSWER, null, intake("en", null, false))).next();
		Workflow.Step step = apply(waiting, new WorkflowEvent.AgentCommented("a1", true, NOW));

		assertThat(step.next().state()).isEqualTo(RequestState.ASSIGNED);
		assertThat(step.feedback()).containsExactly("OVERRIDDEN");
	}

	@Test
	void firstResponseNearBreach_escalatesAnUnassignedRequestToTheLead_once() {
		RequestRecord escalated = apply(null, received(Action.ROUTE, null, intake("en", null, false))).next();
		Workflow.Step step = apply(escalated, new WorkflowEvent.FirstResponseDue(NOW.plus(Duration.ofMinutes(20)), "lead1", "Lee Lead"));

		assertThat(step.next().slaEscalatedAt()).isEqualTo(NOW);
		assertThat(step.actions().get(0)).isInstanceOfSatisfying(ActionSpec.PostComment.class,
				c -> assertThat(c.isPublic()).isFalse());
		assertThat(step.actions()).contains(new ActionSpec.Route("first response nears its target", "lead1"));
		assertThat(apply(step.next(), new WorkflowEvent.FirstResponseDue(NOW, "lead1", "Lee Lead")).actions()).isEmpty();
	}

	@Test
	void firstResponseAlreadyGiven_noEscalation() {
		RequestRecord escalated = apply(null, received(Action.ROUTE, null, intake("en", null, false))).next();
		RequestRecord answered = apply(escalated, new WorkflowEvent.AgentCommented("a1", true, NOW)).next();

		assertThat(apply(answered, new WorkflowEvent.FirstResponseDue(NOW, "lead1", "Lee")).actions()).isEmpty();
	}

	@Test
	void masterResolved_tellsTheLinkedRequester_andAsksThemToConfirm() {
		RequestRecord master = apply(null, received(Action.ROUTE, null, intake("en", null, false))).next();
		Workflow.Step resolved = apply(master, new WorkflowEvent.StatusChanged(StatusCategory.DONE, List.of("HELP-2", "HELP-3")));
		assertThat(resolved.followUps()).extracting(Workflow.FollowUp::requestKey).containsExactly("HELP-2", "HELP-3");
		assertThat(resolved.followUps()).allMatch(f -> f.type() == InboxEventType.MASTER_RESOLVED && "HELP-1".equals(f.subject()));

		RequestRecord member = apply(null, received(Action.ROUTE, null, intake("fr", null, false))).next();
		Workflow.Step told = apply(member, new WorkflowEvent.MasterResolved("HELP-1", "The mail server was restarted."));
		assertThat(told.next().state()).isEqualTo(RequestState.AWAITING_CONFIRMATION);
		assertThat(((ActionSpec.PostComment) told.actions().get(0)).body()).startsWith("Bonjour Sam,")
			.contains("The mail server was restarted.");
	}

	@Test
	void eventsForUnknownRequests_changeNothing() {
		assertThat(apply(null, reply(ReplyIntent.CONFIRMED)).next()).isNull();
		assertThat(apply(null, new WorkflowEvent.StatusChanged(StatusCategory.DONE, List.of())).next()).isNull();
	}

	private static Workflow.Step apply(@Nullable RequestRecord current, WorkflowEvent event) {
		return Workflow.apply("i", current, event, NOW, CTX);
	}

	private static WorkflowEvent.Intake intake(String language, @Nullable String guard, boolean shadow) {
		return new WorkflowEvent.Intake(language, guard, shadow, 3, "within about 40 minutes", NOW.plus(Duration.ofHours(4)),
				"wifi drop hourly", null, false);
	}

	private static WorkflowEvent.Received received(Action action, @Nullable Person assignee, WorkflowEvent.Intake intake) {
		PlatformRequest request = new PlatformRequest("HELP-1", "Wi-Fi drops", "Every hour.",
				new RequestStatus("Open", StatusCategory.NEW), new Person("c1", "Sam Lee", "sam@customer.example"), null, null,
				assignee, NOW, NOW, List.of(), List.of(), null, null);
		KnowledgeEntry entry = new KnowledgeEntry("IT-7", NOW.minusSeconds(86400), NOW.minusSeconds(3600), "Wi-Fi drops hourly", "", "Restart the router.", "",
				EntryKind.ANSWERED, "Fixed", null, List.of());
		Match match = new Match(entry, 1, 10, 10, 1, 0, 0, 0, 0.8, false, false);
		Decision decision = new Decision(action, 0.9, match, "Restart the router.", List.of(match), "rule", "because");
		return new WorkflowEvent.Received(request, decision, "{}", intake);
	}

	private static WorkflowEvent.CustomerReplied reply(ReplyIntent intent) {
		return new WorkflowEvent.CustomerReplied("c-9", intent, "still broken, sorry", NOW);
	}

}

package io.deskpilot.connector.workflow;

import java.time.Instant;
import java.util.List;

import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.connector.conversation.ReplyIntent;
import io.deskpilot.connector.platform.Person;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.RequestStatus;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.platform.TargetStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowTests {

	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void received_answer_postsPublicReplyAndWaitsForCustomer() {
		Workflow.Step step = Workflow.apply("i", null, received(Action.ANSWER, null), NOW);

		assertThat(step.next().state()).isEqualTo(RequestState.AWAITING_CONFIRMATION);
		assertThat(step.next().answeredAt()).isEqualTo(NOW);
		assertThat(step.next().firstResponseAt()).isEqualTo(NOW);
		assertThat(step.actions()).hasSize(2);
		assertThat(step.actions().get(0)).isInstanceOfSatisfying(ActionSpec.PostComment.class, c -> {
			assertThat(c.isPublic()).isTrue();
			assertThat(c.body()).contains("Restart the router").contains("solved");
		});
		assertThat(step.actions().get(1)).isEqualTo(new ActionSpec.Transition(TargetStatus.WAITING_FOR_CUSTOMER, null));
	}

	@Test
	void received_suggest_acknowledgesNotesAndRoutes() {
		Workflow.Step step = Workflow.apply("i", null, received(Action.SUGGEST, null), NOW);

		assertThat(step.next().state()).isEqualTo(RequestState.ESCALATED);
		assertThat(step.actions()).hasSize(3);
		assertThat(((ActionSpec.PostComment) step.actions().get(0)).isPublic()).isTrue();
		assertThat(((ActionSpec.PostComment) step.actions().get(1)).isPublic()).isFalse();
		assertThat(((ActionSpec.PostComment) step.actions().get(1)).body()).contains("Restart the router").contains("IT-7");
		assertThat(step.actions().get(2)).isInstanceOf(ActionSpec.Route.class);
	}

	@Test
	void received_alreadyAssigned_onlyHelpsTheAgent() {
		Workflow.Step step = Workflow.apply("i", null, received(Action.ANSWER, new Person("ann", "Ann", null)), NOW);

		assertThat(step.next().state()).isEqualTo(RequestState.ASSIGNED);
		assertThat(step.actions()).singleElement()
			.isInstanceOfSatisfying(ActionSpec.PostComment.class, c -> assertThat(c.isPublic()).isFalse());
	}

	@Test
	void received_twice_doesNothingTheSecondTime() {
		RequestRecord first = Workflow.apply("i", null, received(Action.ANSWER, null), NOW).next();
		Workflow.Step again = Workflow.apply("i", first, received(Action.ANSWER, null), NOW.plusSeconds(5));
		assertThat(again.next()).isEqualTo(first);
		assertThat(again.actions()).isEmpty();
	}

	@Test
	void confirmation_resolvesByBot() {
		RequestRecord answered = Workflow.apply("i", null, received(Action.ANSWER, null), NOW).next();
		Workflow.Step step = Workflow.apply("i", answered, reply(ReplyIntent.CONFIRMED), NOW.plusSeconds(60));

		assertThat(step.next().state()).isEqualTo(RequestState.RESOLVED_BY_BOT);
		assertThat(step.next().resolvedAt()).isEqualTo(NOW.plusSeconds(60));
		assertThat(step.actions()).contains(new ActionSpec.Transition(TargetStatus.RESOLVED, "Done"));
	}

	@Test
	void stillNeedHelp_escalatesWithContext() {
		RequestRecord answered = Workflow.apply("i", null, received(Action.ANSWER, null), NOW).next();
		Workflow.Step step = Workflow.apply("i", answered, reply(ReplyIntent.NOT_SOLVED), NOW.plusSeconds(60));

		assertThat(step.next().state()).isEqualTo(RequestState.ESCALATED);
		assertThat(step.actions()).anySatisfy(a -> assertThat(a).isInstanceOf(ActionSpec.Route.class));
		assertThat(step.actions()).anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(ActionSpec.PostComment.class,
				c -> assertThat(c.body()).contains("still broken")));
	}

	@Test
	void customerWritesAfterBotResolution_reopens() {
		RequestRecord answered = Workflow.apply("i", null, received(Action.ANSWER, null), NOW).next();
		RequestRecord resolved = Workflow.apply("i", answered, reply(ReplyIntent.CONFIRMED), NOW.plusSeconds(60)).next();
		Workflow.Step step = Workflow.apply("i", resolved, reply(ReplyIntent.OTHER), NOW.plusSeconds(3600));

		assertThat(step.next().state()).isEqualTo(RequestState.ESCALATED);
		assertThat(step.actions()).contains(new ActionSpec.Transition(TargetStatus.REOPENED, null));
	}

	@Test
	void assignment_andResolutionByAgent() {
		RequestRecord escalated = Workflow.apply("i", null, received(Action.ROUTE, null), NOW).next();
		RequestRecord assigned = Workflow.apply("i", escalated, new WorkflowEvent.AssigneeChanged("bob"), NOW.plusSeconds(10)).next();
		assertThat(assigned.state()).isEqualTo(RequestState.ASSIGNED);
		assertThat(assigned.assigneeId()).isEqualTo("bob");
		assertThat(assigned.assignedAt()).isEqualTo(NOW.plusSeconds(10));

		RequestRecord done = Workflow.apply("i", assigned, new WorkflowEvent.StatusChanged(StatusCategory.DONE), NOW.plusSeconds(99)).next();
		assertThat(done.state()).isEqualTo(RequestState.RESOLVED);

		Workflow.Step reopened = Workflow.apply("i", done, new WorkflowEvent.StatusChanged(StatusCategory.NEW), NOW.plusSeconds(200));
		assertThat(reopened.next().state()).isEqualTo(RequestState.ASSIGNED);
	}

	@Test
	void eventsForUntrackedRequests_doNothing() {
		assertThat(Workflow.apply("i", null, reply(ReplyIntent.CONFIRMED), NOW).next()).isNull();
		assertThat(Workflow.apply("i", null, new WorkflowEvent.StatusChanged(StatusCategory.DONE), NOW).actions()).isEmpty();
	}

	private static WorkflowEvent.Received received(Action action, @Nullable Person assignee) {
		PlatformRequest request = new PlatformRequest("HELP-1", "Wi-Fi drops", "Every hour.",
				new RequestStatus("Open", StatusCategory.NEW), new Person("c1", "Sam Lee", "sam@customer.example"), null, null,
				assignee, NOW, NOW, List.of(), List.of(), null, null);
		KnowledgeEntry entry = new KnowledgeEntry("IT-7", NOW.minusSeconds(86400), "Wi-Fi drops hourly", "", "Restart the router.", "",
				EntryKind.ANSWERED, "Fixed", null, List.of());
		Match match = new Match(entry, 1, 10, 10, 1, 0, 0, 0, 0.8, false);
		Decision decision = new Decision(action, 0.9, match, "Restart the router.", List.of(match), "rule", "because");
		return new WorkflowEvent.Received(request, decision, "{}");
	}

	private static WorkflowEvent.CustomerReplied reply(ReplyIntent intent) {
		return new WorkflowEvent.CustomerReplied("c-9", intent, "still broken, sorry", NOW);
	}

}

package io.deskpilot.connector.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.Person;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.RequestStatus;
import io.deskpilot.connector.platform.StatusCategory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Runs a made-up request through exactly what a real one goes through (the knowledge base's decision, language,
 * never-auto-answer rules, shadow mode, queue forecast, the workflow's first step) and shows what would be posted
 * and why, without touching the desk or Deskpilot's state.
 */
@Service
public class Playground {

	static final String KEY = "PLAYGROUND-1";

	private final InboxProcessor processor;

	private final Installations installations;

	private final Clock clock;

	Playground(InboxProcessor processor, Installations installations, Clock clock) {
		this.processor = processor;
		this.installations = installations;
		this.clock = clock;
	}

	/** What would be posted: a public reply or an internal note. */
	public record Comment(boolean isPublic, String body) {
	}

	/**
	 * A trial's outcome.
	 *
	 * @param decision the knowledge base's decision with its evidence
	 * @param language the language the reply is written in
	 * @param guardRule the never-auto-answer rule that matched, if any
	 * @param shadow whether shadow mode held the answer back
	 * @param comments the comments that would be posted, in order
	 * @param actions the other actions (status change, routing), in words
	 * @param audit what the audit log would record, in words
	 */
	public record Trial(Decision decision, String language, @Nullable String guardRule, boolean shadow,
			List<Comment> comments, List<String> actions, List<String> audit) {
	}

	public Trial run(String installationId, String summary, String description, @Nullable String customerName,
			@Nullable String customerEmail, @Nullable String requestType) {
		this.installations.require(installationId);
		Instant now = this.clock.instant();
		String name = customerName == null || customerName.isBlank() ? "Sam Example" : customerName.strip();
		PlatformRequest request = new PlatformRequest(KEY, summary, description,
				new RequestStatus("Waiting for support", StatusCategory.NEW),
				new Person("playground-customer", name, customerEmail == null || customerEmail.isBlank() ? null : customerEmail.strip()),
				null, requestType == null || requestType.isBlank() ? null : requestType.strip(), null, now, now, List.of(),
				List.of(), null, null);
		InboxProcessor.Facts facts = this.processor.received(installationId, request);
		WorkflowEvent.Received received = (WorkflowEvent.Received) facts.events().get(0);
		Workflow.Step step = Workflow.apply(installationId, null, received, now, this.processor.context(installationId));
		List<Comment> comments = new ArrayList<>();
		List<String> actions = new ArrayList<>();
		for (ActionSpec action : step.actions()) {
			switch (action) {
				case ActionSpec.PostComment c -> comments.add(new Comment(c.isPublic(), c.body()));
				case ActionSpec.Transition t -> actions.add("move the request to " + t.target().name().toLowerCase(Locale.ROOT).replace('_', ' '));
				case ActionSpec.Route r -> actions.add("route it to an agent: " + r.reason());
				case ActionSpec.Link l -> actions.add("link it to " + l.otherKey());
			}
		}
		List<String> audit = step.audit().stream().map(a -> a.action() + (a.detail() == null ? "" : ": " + abbreviate(a.detail()))).toList();
		return new Trial(received.decision(), received.intake().language(), received.intake().guardRule(),
				received.intake().shadow(), comments, actions, audit);
	}

	private static String abbreviate(String s) {
		return s.length() > 300 ? s.substring(0, 300) + "…" : s;
	}

}

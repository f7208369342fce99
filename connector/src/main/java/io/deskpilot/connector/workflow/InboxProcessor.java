package io.deskpilot.connector.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.connector.conversation.ReplyInterpreter;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.KnowledgeBases;
import io.deskpilot.connector.platform.PlatformComment;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.TransientPlatformException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles inbox events: reads the facts back from the platform (never trusting an event's body), asks the knowledge
 * base for new requests, applies the {@link Workflow}, and writes the new state, its outbox actions, the audit entries
 * and the event's completion in one transaction.
 */
@Component
class InboxProcessor {

	private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

	private final Inbox inbox;

	private final RequestStates states;

	private final Outbox outbox;

	private final AuditLog audit;

	private final Installations installations;

	private final KnowledgeBases knowledge;

	private final ReplyInterpreter interpreter;

	private final TransactionTemplate tx;

	private final JsonMapper json;

	private final Clock clock;

	private final WorkSignals signals;

	private final WorkflowProperties properties;

	InboxProcessor(Inbox inbox, RequestStates states, Outbox outbox, AuditLog audit, Installations installations,
			KnowledgeBases knowledge, ReplyInterpreter interpreter, TransactionTemplate tx, JsonMapper json,
			Clock clock, WorkSignals signals, WorkflowProperties properties) {
		this.inbox = inbox;
		this.states = states;
		this.outbox = outbox;
		this.audit = audit;
		this.installations = installations;
		this.knowledge = knowledge;
		this.interpreter = interpreter;
		this.tx = tx;
		this.json = json;
		this.clock = clock;
		this.signals = signals;
		this.properties = properties;
	}

	/** Claims and handles one batch; returns whether there was anything to do. */
	boolean runOnce(String worker) {
		List<InboxEvent> events = this.inbox.claim(worker, this.properties.batchSize(), this.properties.lease());
		for (InboxEvent event : events) {
			handle(event, worker);
		}
		return !events.isEmpty();
	}

	void handle(InboxEvent event, String worker) {
		try {
			Optional<RequestRecord> known = this.states.find(event.installationId(), event.requestKey());
			List<WorkflowEvent> facts = facts(event, known.orElse(null));
			Boolean acted = this.tx.execute(status -> apply(event, worker, facts));
			if (Boolean.TRUE.equals(acted)) {
				this.signals.outbox().wake();
			}
		}
		catch (TransientPlatformException ex) {
			retryOrFail(event, worker, ex, ex.retryAfter());
		}
		catch (PlatformRejectedException ex) {
			log.warn("Event {} of {} refused by the platform: {}", event.dedupeKey(), event.requestKey(), ex.getMessage());
			this.inbox.fail(event.id(), worker, ex.getMessage());
			this.audit.write(event.installationId(), event.requestKey(), "worker", "event.failed", ex.getMessage());
		}
		catch (LeaseLostException ex) {
			log.info("Event {} was taken over by another worker", event.dedupeKey());
		}
		catch (RuntimeException ex) {
			log.warn("Event {} of {} failed: {}", event.dedupeKey(), event.requestKey(), ex.toString());
			retryOrFail(event, worker, ex, null);
		}
	}

	private boolean apply(InboxEvent event, String worker, List<WorkflowEvent> facts) {
		RequestRecord current = this.states.lock(event.installationId(), event.requestKey()).orElse(null);
		boolean isNew = current == null;
		Instant now = this.clock.instant();
		int index = 0;
		boolean acted = false;
		for (WorkflowEvent fact : facts) {
			Workflow.Step step = Workflow.apply(event.installationId(), current, fact, now);
			if (step.next() != null && !step.next().equals(current)) {
				this.states.save(step.next(), isNew);
				isNew = false;
				current = this.states.lock(event.installationId(), event.requestKey()).orElseThrow();
			}
			for (ActionSpec action : step.actions()) {
				String key = idempotencyKey(event, index++);
				acted |= this.outbox.enqueue(event.installationId(), event.requestKey(), type(action), payload(action), key);
			}
			for (Workflow.AuditEntry entry : step.audit()) {
				this.audit.write(event.installationId(), event.requestKey(), "bot", entry.action(), entry.detail());
			}
		}
		if (!this.inbox.complete(event.id(), worker)) {
			throw new LeaseLostException();
		}
		return acted;
	}

	/** What the event means, read back from the platform and the knowledge base. */
	private List<WorkflowEvent> facts(InboxEvent event, @Nullable RequestRecord known) {
		PlatformConnection platform = this.installations.connection(event.installationId());
		switch (event.type()) {
			case REQUEST_CREATED -> {
				if (known != null) {
					return List.of();
				}
				PlatformRequest request = platform.requests().request(event.requestKey());
				Decision decision = this.knowledge.decide(event.installationId(),
						new RequestText(request.key(), request.created(), request.summary(), request.description()));
				return List.of(new WorkflowEvent.Received(request, decision, detail(decision)));
			}
			case COMMENT_ADDED -> {
				if (known == null) {
					return List.of();
				}
				List<PlatformComment> comments = platform.requests().comments(event.requestKey());
				PlatformComment comment = comments.stream()
					.filter(c -> c.id().equals(event.commentId()))
					.findFirst()
					.orElse(event.commentId() == null && !comments.isEmpty() ? comments.get(comments.size() - 1) : null);
				if (comment == null) {
					return List.of();
				}
				return switch (comment.role()) {
					case BOT -> List.of();
					case CUSTOMER -> comment.isPublic()
							? List.of(new WorkflowEvent.CustomerReplied(comment.id(), this.interpreter.interpret(comment.body()),
									comment.body(), comment.created()))
							: List.of();
					case AGENT -> List.of(new WorkflowEvent.AgentCommented(comment.author().id(), comment.isPublic(), comment.created()));
				};
			}
			case REQUEST_UPDATED -> {
				if (known == null) {
					return List.of();
				}
				PlatformRequest request = platform.requests().request(event.requestKey());
				List<WorkflowEvent> facts = new ArrayList<>();
				String assignee = request.assignee() == null ? null : request.assignee().id();
				if (!Objects.equals(assignee, known.assigneeId())) {
					facts.add(new WorkflowEvent.AssigneeChanged(assignee));
				}
				facts.add(new WorkflowEvent.StatusChanged(request.status().category()));
				return facts;
			}
			default -> {
				return List.of();
			}
		}
	}

	private void retryOrFail(InboxEvent event, String worker, RuntimeException ex, java.time.@Nullable Duration retryAfter) {
		if (event.attempts() >= this.properties.maxAttempts()) {
			this.inbox.fail(event.id(), worker, ex.toString());
			this.audit.write(event.installationId(), event.requestKey(), "worker", "event.failed", ex.toString());
			return;
		}
		Instant next = this.clock.instant()
			.plus(Backoff.delay(event.attempts(), this.properties.backoffBase(), this.properties.backoffMax(), retryAfter));
		this.inbox.retryLater(event.id(), worker, next, ex.toString());
	}

	private String detail(Decision d) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("action", d.action().name());
		out.put("confidence", round(d.confidence()));
		out.put("rule", d.rule());
		out.put("explanation", d.explanation());
		out.put("chosen", d.chosen() == null ? null : d.chosen().id());
		List<Map<String, Object>> evidence = new ArrayList<>();
		for (Match m : d.evidence()) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("ticket", m.id());
			e.put("rank", m.rank());
			e.put("score", round(m.score()));
			e.put("lexicalScore", round(m.lexicalScore()));
			e.put("denseScore", round(m.denseScore()));
			e.put("kind", m.entry().kind().name());
			e.put("summary", m.entry().summary());
			evidence.add(e);
		}
		out.put("evidence", evidence);
		return this.json.writeValueAsString(out);
	}

	private static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}

	private static String type(ActionSpec action) {
		return switch (action) {
			case ActionSpec.PostComment c -> ActionTypes.POST_COMMENT;
			case ActionSpec.Transition t -> ActionTypes.TRANSITION;
			case ActionSpec.Route r -> ActionTypes.ROUTE;
		};
	}

	private String payload(ActionSpec action) {
		return this.json.writeValueAsString(action);
	}

	static String idempotencyKey(InboxEvent event, int index) {
		String key = event.installationId() + ":" + event.requestKey() + ":" + event.dedupeKey() + ":" + index;
		if (key.length() <= 300) {
			return key;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return event.installationId() + ":" + event.requestKey() + ":" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Another worker took the event over after this worker's lease expired; its transaction is rolled back. */
	static final class LeaseLostException extends RuntimeException {

		LeaseLostException() {
			super("lease lost", null, false, false);
		}

	}

}

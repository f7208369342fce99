package io.deskpilot.connector.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.deskpilot.bot.decide.Action;
import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.kb.Match;
import io.deskpilot.bot.kb.RequestText;
import io.deskpilot.bot.text.TextCleaner;
import io.deskpilot.connector.conversation.LanguageDetector;
import io.deskpilot.connector.conversation.ReplyInterpreter;
import io.deskpilot.connector.conversation.Templates;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.policy.Policies;
import io.deskpilot.connector.policy.Policy;
import io.deskpilot.connector.routing.Agent;
import io.deskpilot.connector.routing.AgentDirectory;
import io.deskpilot.connector.routing.Guardrails;
import io.deskpilot.connector.routing.RoutingRules;
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

	private final Outbox outbox;

	private final RequestStates states;

	private final AuditLog audit;

	private final Installations installations;

	private final KnowledgeBases knowledge;

	private final ReplyInterpreter interpreter;

	private final TransactionTemplate tx;

	private final JsonMapper json;

	private final Clock clock;

	private final WorkSignals signals;

	private final WorkflowProperties properties;

	private final Policies policies;

	private final RoutingRules rules;

	private final AgentDirectory agents;

	private final Forecasts forecasts;

	private final StepWriter writer;

	private final Leases leases;

	InboxProcessor(Inbox inbox, RequestStates states, AuditLog audit, Installations installations,
			KnowledgeBases knowledge, ReplyInterpreter interpreter, TransactionTemplate tx, JsonMapper json,
			Clock clock, WorkSignals signals, WorkflowProperties properties, Policies policies, RoutingRules rules,
			AgentDirectory agents, Forecasts forecasts, StepWriter writer, Leases leases, Outbox outbox) {
		this.leases = leases;
		this.outbox = outbox;
		this.policies = policies;
		this.rules = rules;
		this.agents = agents;
		this.forecasts = forecasts;
		this.writer = writer;
		this.inbox = inbox;
		this.states = states;
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
		this.leases.hold(Leases.Table.INBOX, worker, events.stream().map(InboxEvent::id).toList());
		for (InboxEvent event : events) {
			try {
				handle(event, worker);
			}
			finally {
				this.leases.release(Leases.Table.INBOX, worker, event.id());
			}
		}
		return !events.isEmpty();
	}

	void handle(InboxEvent event, String worker) {
		try {
			Boolean acted = null;
			for (int attempt = 1; acted == null; attempt++) {
				RequestRecord known = this.states.find(event.installationId(), event.requestKey()).orElse(null);
				Facts facts = facts(event, known);
				try {
					acted = this.tx.execute(status -> apply(event, worker, facts, known));
					if (facts.changesKnowledge()) {
						this.knowledge.catchUpSoon(event.installationId());
					}
				}
				catch (StaleFactsException ex) {
					// another event of this request changed it while this one read the platform: read again
					if (attempt >= MAX_FACT_READS) {
						throw new TransientPlatformException("request " + event.requestKey() + " kept changing while its "
								+ "event was read (" + attempt + " tries)", null);
					}
				}
			}
			if (acted) {
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

	/** How often an event's facts are read again when the request changes under them before they are applied. */
	static final int MAX_FACT_READS = 5;

	/** The request changed between reading an event's facts and applying them. */
	static final class StaleFactsException extends RuntimeException {

		StaleFactsException() {
			super(null, null, false, false);
		}

	}

	/**
	 * Applies the facts under the request's row lock, provided the request is still as it was when they were read:
	 * facts read from the platform before another event changed the request (a status read before the bot resolved
	 * it, say) would otherwise be applied to a state they no longer describe.
	 */
	private boolean apply(InboxEvent event, String worker, Facts facts, @Nullable RequestRecord readWith) {
		if (facts.events().stream().anyMatch(WorkflowEvent.Received.class::isInstance)
				&& this.policies.get(event.installationId()).clusterSize() > 0) {
			// before the request's row; only new requests take it, and they hold it for this short transaction
			this.states.lockClustering(event.installationId());
		}
		RequestRecord current = this.states.lock(event.installationId(), event.requestKey()).orElse(null);
		if (!java.util.Objects.equals(current, readWith)) {
			throw new StaleFactsException();
		}
		Instant now = this.clock.instant();
		facts = clustered(event.installationId(), facts, now);
		Workflow.Context ctx = context(event.installationId());
		int index = 0;
		boolean acted = false;
		for (WorkflowEvent fact : facts.events()) {
			Workflow.Step step = Workflow.apply(event.installationId(), current, fact, now, ctx);
			StepWriter.Result written = this.writer.write(event.installationId(), event.requestKey(), current, step,
					event.dedupeKey(), index);
			current = written.record();
			index = written.nextIndex();
			acted |= written.acted();
		}
		if (facts.join() != null) {
			this.states.joinCluster(event.installationId(), facts.join().master(), facts.join().keys());
		}
		if (!this.inbox.complete(event.id(), worker)) {
			throw new LeaseLostException();
		}
		for (WorkflowEvent fact : facts.events()) {
			// in this transaction: the knowledge base's source of truth changes with the request's state. Last, since
			// a write takes the installation's revision lock, which every replica's intake and import wait for
			if (Facts.storedOpen(fact)) {
				this.knowledge.storeOpen(event.installationId(), ((WorkflowEvent.Received) fact).request());
			}
			else if (Facts.resolves(fact)) {
				this.knowledge.storeResolved(event.installationId(), event.requestKey(), now);
			}
		}
		return acted;
	}

	Workflow.Context context(String installationId) {
		Policy policy = this.policies.get(installationId);
		return new Workflow.Context(policy, Templates.of(policy.templates()));
	}

	/**
	 * What an event means, read back from the platform and the database, and the earlier requests that join an
	 * outage cluster with it.
	 */
	record Facts(List<WorkflowEvent> events, @Nullable ClusterJoin join) {

		static Facts of(List<WorkflowEvent> events) {
			return new Facts(events, null);
		}

		/** Whether applying them stores a request as open or resolved in the knowledge base. */
		boolean changesKnowledge() {
			return this.events.stream().anyMatch(e -> storedOpen(e) || resolves(e));
		}

		/**
		 * Whether a fact stores its request as an open ticket: only a request the knowledge base had no confident
		 * answer to, a problem people work on. One the bot answered, or would have but for a rule or shadow mode, has
		 * a known answer, and its repeats must keep being answered while it is open.
		 */
		static boolean storedOpen(WorkflowEvent fact) {
			return fact instanceof WorkflowEvent.Received r && r.decision().action() != Action.ANSWER;
		}

		/** Whether a fact resolves its request (a stored open request then becomes a resolved ticket). */
		static boolean resolves(WorkflowEvent fact) {
			return fact instanceof WorkflowEvent.StatusChanged s && s.category() == StatusCategory.DONE;
		}

	}

	/** Requests to put into the master's outage cluster. */
	record ClusterJoin(String master, List<String> keys) {
	}

	private Facts facts(InboxEvent event, @Nullable RequestRecord known) {
		PlatformConnection platform = this.installations.connection(event.installationId());
		switch (event.type()) {
			case REQUEST_CREATED -> {
				if (known != null) {
					return Facts.of(List.of());
				}
				return received(event.installationId(), platform.requests().request(event.requestKey()));
			}
			case COMMENT_ADDED -> {
				if (known == null) {
					return Facts.of(List.of());
				}
				List<PlatformComment> comments = platform.requests().comments(event.requestKey());
				PlatformComment comment = comments.stream()
					.filter(c -> c.id().equals(event.commentId()))
					.findFirst()
					.orElse(event.commentId() == null && !comments.isEmpty() ? comments.get(comments.size() - 1) : null);
				if (comment == null) {
					return Facts.of(List.of());
				}
				return Facts.of(switch (comment.role()) {
					case BOT -> List.of();
					case CUSTOMER -> comment.isPublic()
							? List.of(new WorkflowEvent.CustomerReplied(comment.id(), this.interpreter.interpret(comment.body()),
									comment.body(), comment.created()))
							: List.of();
					case AGENT -> List.of(new WorkflowEvent.AgentCommented(comment.author().id(), comment.isPublic(), comment.created()));
				});
			}
			case REQUEST_UPDATED -> {
				if (known == null) {
					return Facts.of(List.of());
				}
				PlatformRequest request = platform.requests().request(event.requestKey());
				List<WorkflowEvent> facts = new ArrayList<>();
				String assignee = request.assignee() == null ? null : request.assignee().id();
				if (!Objects.equals(assignee, known.assigneeId()) || assignee != null && known.state() == RequestState.ESCALATED) {
					facts.add(new WorkflowEvent.AssigneeChanged(assignee, request.assignee() == null ? null : request.assignee().displayName()));
				}
				if (this.outbox.transitionPending(event.installationId(), event.requestKey())) {
					// the status read predates Deskpilot's own change still on its way (a customer's "solved" moved the
					// request to Resolved, the platform still shows the status the comment gave it): not a reopen
					return Facts.of(facts);
				}
				List<String> members = request.status().category() == StatusCategory.DONE && known.clusterMaster() == null
						? this.states.clusterMembers(event.installationId(), event.requestKey()) : List.of();
				facts.add(new WorkflowEvent.StatusChanged(request.status().category(), members));
				return Facts.of(facts);
			}
			case CONFIRMATION_TIMEOUT -> {
				if (known == null || known.answeredAt() == null) {
					return Facts.of(List.of());
				}
				return Facts.of(List.of(new WorkflowEvent.ConfirmationTimedOut(known.answeredAt(),
						this.policies.get(event.installationId()).confirmationDays())));
			}
			case FIRST_RESPONSE_DUE -> {
				if (known == null || known.firstResponseDue() == null) {
					return Facts.of(List.of());
				}
				Map<String, Integer> loads = this.agents.loads(event.installationId());
				Agent lead = this.agents.leads(event.installationId())
					.stream()
					.min(Comparator.comparing((Agent a) -> !"ONLINE".equals(a.presence()))
						.thenComparing(a -> loads.getOrDefault(a.id(), 0))
						.thenComparing(Agent::id))
					.orElse(null);
				return Facts.of(List.of(new WorkflowEvent.FirstResponseDue(known.firstResponseDue(),
						lead == null ? null : lead.id(), lead == null ? null : lead.displayName())));
			}
			case CLUSTER_FORMED -> {
				if (known == null) {
					return Facts.of(List.of());
				}
				return Facts.of(List.of(new WorkflowEvent.ClusterFormed(this.states.clusterMembers(event.installationId(), event.requestKey()))));
			}
			case RESOLUTION_UNDONE -> {
				if (known == null) {
					return Facts.of(List.of());
				}
				return Facts.of(List.of(new WorkflowEvent.ResolutionUndone(event.commentId() == null ? "admin" : event.commentId())));
			}
			case MASTER_RESOLVED -> {
				if (known == null || event.commentId() == null) {
					return Facts.of(List.of());
				}
				return Facts.of(List.of(new WorkflowEvent.MasterResolved(event.commentId(), resolution(platform, event.commentId()))));
			}
			default -> {
				return Facts.of(List.of());
			}
		}
	}

	/** A new request: the decision plus language, rules, shadow mode, queue forecast and outage cluster. */
	Facts received(String installationId, PlatformRequest request) {
		Instant now = this.clock.instant();
		Policy policy = this.policies.get(installationId);
		Decision decision = this.knowledge.decide(installationId,
				new RequestText(request.key(), request.created(), request.summary(), request.description()),
				policy.answerThreshold(), policy.suggestThreshold());
		String text = request.summary() + "\n" + TextCleaner.clean(request.description());
		String language = LanguageDetector.detect(text, policy.defaultLanguage());
		String guard = Guardrails.firstMatch(this.rules.rules(installationId), new Guardrails.Facts(request.reporter().id(),
				request.reporter().email(), request.organization(), request.requestType(), text)).orElse(null);
		Forecasts.Forecast forecast = this.forecasts.forecast(installationId, policy, now);
		String eta = Templates.of(policy.templates()).eta(language, now, forecast.expected(), policy.zone());
		// the desk's own SLA clock when it keeps one (JSM "Time to first response"), else the policy's target
		Instant due = request.firstResponseDue() != null ? request.firstResponseDue()
				: policy.hours().plus(now, policy.firstResponseTarget(), policy.zone());
		String fingerprint = Fingerprints.of(request.summary(), request.description());
		// outage clustering is decided in apply(), under the installation's lock, so concurrent reports see each other
		WorkflowEvent.Intake intake = new WorkflowEvent.Intake(language, guard, policy.shadowFor(request.requestType()),
				forecast.position(), eta, due, fingerprint, null, false);
		return Facts.of(List.of(new WorkflowEvent.Received(request, decision, detail(decision), intake)));
	}

	/**
	 * Joins a new request to an outage cluster of similar open requests, or forms one when enough have come in within
	 * the policy's window. Runs under the installation's clustering lock (taken by apply()): two similar reports
	 * applied at the same moment see each other instead of each finding the other missing.
	 */
	private Facts clustered(String installationId, Facts facts, Instant now) {
		if (facts.events().size() != 1 || !(facts.events().get(0) instanceof WorkflowEvent.Received r)
				|| r.intake().fingerprint() == null) {
			return facts;
		}
		Policy policy = this.policies.get(installationId);
		if (policy.clusterSize() <= 0) {
			return facts;
		}
		String key = r.request().key();
		String fingerprint = r.intake().fingerprint();
		List<RequestRecord> similar = this.states.openSince(installationId, now.minus(policy.clusterWindow()), 500)
			.stream()
			.filter(x -> !x.requestKey().equals(key) && Fingerprints.similar(fingerprint, x.fingerprint()))
			.toList();
		String master = null;
		boolean forms = false;
		ClusterJoin join = null;
		for (RequestRecord x : similar) {
			if (x.clusterMaster() != null) {
				master = x.clusterMaster();
				break;
			}
		}
		if (master == null) {
			for (RequestRecord x : similar) {
				if (!this.states.clusterMembers(installationId, x.requestKey()).isEmpty()) {
					master = x.requestKey();
					break;
				}
			}
		}
		if (master == null && similar.size() + 1 >= policy.clusterSize()) {
			master = similar.get(0).requestKey();
			forms = true;
			join = new ClusterJoin(master, similar.stream().map(RequestRecord::requestKey).toList());
		}
		if (master == null) {
			return facts;
		}
		return new Facts(List.of(new WorkflowEvent.Received(r.request(), r.decision(), r.decisionDetail(),
				r.intake().inCluster(master, forms))), join);
	}

	/** What fixed the master: its last public agent reply, cleaned. */
	private static String resolution(PlatformConnection platform, String masterKey) {
		List<PlatformComment> comments = platform.requests().comments(masterKey);
		for (int i = comments.size() - 1; i >= 0; i--) {
			PlatformComment c = comments.get(i);
			if (c.isPublic() && c.role() == io.deskpilot.bot.kb.AuthorRole.AGENT) {
				String text = TextCleaner.clean(c.body()).strip();
				if (!text.isEmpty()) {
					return text.length() > 1500 ? text.substring(0, 1500) + "..." : text;
				}
			}
		}
		return "Our team has fixed the underlying problem (" + masterKey + ").";
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
			e.put("open", m.open());
			e.put("summary", m.entry().summary());
			evidence.add(e);
		}
		out.put("evidence", evidence);
		return this.json.writeValueAsString(out);
	}

	private static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}

	static String idempotencyKey(String installationId, String requestKey, String cause, int index) {
		String key = installationId + ":" + requestKey + ":" + cause + ":" + index;
		if (key.length() <= 300) {
			return key;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return installationId + ":" + requestKey + ":" + HexFormat.of().formatHex(digest);
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

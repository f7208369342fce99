package io.deskpilot.connector.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.connector.platform.Assigner;
import io.deskpilot.connector.platform.Signatures;
import io.deskpilot.connector.platform.ChangeFeed;
import io.deskpilot.connector.platform.ChangePage;
import io.deskpilot.connector.platform.CommentRef;
import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.EventType;
import io.deskpilot.connector.platform.HistoryPage;
import io.deskpilot.connector.platform.HistoryReader;
import io.deskpilot.connector.platform.Person;
import io.deskpilot.connector.platform.PlatformCapabilities;
import io.deskpilot.connector.platform.PlatformComment;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.ReplyPoster;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.RequestReader;
import io.deskpilot.connector.platform.RequestStatus;
import io.deskpilot.connector.platform.ResolvedTicket;
import io.deskpilot.connector.platform.StatusChanger;
import io.deskpilot.connector.platform.TargetStatus;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookHandler;
import io.deskpilot.connector.platform.WebhookRejectedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ports over the sandbox desk, for one installation. */
final class SandboxConnection implements PlatformConnection, RequestReader, ReplyPoster, StatusChanger, Assigner,
		ChangeFeed, HistoryReader, WebhookHandler {

	static final String BOT_ID = "deskpilot";

	static final String BOT_NAME = "Deskpilot";

	private final SandboxDesk desk;

	private final ConnectionSettings settings;

	private final JsonMapper json;

	SandboxConnection(SandboxDesk desk, ConnectionSettings settings, JsonMapper json) {
		this.desk = desk;
		this.settings = settings;
		this.json = json;
	}

	@Override
	public PlatformCapabilities capabilities() {
		return SandboxAdapter.CAPABILITIES;
	}

	@Override
	public Optional<String> ticketUrl(String requestKey) {
		return Optional.of("/sandbox/#" + requestKey);
	}

	@Override
	public Optional<WebhookHandler> webhooks() {
		return Optional.of(this);
	}

	@Override
	public ConnectionCheck test() {
		long start = System.nanoTime();
		long tickets = this.desk.ticketCount();
		return new ConnectionCheck(true, "Sandbox desk reachable: " + tickets + " tickets, "
				+ this.desk.agents().size() + " agents.", Duration.ofNanos(System.nanoTime() - start));
	}

	// RequestReader

	@Override
	public PlatformRequest request(String key) {
		return toRequest(call(() -> this.desk.ticket(key)));
	}

	@Override
	public List<PlatformComment> comments(String key) {
		return call(() -> this.desk.comments(key)).stream().map(SandboxConnection::toComment).toList();
	}

	// ReplyPoster

	@Override
	public CommentRef post(String key, String body, boolean isPublic, String idempotencyKey) {
		SandboxComment c = call(() -> this.desk.addComment(key, BOT_ID, BOT_NAME, "BOT", isPublic, body, idempotencyKey));
		return new CommentRef(String.valueOf(c.id()));
	}

	@Override
	public Optional<CommentRef> findPosted(String key, String idempotencyKey, String body) {
		return this.desk.commentByIdempotencyKey(idempotencyKey).map(c -> new CommentRef(String.valueOf(c.id())));
	}

	// StatusChanger

	@Override
	public void transition(String key, TargetStatus target, @Nullable String resolution) {
		SandboxStatus status = switch (target) {
			case WAITING_FOR_CUSTOMER -> SandboxStatus.WAITING_FOR_CUSTOMER;
			case IN_PROGRESS -> SandboxStatus.IN_PROGRESS;
			case RESOLVED -> SandboxStatus.RESOLVED;
			case REOPENED -> SandboxStatus.WAITING_FOR_SUPPORT;
		};
		call(() -> {
			this.desk.setStatus(key, status.label(), resolution);
			return null;
		});
	}

	// Assigner

	@Override
	public void assign(String key, @Nullable String agentId) {
		call(() -> {
			this.desk.assign(key, agentId);
			return null;
		});
	}

	@Override
	public List<Person> assignableAgents() {
		return this.desk.agents().stream().filter(SandboxAgent::active).map(a -> new Person(a.id(), a.displayName(), a.email())).toList();
	}

	// ChangeFeed

	@Override
	public ChangePage changesSince(@Nullable String cursor, int limit) {
		if (cursor == null) {
			return new ChangePage(List.of(), String.valueOf(this.desk.lastEventId()));
		}
		long after = parseLong(cursor, "change cursor");
		List<SandboxEvent> events = this.desk.eventsAfter(after, limit);
		List<RequestEvent> out = events.stream().map(SandboxConnection::toEvent).toList();
		long next = events.isEmpty() ? after : events.get(events.size() - 1).id();
		return new ChangePage(out, String.valueOf(next));
	}

	// HistoryReader

	@Override
	public HistoryPage resolved(@Nullable String cursor, int pageSize) {
		Instant at = null;
		long afterId = 0;
		if (cursor != null) {
			String[] parts = cursor.split(":", 2);
			if (parts.length != 2) {
				throw new PlatformRejectedException("malformed history cursor '" + cursor + "'", 400);
			}
			at = Instant.ofEpochMilli(parseLong(parts[0], "history cursor"));
			afterId = parseLong(parts[1], "history cursor");
		}
		List<SandboxTicket> tickets = this.desk.resolvedAfter(at, afterId, pageSize);
		List<ResolvedTicket> out = new ArrayList<>(tickets.size());
		for (SandboxTicket t : tickets) {
			out.add(new ResolvedTicket(toRequest(t), t.resolved(), t.resolution(), t.duplicateOf(), comments(t.key())));
		}
		String next = cursor;
		if (!tickets.isEmpty()) {
			SandboxTicket last = tickets.get(tickets.size() - 1);
			next = last.resolved().toEpochMilli() + ":" + last.id();
		}
		long total = cursor == null ? this.desk.resolvedCount() : -1;
		return new HistoryPage(out, next, tickets.size() < pageSize, total);
	}

	// WebhookHandler

	@Override
	public void verify(WebhookDelivery delivery) {
		String signature = delivery.header(SandboxWebhooks.SIGNATURE_HEADER);
		if (signature == null || !signature.startsWith("sha256=")) {
			throw new WebhookRejectedException("missing " + SandboxWebhooks.SIGNATURE_HEADER + " header");
		}
		if (!Signatures.matches(this.settings.webhookSecret().reveal(), delivery.body(), signature)) {
			throw new WebhookRejectedException("signature does not match the body");
		}
	}

	@Override
	public List<RequestEvent> parse(WebhookDelivery delivery) {
		JsonNode node;
		try {
			node = this.json.readTree(delivery.body());
		}
		catch (JacksonException ex) {
			throw new PlatformRejectedException("webhook body is not JSON: " + ex.getOriginalMessage(), 400);
		}
		String type = node.path("event").asString("");
		String key = node.path("requestKey").asString("");
		long eventId = node.path("eventId").asLong(-1);
		if (key.isEmpty() || eventId < 0 || type.isEmpty()) {
			throw new PlatformRejectedException("webhook body lacks event, eventId or requestKey", 400);
		}
		Instant at = Instant.parse(node.path("timestamp").asString(Instant.EPOCH.toString()));
		JsonNode comment = node.path("commentId");
		Long commentId = comment.isNumber() ? comment.asLong() : null;
		return List.of(toEvent(new SandboxEvent(eventId, key, type, commentId, at)));
	}

	private static RequestEvent toEvent(SandboxEvent e) {
		EventType type = switch (e.type()) {
			case "request_created" -> EventType.REQUEST_CREATED;
			case "comment_created" -> EventType.COMMENT_ADDED;
			default -> EventType.REQUEST_UPDATED;
		};
		return new RequestEvent(type, e.ticketKey(), "sandbox-event-" + e.id(), e.created(),
				e.commentId() == null ? null : String.valueOf(e.commentId()));
	}

	private PlatformRequest toRequest(SandboxTicket t) {
		SandboxStatus status = SandboxStatus.ofLabel(t.status()).orElse(SandboxStatus.WAITING_FOR_SUPPORT);
		Person assignee = t.assigneeId() == null ? null
				: this.desk.agent(t.assigneeId()).map(a -> new Person(a.id(), a.displayName(), a.email())).orElse(Person.of(t.assigneeId()));
		return new PlatformRequest(t.key(), t.summary(), t.description(), new RequestStatus(status.label(), status.category()),
				new Person(t.reporterId(), t.reporterName(), t.reporterEmail()), t.organization(), t.requestType(),
				assignee, t.created(), t.updated(), t.labels(), t.components(), t.priority(), "/sandbox/#" + t.key());
	}

	private static PlatformComment toComment(SandboxComment c) {
		AuthorRole role = switch (c.role()) {
			case "CUSTOMER" -> AuthorRole.CUSTOMER;
			case "BOT" -> AuthorRole.BOT;
			default -> AuthorRole.AGENT;
		};
		return new PlatformComment(String.valueOf(c.id()), new Person(c.authorId(), c.authorName(), null), role,
				c.isPublic(), c.body(), c.created());
	}

	private static long parseLong(String s, String what) {
		try {
			return Long.parseLong(s);
		}
		catch (NumberFormatException ex) {
			throw new PlatformRejectedException("malformed " + what + " '" + s + "'", 400);
		}
	}

	/** Maps the desk's refusals onto the platform exception roots. */
	private static <T> T call(java.util.function.Supplier<T> op) {
		try {
			return op.get();
		}
		catch (SandboxException ex) {
			throw new PlatformRejectedException(ex.getMessage(), ex.status(), ex);
		}
	}

}

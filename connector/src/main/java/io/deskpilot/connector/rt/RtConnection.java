package io.deskpilot.connector.rt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.connector.platform.Assigner;
import io.deskpilot.connector.platform.ChangeFeed;
import io.deskpilot.connector.platform.ChangePage;
import io.deskpilot.connector.platform.CommentRef;
import io.deskpilot.connector.platform.ConnectionCheck;
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
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.platform.StatusChanger;
import io.deskpilot.connector.platform.TargetStatus;
import io.deskpilot.connector.platform.TransientPlatformException;
import io.deskpilot.connector.platform.WebhookHandler;
import io.deskpilot.connector.platform.http.DeskCalls;
import io.deskpilot.connector.platform.http.HttpFailures;
import io.deskpilot.connector.system.OutboundPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;

/**
 * One Request Tracker queue as a Deskpilot desk, over REST2. Requests are tickets (key = ticket id); the requestor is
 * the customer, the token's user is the bot, everyone else who writes is an agent. The text of a ticket and of each
 * reply lives in its transaction's attachments, which never change, so they are cached.
 */
final class RtConnection implements PlatformConnection, RequestReader, ReplyPoster, StatusChanger, Assigner, ChangeFeed,
		HistoryReader {

	private static final Logger log = LoggerFactory.getLogger(RtConnection.class);

	static final PlatformCapabilities CAPABILITIES = new PlatformCapabilities(true, true, true, true, true, true, false);

	/** Statuses of RT's default lifecycle that close a ticket, besides the configured resolved status. */
	private static final Set<String> DONE = Set.of("resolved", "rejected", "deleted");

	private static final Set<String> CONVERSATION = Set.of("Create", "Correspond", "Comment");

	private static final String NOBODY = "Nobody";

	/** RT's own users, never agents. */
	private static final Set<String> RT_USERS = Set.of(NOBODY, "RT_System");

	/** At most this many users are read one by one to find the privileged ones. */
	static final int MAX_USERS_SCANNED = 10_000;

	private final RtSettings settings;

	/** RT's standalone server is one process: a few calls at once is all it serves well. */
	private static final int MAX_CONCURRENCY = 4;

	private final RestClient http;

	private final DeskCalls calls;

	private final JsonMapper json;

	private final Clock clock;

	private final RtWebhooks webhooks;

	/** Transaction id → its text: a transaction's content never changes. */
	private final Cache<String, String> texts = Caffeine.newBuilder().maximumSize(20_000).build();

	/** User id or name → the person. */
	private final Cache<String, Person> people = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

	/** Ticket id → its queue id, to keep other queues' transactions out of the change feed. */
	private final Cache<String, String> ticketQueues = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(10)).build();

	private final Cache<String, Agents> agents = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();

	/** User id → the user when privileged, read one by one when RT's API cannot list the Privileged group. */
	private final Cache<String, Optional<Person>> privileged = Caffeine.newBuilder().maximumSize(MAX_USERS_SCANNED)
		.expireAfterWrite(Duration.ofMinutes(30)).build();

	private volatile @Nullable String queueId;

	private volatile @Nullable String botName;

	RtConnection(RtSettings settings, Secret webhookSecret, RestClient.Builder builder, OutboundPolicy outbound,
			JsonMapper json, Clock clock) {
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		this.webhooks = new RtWebhooks(settings.queue(), webhookSecret, json);
		// HttpURLConnection rather than the JDK HttpClient: RT's own server (rt-server, HTTP/1.0) closes every
		// connection, and the JDK client would try to reuse it for the next POST ("header parser received no bytes");
		// through the outbound policy, following no redirect
		this.calls = new DeskCalls(new HttpFailures("RT", "create a new auth token under Logged in as → Settings → Auth Tokens",
				json, clock), MAX_CONCURRENCY, DeskCalls.STANDARD);
		this.http = outbound.guardedPerCallConnections(builder.clone(), Duration.ofSeconds(10), Duration.ofSeconds(60))
			.baseUrl(settings.baseUrl() + "/REST/2.0")
			.defaultHeader("Authorization", "token " + settings.token().reveal())
			.requestInterceptor((request, body, execution) -> {
				var response = execution.execute(request, body);
				this.calls.observe(response);
				return response;
			})
			.defaultStatusHandler(HttpStatusCode::isError, this.calls.failures().handler())
			.build();
	}

	@Override
	public PlatformCapabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Optional<WebhookHandler> webhooks() {
		return Optional.of(this.webhooks);
	}

	@Override
	public Optional<String> ticketUrl(String requestKey) {
		return Optional.of(this.settings.baseUrl() + "/Ticket/Display.html?id=" + requestKey);
	}

	@Override
	public ConnectionCheck test() {
		return ConnectionCheck.run(this.clock, () -> {
			String version = get("/rt").path("Version").asString("?");
			String bot = botName();
			queueId();
			this.agents.invalidateAll();
			Agents agents = agentsAndSource();
			return "Connected to RT " + version + " at " + this.settings.baseUrl() + " as " + bot + "; queue "
					+ this.settings.queue() + ", " + agents.agents().size() + " agents (" + agents.source() + ")";
		});
	}

	// ---------------------------------------------------------------- reading

	@Override
	public PlatformRequest request(String key) {
		JsonNode ticket = ticket(key);
		List<JsonNode> history = conversation(key, 1);
		String description = history.isEmpty() || !history.get(0).path("Type").asString().equals("Create") ? ""
				: text(history.get(0).path("id").asString());
		return toRequest(ticket, description);
	}

	@Override
	public List<PlatformComment> comments(String key) {
		return comments(ticket(key), conversation(key, Integer.MAX_VALUE));
	}

	// ---------------------------------------------------------------- writing

	@Override
	public CommentRef post(String key, String body, boolean isPublic, String idempotencyKey) {
		JsonNode ticket = ticket(key);
		ObjectNode content = this.json.createObjectNode();
		content.put("Content", body);
		content.put("ContentType", "text/plain");
		JsonNode messages = postOnce("/ticket/" + key + (isPublic ? "/correspond" : "/comment"), content);
		// RT answers a refusal with a message instead of an error status: only "... added" means it took the text
		boolean added = messages.isArray() && messages.valueStream().anyMatch(m -> m.asString("").endsWith(" added"));
		if (!added) {
			throw new PlatformRejectedException("RT did not add the " + (isPublic ? "reply" : "comment") + " to #" + key + ": "
					+ messages(messages), 409);
		}
		return posted(ticket, body)
			.orElseThrow(() -> new TransientPlatformException("RT took the text on #" + key + " but does not show it yet", null));
	}

	@Override
	public Optional<CommentRef> findPosted(String key, String idempotencyKey, String body) {
		return posted(ticket(key), body);
	}

	/** The bot's newest reply or comment on the ticket with this text (RT keeps no idempotency keys). */
	private Optional<CommentRef> posted(JsonNode ticket, String body) {
		return PlatformComment.newestBotPost(comments(ticket, conversation(ticket.path("id").asString(), Integer.MAX_VALUE)), body);
	}

	@Override
	public void transition(String key, TargetStatus target, @Nullable String resolution) {
		String name = this.settings.nameOf(target);
		if (ticket(key).path("Status").asString().equalsIgnoreCase(name)) {
			return;
		}
		ObjectNode change = this.json.createObjectNode();
		change.put("Status", name);
		JsonNode messages = update("/ticket/" + key, change);
		String now = ticket(key).path("Status").asString();
		if (!now.equalsIgnoreCase(name)) {
			throw new PlatformRejectedException("RT did not move #" + key + " to '" + name + "' (it stayed '" + now + "'): "
					+ messages(messages), 409);
		}
	}

	@Override
	public void assign(String key, @Nullable String agentId) {
		String owner = agentId == null ? NOBODY : agentId;
		ticket(key);
		ObjectNode change = this.json.createObjectNode();
		change.put("Owner", owner);
		JsonNode messages = update("/ticket/" + key, change);
		String now = ticket(key).path("Owner").path("id").asString("");
		if (!now.equalsIgnoreCase(owner)) {
			throw new PlatformRejectedException("RT did not give #" + key + " to " + owner + ": " + messages(messages), 409);
		}
	}

	@Override
	public List<Person> assignableAgents() {
		return agentsAndSource().agents();
	}

	private Agents agentsAndSource() {
		return this.agents.get("agents", k -> loadAgents());
	}

	/** The agents and where they were found, for the connection test. */
	private record Agents(List<Person> agents, String source) {
	}

	/**
	 * The members of the agent group, read through the groups API. RT's own Privileged group is found that way only
	 * before the 5.0.3 security update for CVE-2026-108353 (Debian 5.0.3+dfsg-3~deb12u7), which limits REST 2.0's
	 * group endpoints to user-defined groups; after it, privileged users are read one by one from the users API.
	 */
	private Agents loadAgents() {
		String name = this.settings.agentGroup();
		ArrayNode criteria = this.json.createArrayNode();
		criteria.addObject().put("field", "Name").put("value", name);
		JsonNode group = null;
		for (JsonNode g : search("/groups?fields=Name,Domain&per_page=100", criteria).path("items")) {
			String domain = g.path("Domain").asString();
			if (domain.equals("UserDefined") || group == null && domain.equals("SystemInternal")) {
				group = g;
			}
		}
		if (group != null) {
			try {
				return new Agents(groupMembers(group.path("id").asString()), "group " + name);
			}
			catch (PlatformRejectedException ex) {
				if (!isPrivileged(name)) {
					throw new PlatformRejectedException("RT does not let the bot user " + botName() + " read the members of group '"
							+ name + "' (" + ex.getMessage() + "): grant it AdminGroupMembership on the group "
							+ "(Admin → Groups → " + name + " → Group Rights)", ex.status(), ex);
				}
				// an internal group whose members REST 2.0 no longer lists: read privileged users instead
			}
		}
		if (isPrivileged(name)) {
			return new Agents(privilegedUsers(), "privileged users");
		}
		throw new PlatformRejectedException("RT shows the bot user " + botName() + " no group '" + name + "' (setting 'agentGroup'): "
				+ "create it under Admin → Groups → Create and grant the bot SeeGroup and AdminGroupMembership on it, or "
				+ "set 'Privileged' to take every privileged user", 400);
	}

	private static boolean isPrivileged(String group) {
		return group.equalsIgnoreCase("Privileged");
	}

	private List<Person> groupMembers(String groupId) {
		String bot = botName();
		List<Person> out = new ArrayList<>();
		for (int page = 1; page < 100; page++) {
			JsonNode members = get("/group/" + groupId + "/members?per_page=100&page=" + page);
			for (JsonNode m : members.path("items")) {
				if (m.path("type").asString().equals("user")) {
					Person p = person(m.path("id").asString());
					if (!p.id().equalsIgnoreCase(bot)) {
						out.add(p);
					}
				}
			}
			if (page >= members.path("pages").asInt(1)) {
				break;
			}
		}
		out.sort(Comparator.comparing(Person::id));
		return List.copyOf(out);
	}

	/**
	 * Every enabled privileged user but the bot and RT's own users: the users API lists users (a privileged caller may)
	 * but cannot search on privilege, so each user's record is read (cached: privilege rarely changes). RT's users
	 * include every customer who ever wrote, so at most {@link #MAX_USERS_SCANNED} are read; a site with more names a
	 * user-defined agent group instead.
	 */
	private List<Person> privilegedUsers() {
		String bot = botName();
		List<Person> out = new ArrayList<>();
		int scanned = 0;
		for (int page = 1; scanned < MAX_USERS_SCANNED; page++) {
			JsonNode users;
			try {
				users = get("/users?orderby=id&per_page=100&page=" + page);
			}
			catch (PlatformRejectedException ex) {
				throw new PlatformRejectedException("RT does not let the bot user " + bot + " list users (" + ex.getMessage()
						+ "): the bot must be privileged (Admin → Users → " + bot + " → 'Let this user be granted rights'), "
						+ "or set 'agentGroup' to a user-defined group of the agents", ex.status(), ex);
			}
			JsonNode items = users.path("items");
			for (JsonNode u : items) {
				scanned++;
				String id = u.path("id").asString();
				if (RT_USERS.contains(id) || id.equalsIgnoreCase(bot)) {
					continue;
				}
				Optional<Person> agent = this.privileged.get(id.toLowerCase(Locale.ROOT), k -> privilegedUser(id));
				agent.ifPresent(out::add);
			}
			if (items.size() < 100) {
				break;
			}
		}
		if (scanned >= MAX_USERS_SCANNED) {
			log.warn("RT at {} has more than {} users: agents are read from the first {} only; set 'agentGroup' to a "
					+ "user-defined group of the agents", this.settings.baseUrl(), MAX_USERS_SCANNED, MAX_USERS_SCANNED);
		}
		out.sort(Comparator.comparing(Person::id));
		return List.copyOf(out);
	}

	/** The user, when RT says they are privileged (REST 2.0 reports {@code Privileged} on a user's own record). */
	private Optional<Person> privilegedUser(String id) {
		JsonNode user = get("/user/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8));
		if (user.path("Privileged").asInt(0) != 1 || user.path("Disabled").asInt(0) == 1) {
			return Optional.empty();
		}
		Person p = toPerson(user, id);
		this.people.put(id.toLowerCase(Locale.ROOT), p);
		return Optional.of(p);
	}

	// ---------------------------------------------------------------- change feed and history

	@Override
	public ChangePage changesSince(@Nullable String cursor, int limit) {
		ArrayNode search = this.json.createArrayNode();
		search.addObject().put("field", "ObjectType").put("value", "RT::Ticket");
		if (cursor == null) {
			// start at the newest transaction: what happened before is history, not news
			JsonNode newest = search("/transactions?orderby=id&order=DESC&per_page=1", search).path("items");
			return new ChangePage(List.of(), newest.isEmpty() ? "0" : newest.get(0).path("id").asString());
		}
		if (!cursor.matches("\\d{1,18}")) {
			throw new PlatformRejectedException("'" + cursor + "' is not an RT transaction cursor", 400);
		}
		search.addObject().put("field", "id").put("operator", ">").put("value", Long.parseLong(cursor));
		search.addObject().put("field", "Type").put("operator", "!=").put("value", "EmailRecord");
		JsonNode page = search("/transactions?fields=Type,ObjectId,Field,Created&orderby=id&order=ASC&per_page="
				+ Math.max(1, Math.min(limit, 100)), search);
		List<RequestEvent> events = new ArrayList<>();
		String next = cursor;
		String queue = queueId();
		for (JsonNode txn : page.path("items")) {
			next = txn.path("id").asString();
			String ticket = txn.path("ObjectId").asString();
			RtWebhooks.event(txn.path("Type").asString(), txn.path("Field").asString(""), ticket, next,
					Instant.parse(txn.path("Created").asString()))
				.filter(e -> queue.equals(queueOf(ticket)))
				.ifPresent(events::add);
		}
		return new ChangePage(events, next);
	}

	@Override
	public HistoryPage resolved(@Nullable String cursor, int pageSize) {
		long after = cursor == null ? 0 : Long.parseLong(cursor);
		int size = Math.max(1, Math.min(pageSize, 100));
		StringBuilder statuses = new StringBuilder();
		for (String s : doneStatuses()) {
			statuses.append(statuses.isEmpty() ? "" : " OR ").append("Status = '").append(s).append("'");
		}
		String query = "Queue = '" + this.settings.queue() + "' AND (" + statuses + ") AND id > " + after;
		JsonNode page = backgroundGet("/tickets", Map.of("query", query, "orderby", "id", "order", "ASC", "per_page", Integer.toString(size),
				"fields", "id"));
		List<ResolvedTicket> tickets = new ArrayList<>();
		String last = cursor;
		for (JsonNode item : page.path("items")) {
			String key = item.path("id").asString();
			last = key;
			JsonNode ticket = ticket(key);
			List<JsonNode> history = conversation(key, Integer.MAX_VALUE);
			String description = history.isEmpty() || !history.get(0).path("Type").asString().equals("Create") ? ""
					: text(history.get(0).path("id").asString());
			Instant resolved = instant(ticket.path("Resolved").asString(null));
			tickets.add(new ResolvedTicket(toRequest(ticket, description), resolved, ticket.path("Status").asString(null), null,
					comments(ticket, history)));
		}
		boolean done = page.path("items").size() < size || page.path("total").asLong(0) <= size;
		return new HistoryPage(tickets, last, done, page.path("total").asLong(-1));
	}

	// ---------------------------------------------------------------- mapping

	private PlatformRequest toRequest(JsonNode ticket, String description) {
		String key = ticket.path("id").asString();
		JsonNode requestors = ticket.path("Requestor");
		Person reporter = requestors.isEmpty() ? person(ticket.path("Creator").path("id").asString())
				: person(requestors.get(0).path("id").asString());
		String owner = ticket.path("Owner").path("id").asString(NOBODY);
		Instant created = Instant.parse(ticket.path("Created").asString());
		Instant updated = instant(ticket.path("LastUpdated").asString(null));
		String status = ticket.path("Status").asString("");
		return new PlatformRequest(key, ticket.path("Subject").asString(""), description,
				new RequestStatus(status, category(status)), reporter, null, this.settings.queue(),
				owner.equals(NOBODY) ? null : person(owner), created, updated == null ? created : updated, List.of(), List.of(),
				ticket.path("Priority").asString(null), this.settings.baseUrl() + "/Ticket/Display.html?id=" + key);
	}

	private List<PlatformComment> comments(JsonNode ticket, List<JsonNode> history) {
		String bot = botName();
		List<String> customers = ticket.path("Requestor").valueStream().map(r -> r.path("id").asString().toLowerCase(Locale.ROOT)).toList();
		List<PlatformComment> out = new ArrayList<>();
		for (JsonNode txn : history) {
			String type = txn.path("Type").asString();
			if (type.equals("Create")) {
				continue;
			}
			String creator = txn.path("Creator").path("id").asString();
			AuthorRole role = creator.equalsIgnoreCase(bot) ? AuthorRole.BOT
					: customers.contains(creator.toLowerCase(Locale.ROOT)) ? AuthorRole.CUSTOMER : AuthorRole.AGENT;
			String id = txn.path("id").asString();
			out.add(new PlatformComment(id, person(creator), role, type.equals("Correspond"), text(id),
					Instant.parse(txn.path("Created").asString())));
		}
		return out;
	}

	private StatusCategory category(String status) {
		String s = status.toLowerCase(Locale.ROOT);
		if (DONE.contains(s) || s.equalsIgnoreCase(this.settings.resolvedStatus())) {
			return StatusCategory.DONE;
		}
		if (s.equalsIgnoreCase(this.settings.waitingStatus())) {
			return StatusCategory.WAITING_FOR_CUSTOMER;
		}
		return s.equals("new") ? StatusCategory.NEW : StatusCategory.IN_PROGRESS;
	}

	private List<String> doneStatuses() {
		List<String> out = new ArrayList<>(List.of("resolved", "rejected"));
		if (!out.contains(this.settings.resolvedStatus().toLowerCase(Locale.ROOT))) {
			out.add(this.settings.resolvedStatus());
		}
		return out;
	}

	/** The ticket's conversation transactions (create, replies, comments), oldest first; at most {@code max}. */
	private List<JsonNode> conversation(String key, int max) {
		List<JsonNode> out = new ArrayList<>();
		int perPage = max == 1 ? 1 : 100;
		for (int page = 1; page < 1000; page++) {
			JsonNode history = get("/ticket/" + key + "/history?fields=Type,Creator,Created&per_page=" + perPage + "&page=" + page);
			for (JsonNode txn : history.path("items")) {
				if (CONVERSATION.contains(txn.path("Type").asString())) {
					out.add(txn);
					if (out.size() >= max) {
						return out;
					}
				}
			}
			if (page >= history.path("pages").asInt(1)) {
				return out;
			}
		}
		return out;
	}

	/** A transaction's text: its first text/plain part, else its first HTML part. */
	private String text(String transactionId) {
		return this.texts.get(transactionId, id -> {
			String plain = null;
			String html = null;
			for (JsonNode a : get("/transaction/" + id + "/attachments?fields=ContentType,Content&per_page=100").path("items")) {
				String type = a.path("ContentType").asString("").toLowerCase(Locale.ROOT);
				String content = a.path("Content").asString("");
				if (content.isBlank()) {
					continue;
				}
				if (plain == null && type.startsWith("text/plain")) {
					plain = content;
				}
				else if (html == null && type.startsWith("text/html")) {
					html = content;
				}
			}
			return plain != null ? plain : html != null ? html : "";
		});
	}

	private Person person(String idOrName) {
		return this.people.get(idOrName.toLowerCase(Locale.ROOT), k -> {
			return toPerson(get("/user/" + UriUtils.encodePathSegment(idOrName, StandardCharsets.UTF_8)), idOrName);
		});
	}

	private static Person toPerson(JsonNode user, String idOrName) {
		String name = user.path("Name").asString(idOrName);
		String real = user.path("RealName").asString("");
		String email = user.path("EmailAddress").asString("");
		return new Person(name, real.isBlank() ? name : real, email.isBlank() ? null : email);
	}

	private String botName() {
		String name = this.botName;
		if (name == null) {
			name = get("/user/" + this.settings.botUserId()).path("Name").asString();
			this.botName = name;
		}
		return name;
	}

	private String queueId() {
		String id = this.queueId;
		if (id == null) {
			id = get("/queue/" + UriUtils.encodePathSegment(this.settings.queue(), StandardCharsets.UTF_8))
				.path("id").asString();
			this.queueId = id;
		}
		return id;
	}

	private @Nullable String queueOf(String ticket) {
		return this.ticketQueues.get(ticket, t -> {
			try {
				return get("/ticket/" + t).path("Queue").path("id").asString();
			}
			catch (PlatformRejectedException ex) {
				return "";
			}
		});
	}

	// ---------------------------------------------------------------- HTTP

	/** The ticket, if it is in this installation's queue. */
	private JsonNode ticket(String key) {
		if (!key.matches("\\d{1,12}")) {
			throw new PlatformRejectedException("'" + key + "' is not an RT ticket number", 404);
		}
		JsonNode ticket = get("/ticket/" + key);
		String queue = ticket.path("Queue").path("id").asString();
		this.ticketQueues.put(key, queue);
		if (!queue.equals(queueId())) {
			throw new PlatformRejectedException("#" + key + " is not in queue " + this.settings.queue(), 404);
		}
		return ticket;
	}

	/** A background read (the history import): it yields to replies and to RT's rate-limit signals. */
	private JsonNode backgroundGet(String path, Map<String, String> query) {
		return this.calls.background(() -> parse(this.http.get().uri(b -> {
			b.path(path);
			query.forEach((k, v) -> b.queryParam(k, "{" + k + "}"));
			return b.build(query);
		}).retrieve().body(String.class), "{}"));
	}

	private JsonNode get(String uri) {
		return this.calls.read(() -> parse(this.http.get().uri(uri).retrieve().body(String.class), "{}"));
	}

	/** A search (RT takes the criteria as a POSTed JSON array): safe to repeat. */
	private JsonNode search(String uri, JsonNode criteria) {
		return this.calls.read(() -> send(HttpMethod.POST, uri, criteria));
	}

	/** A change of a ticket's fields: the same PUT twice leaves the same ticket, so it may be repeated. */
	private JsonNode update(String uri, JsonNode change) {
		return this.calls.read(() -> send(HttpMethod.PUT, uri, change));
	}

	/** A post that must not be repeated blindly (a reply or a comment). */
	private JsonNode postOnce(String uri, JsonNode content) {
		return this.calls.write(() -> send(HttpMethod.POST, uri, content));
	}

	private JsonNode send(HttpMethod method, String uri, JsonNode payload) {
		// with a length: RT's standalone server reads no chunked request body
		byte[] body = this.json.writeValueAsBytes(payload);
		return parse(this.http.method(method).uri(uri).contentType(MediaType.APPLICATION_JSON).contentLength(body.length)
			.body(body).retrieve().body(String.class), "[]");
	}

	private JsonNode parse(@Nullable String body, String empty) {
		return this.json.readTree(body == null || body.isBlank() ? empty : body);
	}

	private static String messages(JsonNode messages) {
		if (!messages.isArray() || messages.isEmpty()) {
			return "RT gave no reason";
		}
		return String.join("; ", messages.valueStream().map(m -> m.asString("")).toList());
	}

	private static @Nullable Instant instant(@Nullable String value) {
		// RT writes "not set" as the epoch
		if (value == null || value.isBlank() || value.startsWith("1970-01-01")) {
			return null;
		}
		return Instant.parse(value);
	}

}

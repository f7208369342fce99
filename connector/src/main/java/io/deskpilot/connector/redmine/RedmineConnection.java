package io.deskpilot.connector.redmine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.connector.platform.Assigner;
import io.deskpilot.connector.platform.ChangeFeed;
import io.deskpilot.connector.platform.ChangePage;
import io.deskpilot.connector.platform.CommentRef;
import io.deskpilot.connector.platform.ConnectionCheck;
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
import io.deskpilot.connector.platform.StatusCategory;
import io.deskpilot.connector.platform.StatusChanger;
import io.deskpilot.connector.platform.TargetStatus;
import io.deskpilot.connector.platform.TransientPlatformException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One Redmine project as a Deskpilot desk. Requests are issues (key = issue id), comments are journal notes; the
 * issue's author is the customer, the bot is the API key's user, everyone else is an agent.
 */
final class RedmineConnection implements PlatformConnection, RequestReader, ReplyPoster, StatusChanger, Assigner,
		ChangeFeed, HistoryReader {

	static final PlatformCapabilities CAPABILITIES = new PlatformCapabilities(false, true, true, true, true, true, false);

	private static final Duration STATUS_CACHE = Duration.ofMinutes(5);

	private final RedmineSettings settings;

	private final RestClient http;

	private final JsonMapper json;

	private final Clock clock;

	private volatile @Nullable JsonNode me;

	private volatile Map<String, JsonNode> statuses = Map.of();

	private volatile Instant statusesLoaded = Instant.EPOCH;

	RedmineConnection(RedmineSettings settings, RestClient.Builder builder, JsonMapper json, Clock clock) {
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		String key = settings.apiKey().reveal();
		this.http = builder.clone()
			.baseUrl(settings.baseUrl().toString())
			.defaultHeader("X-Redmine-API-Key", key)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				int status = response.getStatusCode().value();
				String body = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				String what = request.getMethod() + " " + request.getURI().getPath() + " → " + status;
				if (status == 429 || status >= 500) {
					throw new TransientPlatformException("Redmine answered " + what, null);
				}
				throw new PlatformRejectedException("Redmine refused " + what + (body.isBlank() ? "" : ": " + clip(body)),
						status);
			})
			.build();
	}

	@Override
	public PlatformCapabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Optional<String> ticketUrl(String requestKey) {
		return Optional.of(this.settings.baseUrl() + "/issues/" + requestKey);
	}

	@Override
	public ConnectionCheck test() {
		return ConnectionCheck.run(this.clock, () -> {
			JsonNode user = me();
			JsonNode project = get("/projects/" + this.settings.project() + ".json").path("project");
			int agents = assignableAgents().size();
			return "Connected to " + this.settings.baseUrl() + " as " + user.path("login").asString() + "; project "
					+ project.path("name").asString() + " has " + agents + " assignable members";
		});
	}

	// ---------------------------------------------------------------- reading

	@Override
	public PlatformRequest request(String key) {
		return toRequest(issue(key, false));
	}

	@Override
	public List<PlatformComment> comments(String key) {
		return comments(issue(key, true));
	}

	// ---------------------------------------------------------------- writing

	@Override
	public CommentRef post(String key, String body, boolean isPublic, String idempotencyKey) {
		ObjectNode issue = this.json.createObjectNode();
		issue.put("notes", body);
		issue.put("private_notes", !isPublic);
		put(key, issue);
		return findPosted(key, idempotencyKey, body)
			.orElseThrow(() -> new TransientPlatformException("Redmine took the note on #" + key + " but does not show it yet", null));
	}

	@Override
	public Optional<CommentRef> findPosted(String key, String idempotencyKey, String body) {
		return PlatformComment.newestBotPost(comments(issue(key, true)), body);
	}

	@Override
	public void transition(String key, TargetStatus target, @Nullable String resolution) {
		String name = this.settings.nameOf(target);
		JsonNode status = status(name);
		JsonNode current = issue(key, false);
		if (current.path("status").path("id").asString().equals(status.path("id").asString())) {
			return;
		}
		ObjectNode issue = this.json.createObjectNode();
		issue.put("status_id", status.path("id").asInt());
		put(key, issue);
		// Redmine answers 204 to a status its workflow does not allow, and ignores it
		String now = issue(key, false).path("status").path("name").asString();
		if (!now.equalsIgnoreCase(name)) {
			throw new PlatformRejectedException("Redmine did not move #" + key + " to '" + name + "' (it stayed '" + now
					+ "'): the workflow does not allow it for the bot's role and this tracker", 409);
		}
	}

	@Override
	public void assign(String key, @Nullable String agentId) {
		ObjectNode issue = this.json.createObjectNode();
		if (agentId == null) {
			issue.put("assigned_to_id", "");
		}
		else {
			issue.put("assigned_to_id", Integer.parseInt(agentId));
		}
		put(key, issue);
		String now = issue(key, false).path("assigned_to").path("id").asString("");
		if (!now.equals(agentId == null ? "" : agentId)) {
			throw new PlatformRejectedException("Redmine did not assign #" + key + " to user " + agentId
					+ ": they are not a member of " + this.settings.project() + " with a role issues can be assigned to", 409);
		}
	}

	@Override
	public List<Person> assignableAgents() {
		String botId = me().path("id").asString();
		List<Person> out = new ArrayList<>();
		int offset = 0;
		while (true) {
			JsonNode page = get("/projects/" + this.settings.project() + "/memberships.json?limit=100&offset=" + offset);
			for (JsonNode m : page.path("memberships")) {
				JsonNode user = m.path("user");
				if (!user.isMissingNode() && !user.path("id").asString().equals(botId)) {
					out.add(new Person(user.path("id").asString(), user.path("name").asString(), null));
				}
			}
			offset += 100;
			if (offset >= page.path("total_count").asInt(0)) {
				return out;
			}
		}
	}

	// ---------------------------------------------------------------- change feed and history

	@Override
	public ChangePage changesSince(@Nullable String cursor, int limit) {
		if (cursor == null) {
			JsonNode newest = get("/issues.json?project_id=" + this.settings.project() + "&status_id=*&sort=updated_on:desc&limit=1")
				.path("issues");
			String start = newest.isEmpty()
					? DateTimeFormatter.ISO_INSTANT.format(this.clock.instant().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
					: newest.get(0).path("updated_on").asString();
			return new ChangePage(List.of(), start);
		}
		Instant watermark = Instant.parse(cursor).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		// updated_on has second precision: ask from the watermark itself (the overlap is deduplicated by key)
		JsonNode page = get("/issues.json", Map.of("project_id", this.settings.project(), "status_id", "*", "sort", "updated_on",
				"limit", Integer.toString(Math.min(limit, 100)), "updated_on", ">=" + DateTimeFormatter.ISO_INSTANT.format(watermark)));
		List<RequestEvent> events = new ArrayList<>();
		Instant next = watermark;
		for (JsonNode summary : page.path("issues")) {
			String key = summary.path("id").asString();
			Instant updated = Instant.parse(summary.path("updated_on").asString());
			if (updated.isAfter(next)) {
				next = updated;
			}
			Instant created = Instant.parse(summary.path("created_on").asString());
			if (!created.isBefore(watermark)) {
				events.add(new RequestEvent(EventType.REQUEST_CREATED, key, "redmine:created:" + key, created, null));
			}
			JsonNode issue = issue(key, true);
			for (JsonNode j : issue.path("journals")) {
				Instant at = Instant.parse(j.path("created_on").asString());
				if (at.isBefore(watermark)) {
					continue;
				}
				String id = j.path("id").asString();
				if (!j.path("notes").asString("").isBlank()) {
					events.add(new RequestEvent(EventType.COMMENT_ADDED, key, "redmine:journal:" + id, at, id));
				}
				if (!j.path("details").isEmpty()) {
					events.add(new RequestEvent(EventType.REQUEST_UPDATED, key, "redmine:change:" + id, at, null));
				}
			}
		}
		return new ChangePage(events, DateTimeFormatter.ISO_INSTANT.format(next.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
	}

	@Override
	public HistoryPage resolved(@Nullable String cursor, int pageSize) {
		int offset = cursor == null ? 0 : Integer.parseInt(cursor);
		int size = Math.max(1, Math.min(pageSize, 100));
		// closed statuses and the one Deskpilot resolves with (Redmine's "Resolved" is not a closed status)
		StringBuilder done = new StringBuilder();
		for (JsonNode st : statusTable().values()) {
			if (st.path("is_closed").asBoolean(false) || st.path("name").asString().equalsIgnoreCase(this.settings.resolvedStatus())) {
				done.append(done.isEmpty() ? "" : "|").append(st.path("id").asInt());
			}
		}
		JsonNode page = get("/issues.json", Map.of("project_id", this.settings.project(), "status_id", done.toString(), "sort",
				"id", "limit", Integer.toString(size), "offset", Integer.toString(offset)));
		List<ResolvedTicket> tickets = new ArrayList<>();
		for (JsonNode summary : page.path("issues")) {
			JsonNode issue = issue(summary.path("id").asString(), true);
			Instant closed = issue.hasNonNull("closed_on") ? Instant.parse(issue.path("closed_on").asString()) : null;
			tickets.add(new ResolvedTicket(toRequest(issue), closed, issue.path("status").path("name").asString(null), null,
					comments(issue)));
		}
		long total = page.path("total_count").asLong(0);
		int next = offset + page.path("issues").size();
		boolean last = page.path("issues").isEmpty() || next >= total;
		return new HistoryPage(tickets, last ? null : Integer.toString(next), last, total);
	}

	// ---------------------------------------------------------------- mapping

	private PlatformRequest toRequest(JsonNode issue) {
		JsonNode status = issue.path("status");
		JsonNode author = issue.path("author");
		JsonNode assignee = issue.path("assigned_to");
		Instant created = Instant.parse(issue.path("created_on").asString());
		Instant updated = issue.hasNonNull("updated_on") ? Instant.parse(issue.path("updated_on").asString()) : created;
		return new PlatformRequest(issue.path("id").asString(), issue.path("subject").asString(""),
				issue.path("description").asString(""), new RequestStatus(status.path("name").asString(), category(status)),
				new Person(author.path("id").asString(), author.path("name").asString(), null), null,
				issue.path("tracker").path("name").asString(null),
				assignee.isMissingNode() || assignee.isNull() ? null
						: new Person(assignee.path("id").asString(), assignee.path("name").asString(), null),
				created, updated, List.of(), List.of(), issue.path("priority").path("name").asString(null),
				this.settings.baseUrl() + "/issues/" + issue.path("id").asString());
	}

	private List<PlatformComment> comments(JsonNode issue) {
		String botId = me().path("id").asString();
		String customerId = issue.path("author").path("id").asString();
		List<PlatformComment> out = new ArrayList<>();
		for (JsonNode j : issue.path("journals")) {
			String notes = j.path("notes").asString("");
			if (notes.isBlank()) {
				continue;
			}
			JsonNode user = j.path("user");
			String userId = user.path("id").asString();
			AuthorRole role = userId.equals(botId) ? AuthorRole.BOT : userId.equals(customerId) ? AuthorRole.CUSTOMER : AuthorRole.AGENT;
			out.add(new PlatformComment(j.path("id").asString(), new Person(userId, user.path("name").asString(), null), role,
					!j.path("private_notes").asBoolean(false), notes, Instant.parse(j.path("created_on").asString())));
		}
		out.sort(Comparator.comparing(PlatformComment::created).thenComparing(c -> Long.parseLong(c.id())));
		return out;
	}

	private StatusCategory category(JsonNode status) {
		String name = status.path("name").asString("");
		JsonNode known = statusTable().get(name.toLowerCase(Locale.ROOT));
		if (known != null && known.path("is_closed").asBoolean(false) || name.equalsIgnoreCase(this.settings.resolvedStatus())) {
			return StatusCategory.DONE;
		}
		if (name.equalsIgnoreCase(this.settings.waitingStatus())) {
			return StatusCategory.WAITING_FOR_CUSTOMER;
		}
		if (known != null && known.path("id").asInt() == lowestStatusId()) {
			return StatusCategory.NEW;
		}
		return StatusCategory.IN_PROGRESS;
	}

	private int lowestStatusId() {
		return statusTable().values().stream().mapToInt(s -> s.path("id").asInt()).min().orElse(1);
	}

	private JsonNode status(String name) {
		JsonNode s = statusTable().get(name.toLowerCase(Locale.ROOT));
		if (s == null) {
			throw new PlatformRejectedException("Redmine has no status '" + name + "' (it has " + statusTable().keySet() + ")", 400);
		}
		return s;
	}

	private Map<String, JsonNode> statusTable() {
		if (this.statusesLoaded.plus(STATUS_CACHE).isBefore(this.clock.instant()) || this.statuses.isEmpty()) {
			Map<String, JsonNode> table = new LinkedHashMap<>();
			for (JsonNode s : get("/issue_statuses.json").path("issue_statuses")) {
				table.put(s.path("name").asString().toLowerCase(Locale.ROOT), s);
			}
			this.statuses = table;
			this.statusesLoaded = this.clock.instant();
		}
		return this.statuses;
	}

	private JsonNode me() {
		JsonNode user = this.me;
		if (user == null) {
			user = get("/users/current.json").path("user");
			this.me = user;
		}
		return user;
	}

	// ---------------------------------------------------------------- HTTP

	private JsonNode issue(String key, boolean journals) {
		if (!key.matches("\\d{1,12}")) {
			throw new PlatformRejectedException("'" + key + "' is not a Redmine issue number", 404);
		}
		JsonNode issue = get("/issues/" + key + ".json" + (journals ? "?include=journals" : "")).path("issue");
		String project = issue.path("project").path("id").asString();
		if (!Objects.equals(project, projectId())) {
			throw new PlatformRejectedException("#" + key + " is not in project " + this.settings.project(), 404);
		}
		return issue;
	}

	private volatile @Nullable String projectId;

	private String projectId() {
		String id = this.projectId;
		if (id == null) {
			id = get("/projects/" + this.settings.project() + ".json").path("project").path("id").asString();
			this.projectId = id;
		}
		return id;
	}

	private JsonNode get(String path, Map<String, String> query) {
		try {
			String body = this.http.get().uri(b -> {
				b.path(path);
				query.forEach(b::queryParam);
				return b.build();
			}).retrieve().body(String.class);
			return this.json.readTree(body == null ? "{}" : body);
		}
		catch (ResourceAccessException ex) {
			throw new TransientPlatformException("Redmine unreachable: " + ex.getMostSpecificCause().getMessage(), null, ex);
		}
	}

	private JsonNode get(String uri) {
		try {
			String body = this.http.get().uri(uri).retrieve().body(String.class);
			return this.json.readTree(body == null ? "{}" : body);
		}
		catch (ResourceAccessException ex) {
			throw new TransientPlatformException("Redmine unreachable: " + ex.getMostSpecificCause().getMessage(), null, ex);
		}
	}

	private void put(String key, ObjectNode issue) {
		ObjectNode root = this.json.createObjectNode();
		root.set("issue", issue);
		// with a length: Redmine's WEBrick reads no chunked request body
		byte[] body = this.json.writeValueAsBytes(root);
		try {
			this.http.put().uri("/issues/" + key + ".json").contentType(MediaType.APPLICATION_JSON).contentLength(body.length)
				.body(body).retrieve().toBodilessEntity();
		}
		catch (ResourceAccessException ex) {
			throw new TransientPlatformException("Redmine unreachable: " + ex.getMostSpecificCause().getMessage(), null, ex);
		}
	}

	/** The desk's error texts, short (never a whole page: the test of a wrong URL must not echo what it reached). */
	private static String clip(String s) {
		return io.deskpilot.connector.platform.Excerpt.of(s);
	}

}

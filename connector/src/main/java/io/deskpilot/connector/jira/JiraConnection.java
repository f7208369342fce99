package io.deskpilot.connector.jira;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.text.AdfText;
import io.deskpilot.bot.text.TextCleaner;
import io.deskpilot.connector.jira.JiraDtos.CommentCreate;
import io.deskpilot.connector.jira.JiraDtos.EntityProperty;
import io.deskpilot.connector.jira.JiraDtos.IdRef;
import io.deskpilot.connector.jira.JiraDtos.IssueBean;
import io.deskpilot.connector.jira.JiraDtos.JiraUser;
import io.deskpilot.connector.jira.JiraDtos.JsmComment;
import io.deskpilot.connector.jira.JiraDtos.JsmFieldValue;
import io.deskpilot.connector.jira.JiraDtos.JsmPage;
import io.deskpilot.connector.jira.JiraDtos.JsmRequest;
import io.deskpilot.connector.jira.JiraDtos.JsmUser;
import io.deskpilot.connector.jira.JiraDtos.NameRef;
import io.deskpilot.connector.jira.JiraDtos.SearchJqlResults;
import io.deskpilot.connector.jira.JiraDtos.SearchResults;
import io.deskpilot.connector.jira.JiraDtos.TransitionBean;
import io.deskpilot.connector.jira.JiraDtos.TransitionRequest;
import io.deskpilot.connector.platform.AppCredentials;
import io.deskpilot.connector.platform.Assigner;
import io.deskpilot.connector.platform.ChangeFeed;
import io.deskpilot.connector.platform.ChangePage;
import io.deskpilot.connector.platform.CommentRef;
import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.EventType;
import io.deskpilot.connector.platform.HistoryPage;
import io.deskpilot.connector.platform.HistoryReader;
import io.deskpilot.connector.platform.Linker;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Jira site (Cloud or Data Center) as a Deskpilot platform: customer-facing reads and comments through the JSM API,
 * agent actions (transitions, assignment, issue properties) and JQL search through the platform API.
 */
final class JiraConnection implements PlatformConnection, RequestReader, ReplyPoster, StatusChanger, Assigner, Linker,
		ChangeFeed, HistoryReader {

	private static final Logger log = LoggerFactory.getLogger(JiraConnection.class);

	static final PlatformCapabilities CAPABILITIES = new PlatformCapabilities(true, true, true, true, true, true, false);

	/** The issue property holding Deskpilot's state for a ticket. */
	static final String PROPERTY = "io.deskpilot.state";

	/**
	 * Jira's rate-limit headers: a 429 limits everyone unless it is a burst limit ({@code RateLimit-Reason:
	 * jira-burst-based}); {@code X-RateLimit-NearLimit} pauses background work.
	 */
	static final DeskCalls.RateLimitSignals RATE_LIMITS = new DeskCalls.RateLimitSignals() {

		@Override
		public boolean wholeSite(int status, HttpHeaders headers) {
			return status == 429 && !"jira-burst-based".equalsIgnoreCase(headers.getFirst("RateLimit-Reason"));
		}

		@Override
		public boolean nearLimit(HttpHeaders headers) {
			return "true".equalsIgnoreCase(headers.getFirst("X-RateLimit-NearLimit"))
					|| "true".equalsIgnoreCase(headers.getFirst("X-Beta-Ratelimit-Nearlimit"));
		}

	};

	static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

	private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

	private static final String HISTORY_FIELDS = "summary,description,comment,resolution,resolutiondate,status,reporter,"
			+ "assignee,created,updated,labels,components,issuelinks,priority";

	/** JQL has minute precision and search is eventually consistent: every poll looks back this far. */
	static final Duration POLL_OVERLAP = Duration.ofMinutes(2);

	private static final Duration AGENT_CACHE = Duration.ofMinutes(5);

	private final JiraSettings settings;

	private final RestClient.Builder builder;

	private final java.util.function.Supplier<String> authorization;

	private final JiraOAuth.@Nullable Session oauth;

	private volatile @Nullable Clients clients;

	private final DeskCalls calls;

	private final JiraWebhooks webhooks;

	private final JsonMapper json;

	private final Clock clock;

	private final String v;

	private volatile @Nullable JiraUser bot;

	/** Reporters never change: remembered so reading comments costs one call, not two. */
	private final Cache<String, String> reporters = Caffeine.newBuilder().maximumSize(10_000).build();

	private volatile Set<String> agentIds = Set.of();

	private volatile Instant agentsLoaded = Instant.EPOCH;

	JiraConnection(JiraSettings settings, Secret webhookSecret, AppCredentials credentials, JiraOAuth oauth,
			RestClient.Builder builder, JsonMapper json, Clock clock) {
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		this.builder = builder;
		this.v = settings.apiVersion();
		this.calls = new DeskCalls(new HttpFailures("Jira", "check the e-mail and token", json, clock),
				settings.maxConcurrency(), RATE_LIMITS);
		this.oauth = settings.usesOAuth() ? oauth.session(settings) : null;
		this.authorization = authorization(settings, credentials, this.oauth);
		this.webhooks = new JiraWebhooks(settings.projectKey(), webhookSecret, json);
	}

	/**
	 * A fixed header for API tokens and PATs; for Forge, the token of Forge's latest call for this installation, read
	 * per request (Forge tokens live minutes; a missing one is a transient failure until Forge calls again); for
	 * OAuth, the grant's access token, refreshed when due.
	 */
	private static java.util.function.Supplier<String> authorization(JiraSettings settings, AppCredentials credentials,
			JiraOAuth.@Nullable Session oauth) {
		if (oauth != null) {
			return oauth::authorization;
		}
		if (!settings.forge()) {
			String fixed = settings.authorization();
			return () -> fixed;
		}
		String installation = settings.installationId();
		return () -> "Bearer " + credentials.token(installation)
			.filter(t -> !t.isEmpty())
			.orElseThrow(() -> new TransientPlatformException(
					"no Forge token for " + installation + " yet: Forge hands one over with its next call", null))
			.reveal();
	}

	/**
	 * The typed clients for the site's API base URL: the settings' URL, or for OAuth the gateway URL of the granted
	 * site, which is known only once an admin has consented (so they are built on first use).
	 */
	private Clients clients() {
		URI base = this.oauth != null ? this.oauth.apiBaseUrl() : this.settings.baseUrl();
		Clients c = this.clients;
		if (c != null && c.base().equals(base)) {
			return c;
		}
		RestClient rest = this.builder.clone()
			.baseUrl(base.toString())
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().set("Authorization", this.authorization.get());
				var response = execution.execute(request, body);
				this.calls.observe(response);
				if (this.oauth != null && response.getStatusCode().value() == 401) {
					this.oauth.forget(); // revoked or rotated elsewhere: read the grant again next time
				}
				return response;
			})
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw this.calls.failures().classify(request, response);
			})
			.build();
		HttpServiceProxyFactory factory = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build();
		c = new Clients(base, factory.createClient(JsmApi.class), factory.createClient(JiraPlatformApi.class));
		this.clients = c;
		return c;
	}

	private JsmApi jsm() {
		return clients().jsm();
	}

	private JiraPlatformApi platform() {
		return clients().platform();
	}

	private record Clients(URI base, JsmApi jsm, JiraPlatformApi platform) {
	}

	@Override
	public PlatformCapabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Optional<String> ticketUrl(String requestKey) {
		// Forge's API URL is not a page anyone can open
		return this.settings.forge() ? Optional.empty() : Optional.of(this.settings.baseUrl() + "/browse/" + requestKey);
	}

	@Override
	public Optional<WebhookHandler> webhooks() {
		return Optional.of(this.webhooks);
	}

	@Override
	public ConnectionCheck test() {
		return ConnectionCheck.run(this.clock, () -> {
			JiraUser me = this.calls.read(() -> platform().myself(this.v));
			this.bot = me;
			int agents = assignableAgents().size();
			return "Connected to " + this.settings.baseUrl() + " as " + me.displayName() + "; project "
					+ this.settings.projectKey() + " has " + agents + " assignable agents";
		});
	}

	// ---------------------------------------------------------------- reading

	@Override
	public PlatformRequest request(String key) {
		JsmRequest r = this.calls.read(() -> jsm().request(key, "requestType,sla"));
		IssueBean issue = this.calls.read(() -> platform().issue(this.v, key, "assignee,labels,components,priority,updated"));
		JsonNode f = issue.fields() == null ? this.json.createObjectNode() : issue.fields();
		String summary = "";
		String description = "";
		for (JsmFieldValue value : nonNull(r.requestFieldValues())) {
			if ("summary".equals(value.fieldId())) {
				summary = text(value.value());
			}
			else if ("description".equals(value.fieldId())) {
				description = text(value.value());
			}
		}
		Instant created = r.createdDate() == null ? this.clock.instant() : Instant.ofEpochMilli(r.createdDate().epochMillis());
		this.reporters.put(r.issueKey(), person(r.reporter()).id());
		return new PlatformRequest(r.issueKey(), summary, description, status(r), person(r.reporter()), null,
				r.requestType() == null ? r.requestTypeId() : r.requestType().name(), platformUser(f.get("assignee")), created,
				time(f.path("updated").asString(null)), strings(f.path("labels")), names(f.path("components")),
				f.path("priority").path("name").asString(null), r.links() == null ? null : r.links().get("web"),
				firstResponseDue(r.sla()));
	}

	/**
	 * The breach time of the request's running first-response SLA cycle (by the SLA's name), or null: no such SLA,
	 * already met, or paused (a paused clock has no breach time to count on).
	 */
	private @Nullable Instant firstResponseDue(@Nullable JsonNode sla) {
		if (sla == null) {
			return null;
		}
		for (JsonNode value : sla.path("values")) {
			if (!value.path("name").asString("").equalsIgnoreCase(this.settings.firstResponseSla())) {
				continue;
			}
			JsonNode cycle = value.path("ongoingCycle");
			if (cycle.isMissingNode() || cycle.path("paused").asBoolean(false) || !cycle.path("breachTime").has("epochMillis")) {
				return null;
			}
			return Instant.ofEpochMilli(cycle.path("breachTime").path("epochMillis").asLong());
		}
		return null;
	}

	@Override
	public List<PlatformComment> comments(String key) {
		String reporter = this.reporters.get(key, k -> person(this.calls.read(() -> jsm().request(k, "")).reporter()).id());
		List<PlatformComment> out = new ArrayList<>();
		int start = 0;
		for (int page = 0; page < 100; page++) {
			int from = start;
			JsmPage<JsmComment> p = this.calls.read(() -> jsm().comments(key, true, true, from, 100));
			for (JsmComment c : nonNull(p.values())) {
				Person author = person(c.author());
				out.add(new PlatformComment(c.id(), author, role(author.id(), reporter, c.isPublic()), c.isPublic(),
						c.body() == null ? "" : c.body(),
						c.created() == null ? this.clock.instant() : Instant.ofEpochMilli(c.created().epochMillis())));
			}
			if (p.isLastPage() || nonNull(p.values()).isEmpty()) {
				break;
			}
			start += nonNull(p.values()).size();
		}
		return out;
	}

	// ---------------------------------------------------------------- posting

	@Override
	public CommentRef post(String key, String body, boolean isPublic, String idempotencyKey) {
		JsmComment created = this.calls.write(() -> jsm().addComment(key, new CommentCreate(body, isPublic)));
		CommentRef ref = new CommentRef(created.id());
		try {
			ObjectNode state = state(key);
			ObjectNode posts = state.has("posts") && state.get("posts").isObject() ? (ObjectNode) state.get("posts")
					: state.putObject("posts");
			posts.put(idempotencyKey, created.id());
			while (posts.size() > 200) {
				posts.remove(posts.propertyNames().iterator().next());
			}
			state.put("v", 1);
			state.put("lastBotCommentId", created.id());
			this.calls.read(() -> {
				platform().setProperty(this.v, key, PROPERTY, state);
				return null;
			});
		}
		catch (RuntimeException ex) {
			// the comment landed; findPosted still finds it by body
			log.warn("Could not record comment {} in the issue property of {}: {}", created.id(), key, ex.getMessage());
		}
		return ref;
	}

	@Override
	public Optional<CommentRef> findPosted(String key, String idempotencyKey, String body) {
		JsonNode recorded = state(key).path("posts").path(idempotencyKey);
		if (recorded.isString()) {
			return Optional.of(new CommentRef(recorded.asString()));
		}
		String wanted = body.strip();
		return comments(key).stream()
			.filter(c -> c.role() == AuthorRole.BOT && c.body().strip().equals(wanted))
			.map(c -> new CommentRef(c.id()))
			.findFirst();
	}

	private ObjectNode state(String key) {
		try {
			EntityProperty p = this.calls.read(() -> platform().property(this.v, key, PROPERTY));
			if (p.value() != null && p.value().isObject()) {
				return (ObjectNode) p.value();
			}
		}
		catch (PlatformRejectedException ex) {
			if (ex.status() != 404) {
				throw ex;
			}
		}
		return this.json.createObjectNode();
	}

	// ---------------------------------------------------------------- agent actions

	@Override
	public void transition(String key, TargetStatus target, @Nullable String resolution) {
		if (reached(target, status(key))) {
			return;
		}
		List<TransitionBean> available = nonNull(
				this.calls.read(() -> platform().transitions(this.v, key, "transitions.fields")).transitions());
		TransitionBean chosen = available.stream()
			.filter(t -> t.to() != null && reached(target, t.to().name(),
					t.to().statusCategory() == null ? "" : nullToEmpty(t.to().statusCategory().key())))
			.min((a, b) -> Integer.compare(preference(target, a), preference(target, b)))
			.orElse(null);
		if (chosen == null) {
			// the issue may have moved between the two reads (an agent, or an earlier attempt that did it)
			CurrentStatus now = status(key);
			if (reached(target, now)) {
				return;
			}
			throw new PlatformRejectedException("No transition from '" + now.name() + "' of " + key + " reaches " + target
					+ " (available: " + available.stream().map(TransitionBean::name).toList() + ")", 409);
		}
		Map<String, Object> fields = null;
		if (chosen.fields() != null && chosen.fields().containsKey("resolution")) {
			fields = Map.of("resolution", new NameRef(resolution == null || resolution.isBlank() ? this.settings.resolution()
					: resolution));
		}
		Map<String, Object> f = fields;
		this.calls.write(() -> {
			platform().transition(this.v, key, new TransitionRequest(new IdRef(chosen.id()), f));
			return null;
		});
	}

	/** An issue's status: its name and its category's key ({@code new}, {@code indeterminate}, {@code done}). */
	private record CurrentStatus(String name, String categoryKey) {
	}

	private CurrentStatus status(String key) {
		IssueBean issue = this.calls.read(() -> platform().issue(this.v, key, "status"));
		JsonNode status = issue.fields() == null ? null : issue.fields().get("status");
		return status == null ? new CurrentStatus("", "")
				: new CurrentStatus(status.path("name").asString(""), status.path("statusCategory").path("key").asString(""));
	}

	private boolean reached(TargetStatus target, CurrentStatus status) {
		return reached(target, status.name(), status.categoryKey());
	}

	private boolean reached(TargetStatus target, String name, String categoryKey) {
		boolean waiting = name.equalsIgnoreCase(this.settings.waitingStatus());
		return switch (target) {
			case RESOLVED -> "done".equalsIgnoreCase(categoryKey);
			case WAITING_FOR_CUSTOMER -> waiting;
			case IN_PROGRESS -> "indeterminate".equalsIgnoreCase(categoryKey) && !waiting;
			case REOPENED -> !"done".equalsIgnoreCase(categoryKey) && !waiting && !categoryKey.isEmpty();
		};
	}

	/** Among transitions reaching the target, prefer the JSM defaults' names. */
	private static int preference(TargetStatus target, TransitionBean t) {
		String to = t.to().name().toLowerCase(Locale.ROOT);
		return switch (target) {
			case RESOLVED -> to.equals("resolved") ? 0 : to.equals("done") ? 1 : 2;
			case REOPENED -> to.startsWith("waiting for support") || to.equals("open") ? 0 : 1;
			default -> 0;
		};
	}

	@Override
	public void assign(String key, @Nullable String agentId) {
		Map<String, @Nullable String> body = new HashMap<>();
		body.put(this.settings.cloud() ? "accountId" : "name", agentId);
		this.calls.read(() -> {
			platform().assign(this.v, key, body);
			return null;
		});
	}

	/** A "Relates" link; Jira keeps one link per pair and type, so a retry cannot double it. */
	@Override
	public void link(String key, String otherKey) {
		Map<String, Object> body = Map.of("type", Map.of("name", "Relates"), "inwardIssue", Map.of("key", key),
				"outwardIssue", Map.of("key", otherKey));
		this.calls.read(() -> {
			platform().link(this.v, body);
			return null;
		});
	}

	@Override
	public List<Person> assignableAgents() {
		String botId = botId();
		List<Person> agents = this.calls
			.read(() -> platform().assignable(this.v, this.settings.projectKey(), 1000))
			.stream()
			.map(this::platformPerson)
			.filter(p -> !p.id().equals(botId))
			.toList();
		this.agentIds = agents.stream().map(Person::id).collect(Collectors.toUnmodifiableSet());
		this.agentsLoaded = this.clock.instant();
		return agents;
	}

	// ---------------------------------------------------------------- polling

	@Override
	public ChangePage changesSince(@Nullable String cursor, int limit) {
		Instant since = cursor == null ? this.clock.instant().minus(POLL_OVERLAP) : Instant.ofEpochMilli(Long.parseLong(cursor));
		Instant from = since.minus(POLL_OVERLAP);
		String jql = "project = " + this.settings.projectKey() + " AND updated >= \"" + jqlTime(from)
				+ "\" ORDER BY updated ASC, key ASC";
		List<RequestEvent> events = new ArrayList<>();
		Instant newest = since;
		String token = null;
		int start = 0;
		for (int page = 0; page < 20 && events.size() < Math.max(limit, 1) * 4; page++) {
			List<IssueBean> issues;
			boolean last;
			if (this.settings.cloud()) {
				String t = token;
				SearchJqlResults r = this.calls.read(() -> platform().searchJql(jql, t, 100, "created,updated,comment"));
				issues = nonNull(r.issues());
				token = r.nextPageToken();
				last = Boolean.TRUE.equals(r.isLast()) || token == null;
			}
			else {
				int s = start;
				SearchResults r = this.calls.read(() -> platform().search(jql, s, 100, "created,updated,comment"));
				issues = nonNull(r.issues());
				start += issues.size();
				last = start >= r.total() || issues.isEmpty();
			}
			for (IssueBean issue : issues) {
				JsonNode f = issue.fields() == null ? this.json.createObjectNode() : issue.fields();
				Instant created = time(f.path("created").asString(null));
				Instant updated = time(f.path("updated").asString(null));
				if (created != null && !created.isBefore(from)) {
					events.add(new RequestEvent(EventType.REQUEST_CREATED, issue.key(), "jira:created:" + issue.id(), created, null));
				}
				for (JsonNode c : f.path("comment").path("comments")) {
					Instant at = time(c.path("created").asString(null));
					if (at != null && !at.isBefore(from)) {
						String id = c.path("id").asString();
						events.add(new RequestEvent(EventType.COMMENT_ADDED, issue.key(), "jira:comment:" + id, at, id));
					}
				}
				if (updated != null) {
					events.add(new RequestEvent(EventType.REQUEST_UPDATED, issue.key(),
							"jira:updated:" + issue.id() + ":" + updated.toEpochMilli(), updated, null));
					if (updated.isAfter(newest)) {
						newest = updated;
					}
				}
			}
			if (last) {
				break;
			}
		}
		return new ChangePage(events, String.valueOf(newest.toEpochMilli()));
	}

	// ---------------------------------------------------------------- history

	/**
	 * Resolved tickets, oldest resolution first. The cursor is {@code w=<epoch ms>} (the resolution watermark a new
	 * search starts from) plus the position in the running search ({@code ;t=<nextPageToken>} on Cloud,
	 * {@code ;s=<startAt>} on Data Center); an expired token restarts from the watermark.
	 */
	@Override
	public HistoryPage resolved(@Nullable String cursor, int pageSize) {
		long watermark = 0;
		String token = null;
		int startAt = 0;
		if (cursor != null) {
			for (String part : cursor.split(";")) {
				if (part.startsWith("w=")) {
					watermark = Long.parseLong(part.substring(2));
				}
				else if (part.startsWith("t=")) {
					token = part.substring(2);
				}
				else if (part.startsWith("s=")) {
					startAt = Integer.parseInt(part.substring(2));
				}
			}
		}
		String jql = "project = " + this.settings.projectKey() + " AND statusCategory = Done"
				+ (watermark > 0 ? " AND resolved >= \"" + jqlTime(Instant.ofEpochMilli(watermark)) + "\"" : "")
				+ " ORDER BY resolved ASC, key ASC";
		int size = Math.clamp(pageSize, 1, 100);
		List<IssueBean> issues;
		String next;
		boolean last;
		long total = -1;
		if (this.settings.cloud()) {
			String t = token;
			SearchJqlResults r;
			try {
				r = this.calls.background(() -> platform().searchJql(jql, t, size, HISTORY_FIELDS));
			}
			catch (PlatformRejectedException ex) {
				if (t == null || ex.status() != 400) {
					throw ex;
				}
				log.info("History page token expired; restarting the search from the watermark");
				r = this.calls.background(() -> platform().searchJql(jql, null, size, HISTORY_FIELDS));
			}
			issues = nonNull(r.issues());
			last = Boolean.TRUE.equals(r.isLast()) || r.nextPageToken() == null;
			next = last ? null : r.nextPageToken();
			if (t == null) {
				// the enhanced search has no total; the approximate count gives progress an ETA
				try {
					total = this.calls.background(() -> platform().approximateCount(Map.of("jql", jql))).count();
				}
				catch (RuntimeException ex) {
					log.debug("No approximate count for the history search: {}", ex.getMessage());
				}
			}
		}
		else {
			int s = startAt;
			SearchResults r = this.calls.background(() -> platform().search(jql, s, size, HISTORY_FIELDS));
			issues = nonNull(r.issues());
			total = r.total();
			last = s + issues.size() >= r.total() || issues.isEmpty();
			next = last ? null : String.valueOf(s + issues.size());
		}
		refreshAgents();
		List<ResolvedTicket> tickets = new ArrayList<>();
		long newest = watermark;
		for (IssueBean issue : issues) {
			ResolvedTicket t = resolvedTicket(issue);
			tickets.add(t);
			if (t.resolved() != null) {
				newest = Math.max(newest, t.resolved().toEpochMilli());
			}
		}
		String cursorOut;
		if (last) {
			// the next import starts from the newest resolution seen; re-read tickets are upserts
			cursorOut = "w=" + newest;
		}
		else {
			cursorOut = "w=" + watermark + (this.settings.cloud() ? ";t=" + next : ";s=" + next);
		}
		return new HistoryPage(tickets, cursorOut, last, total);
	}

	private ResolvedTicket resolvedTicket(IssueBean issue) {
		JsonNode f = issue.fields() == null ? this.json.createObjectNode() : issue.fields();
		Person reporter = platformUser(f.get("reporter"));
		if (reporter == null) {
			reporter = Person.of("unknown");
		}
		JsonNode statusNode = f.path("status");
		RequestStatus status = new RequestStatus(statusNode.path("name").asString("Resolved"),
				category(statusNode.path("statusCategory").path("key").asString(""), statusNode.path("name").asString("")));
		Instant created = time(f.path("created").asString(null));
		PlatformRequest request = new PlatformRequest(issue.key(), f.path("summary").asString(""),
				text(f.get("description")), status, reporter, null, null, platformUser(f.get("assignee")),
				created == null ? Instant.EPOCH : created, time(f.path("updated").asString(null)), strings(f.path("labels")),
				names(f.path("components")), f.path("priority").path("name").asString(null), null);
		List<PlatformComment> comments = new ArrayList<>();
		for (JsonNode c : f.path("comment").path("comments")) {
			Person author = platformUser(c.get("author"));
			if (author == null) {
				author = Person.of("unknown");
			}
			boolean isPublic = c.path("jsdPublic").asBoolean(true);
			Instant at = time(c.path("created").asString(null));
			comments.add(new PlatformComment(c.path("id").asString(), author, role(author.id(), reporter.id(), isPublic),
					isPublic, text(c.get("body")), at == null ? request.created() : at));
		}
		String duplicateOf = null;
		for (JsonNode link : f.path("issuelinks")) {
			if ("Duplicate".equalsIgnoreCase(link.path("type").path("name").asString("")) && link.has("outwardIssue")) {
				duplicateOf = link.path("outwardIssue").path("key").asString(null);
			}
		}
		return new ResolvedTicket(request, time(f.path("resolutiondate").asString(null)),
				f.path("resolution").path("name").asString(null), duplicateOf, comments);
	}

	// ---------------------------------------------------------------- mapping

	private AuthorRole role(String authorId, String reporterId, boolean isPublic) {
		if (authorId.equals(botId())) {
			return AuthorRole.BOT;
		}
		if (authorId.equals(reporterId)) {
			return AuthorRole.CUSTOMER;
		}
		if (!isPublic) {
			return AuthorRole.AGENT;
		}
		refreshAgents();
		return this.agentIds.contains(authorId) ? AuthorRole.AGENT : AuthorRole.CUSTOMER;
	}

	private void refreshAgents() {
		if (Duration.between(this.agentsLoaded, this.clock.instant()).compareTo(AGENT_CACHE) > 0) {
			try {
				assignableAgents();
			}
			catch (TransientPlatformException ex) {
				log.debug("Could not refresh the agents of {}: {}", this.settings.projectKey(), ex.getMessage());
			}
		}
	}

	private String botId() {
		JiraUser me = this.bot;
		if (me == null) {
			me = this.calls.read(() -> platform().myself(this.v));
			this.bot = me;
		}
		return id(me.accountId(), me.name(), me.key());
	}

	private ZoneId botZone() {
		botId();
		JiraUser me = this.bot;
		try {
			return me == null || me.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(me.timeZone());
		}
		catch (java.time.DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

	/** JQL dates are read in the searching user's time zone. */
	private String jqlTime(Instant at) {
		return JQL_TIME.format(at.atZone(botZone()));
	}

	private RequestStatus status(JsmRequest r) {
		if (r.currentStatus() == null) {
			return new RequestStatus("Unknown", StatusCategory.NEW);
		}
		String name = r.currentStatus().status();
		String cat = nullToEmpty(r.currentStatus().statusCategory()).toUpperCase(Locale.ROOT);
		return new RequestStatus(name, switch (cat) {
			case "DONE" -> StatusCategory.DONE;
			case "NEW" -> name.equalsIgnoreCase(this.settings.waitingStatus()) ? StatusCategory.WAITING_FOR_CUSTOMER
					: StatusCategory.NEW;
			default -> name.equalsIgnoreCase(this.settings.waitingStatus()) ? StatusCategory.WAITING_FOR_CUSTOMER
					: StatusCategory.IN_PROGRESS;
		});
	}

	private StatusCategory category(String key, String name) {
		if (name.equalsIgnoreCase(this.settings.waitingStatus())) {
			return StatusCategory.WAITING_FOR_CUSTOMER;
		}
		return switch (key.toLowerCase(Locale.ROOT)) {
			case "done" -> StatusCategory.DONE;
			case "new" -> StatusCategory.NEW;
			default -> StatusCategory.IN_PROGRESS;
		};
	}

	private Person person(@Nullable JsmUser u) {
		if (u == null) {
			return Person.of("unknown");
		}
		return new Person(id(u.accountId(), u.name(), u.key()), u.displayName(), u.emailAddress());
	}

	private Person platformPerson(JiraUser u) {
		return new Person(id(u.accountId(), u.name(), u.key()), u.displayName(), u.emailAddress());
	}

	private @Nullable Person platformUser(@Nullable JsonNode u) {
		if (u == null || u.isNull() || u.isMissingNode()) {
			return null;
		}
		return new Person(id(u.path("accountId").asString(null), u.path("name").asString(null), u.path("key").asString(null)),
				u.path("displayName").asString(null), u.path("emailAddress").asString(null));
	}

	/** Cloud identifies people by accountId (GDPR); Data Center by user name, which assignment also takes. */
	private String id(@Nullable String accountId, @Nullable String name, @Nullable String key) {
		List<@Nullable String> order = this.settings.cloud() ? java.util.Arrays.asList(accountId, name, key)
				: java.util.Arrays.asList(name, key, accountId);
		for (String candidate : order) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate;
			}
		}
		return "unknown";
	}

	/** Field text: ADF documents flattened, wiki markup and HTML to plain text. */
	static String text(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return "";
		}
		if (value.isObject()) {
			return AdfText.toText(value);
		}
		String raw = value.asString("");
		return raw.isBlank() ? "" : TextCleaner.toPlain(raw);
	}

	static @Nullable Instant time(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return java.time.OffsetDateTime.parse(value, JIRA_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return java.time.OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException ex2) {
				return null;
			}
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(n.asString()));
		return out;
	}

	private static List<String> names(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(n.path("name").asString()));
		return out;
	}

	private static <T> List<T> nonNull(@Nullable List<T> list) {
		return list == null ? List.of() : list;
	}

	private static String nullToEmpty(@Nullable String s) {
		return s == null ? "" : s;
	}

	@Override
	public String toString() {
		return "JiraConnection[" + this.settings + "]";
	}

}

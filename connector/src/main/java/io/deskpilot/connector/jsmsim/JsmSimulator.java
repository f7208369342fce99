package io.deskpilot.connector.jsmsim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import io.deskpilot.connector.platform.Signatures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a simulated Jira Service Management site: one service desk (project {@code HELP}), its request types,
 * users (the bot, agents, customers), requests with public and internal comments, a JSM-like workflow, issue
 * properties, admin webhooks and injected faults. Thread-safe; every mutation holds the monitor.
 * <p>
 * It is test support that is also startable for demos ({@code deskpilot.jsm-simulator.enabled=true}); nothing in the
 * product depends on it.
 */
public final class JsmSimulator implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(JsmSimulator.class);

	static final String PROJECT_KEY = "HELP";

	static final String PROJECT_ID = "10000";

	static final String SERVICE_DESK_ID = "1";

	static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

	/** Workflow statuses: name, id, Jira category key. */
	enum Status {

		WAITING_FOR_SUPPORT("Waiting for support", "10001", "new"), IN_PROGRESS("In progress", "3", "indeterminate"),
		WAITING_FOR_CUSTOMER("Waiting for customer", "10002", "indeterminate"), RESOLVED("Resolved", "5", "done"),
		CLOSED("Closed", "6", "done");

		final String label;

		final String id;

		final String categoryKey;

		Status(String label, String id, String categoryKey) {
			this.label = label;
			this.id = id;
			this.categoryKey = categoryKey;
		}

		boolean done() {
			return "done".equals(this.categoryKey);
		}

	}

	/** Agent workflow transitions: id, name, target, whether a resolution is required on the screen. */
	enum Transition {

		RESPOND_TO_CUSTOMER("11", "Respond to customer", Status.WAITING_FOR_CUSTOMER, false),
		START_PROGRESS("21", "Start progress", Status.IN_PROGRESS, false),
		RESOLVE("31", "Resolve this issue", Status.RESOLVED, true), REOPEN("41", "Reopen", Status.WAITING_FOR_SUPPORT, false),
		RESPOND_TO_SUPPORT("51", "Respond to support", Status.WAITING_FOR_SUPPORT, false);

		final String id;

		final String label;

		final Status to;

		final boolean needsResolution;

		Transition(String id, String label, Status to, boolean needsResolution) {
			this.id = id;
			this.label = label;
			this.to = to;
			this.needsResolution = needsResolution;
		}

		boolean availableFrom(Status from) {
			if (from.done()) {
				return this == REOPEN;
			}
			return this != REOPEN && this.to != from;
		}

	}

	record RequestType(String id, String name, String description) {
	}

	/** A user of the site. */
	public record User(String accountId, String name, String email, String displayName, boolean agent) {
	}

	public static final class Comment {

		final String id;

		final User author;

		final String body;

		final boolean isPublic;

		final Instant created;

		Comment(String id, User author, String body, boolean isPublic, Instant created) {
			this.id = id;
			this.author = author;
			this.body = body;
			this.isPublic = isPublic;
			this.created = created;
		}

	}

	public static final class Issue {

		public final String id;

		public final String key;

		final String requestTypeId;

		final User reporter;

		final Instant created;

		String summary;

		String description;

		Status status = Status.WAITING_FOR_SUPPORT;

		Instant statusDate;

		@Nullable User assignee;

		@Nullable String resolution;

		@Nullable Instant resolved;

		/** Keys of linked issues ("relates to"), both directions. */
		final java.util.Set<String> links = new java.util.TreeSet<>();

		Instant updated;

		final List<String> labels = new ArrayList<>();

		final List<Comment> comments = new ArrayList<>();

		final Map<String, String> properties = new LinkedHashMap<>();

		Issue(String id, String key, String requestTypeId, User reporter, Instant created, String summary,
				String description) {
			this.id = id;
			this.key = key;
			this.requestTypeId = requestTypeId;
			this.reporter = reporter;
			this.created = created;
			this.summary = summary;
			this.description = description;
			this.statusDate = created;
			this.updated = created;
		}

	}

	record Webhook(long id, String name, String url, List<String> events, @Nullable String secret) {
	}

	/**
	 * A fault plan: the share of API calls answered with an error, and how many exact errors are queued. Of the
	 * faults hitting writes, {@code lostResponses} is the share where the write takes effect and only its response
	 * is lost (a 504 from a gateway after the work was done): the case exactly-once delivery must survive.
	 */
	public record Faults(double rate, List<Integer> statuses, int retryAfterSeconds, int queued, double lostResponses) {

		public static final Faults NONE = new Faults(0, List.of(429), 1, 0, 0);

		public Faults(double rate, List<Integer> statuses, int retryAfterSeconds, int queued) {
			this(rate, statuses, retryAfterSeconds, queued, 0);
		}

	}

	/** A delivered webhook, kept for inspection. */
	public record Delivery(String identifier, String event, String url, int status) {
	}

	private final Clock clock;

	private final String token;

	private final Map<String, User> usersByAccount = new LinkedHashMap<>();

	private final Map<String, Issue> issuesByKey = new LinkedHashMap<>();

	private final Map<String, Issue> issuesById = new LinkedHashMap<>();

	/** What someone does on an issue the next time its transitions are listed (see {@link #beforeTransitionsListed}). */
	private final Map<String, Runnable> beforeTransitions = new HashMap<>();

	private final List<RequestType> requestTypes = List.of(new RequestType("10", "Get IT help", "Ask the IT team"),
			new RequestType("11", "Fix a problem", "Something is broken"),
			new RequestType("12", "Request access", "Access to systems and data"));

	private final List<Webhook> webhooks = new ArrayList<>();

	private final List<Delivery> deliveries = new ArrayList<>();

	private final AtomicInteger issueSeq = new AtomicInteger(0);

	private final AtomicLong commentSeq = new AtomicLong(100000);

	private final AtomicLong webhookSeq = new AtomicLong(1);

	private final AtomicLong apiCalls = new AtomicLong();

	private final AtomicLong faultsServed = new AtomicLong();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private Faults faults = Faults.NONE;

	private int webhookCopies = 1;

	private final User bot;

	private final SimulatedAuthServer oauth;

	/**
	 * @param clock the site's clock
	 * @param token the API token (basic auth password) and personal access token every user of the site accepts
	 */
	public JsmSimulator(Clock clock, String token) {
		this(clock, token, "deskpilot-sim-client", "deskpilot-sim-secret");
	}

	/**
	 * @param clock the site's clock
	 * @param token the API token (basic auth password) and personal access token every user of the site accepts
	 * @param oauthClientId the OAuth 2.0 (3LO) app the simulated authorization server knows
	 * @param oauthClientSecret that app's secret
	 */
	public JsmSimulator(Clock clock, String token, String oauthClientId, String oauthClientSecret) {
		this.clock = clock;
		this.token = Objects.requireNonNull(token, "token");
		this.oauth = new SimulatedAuthServer(clock, oauthClientId, oauthClientSecret);
		this.bot = addUser(new User("557058:bot-deskpilot", "deskpilot", "deskpilot@sim.example", "Deskpilot", true));
		addUser(new User("557058:agent-alice", "alice", "alice@sim.example", "Alice Agent", true));
		addUser(new User("557058:agent-bob", "bob", "bob@sim.example", "Bob Agent", true));
	}

	private User addUser(User user) {
		this.usersByAccount.put(user.accountId(), user);
		return user;
	}

	// ---------------------------------------------------------------- auth and faults

	/** The user a basic or bearer Authorization header authenticates, if any. */
	synchronized Optional<User> authenticate(@Nullable String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String bearer = authorization.substring(7).strip();
			return constantEquals(bearer, this.token) || this.oauth.validAccessToken(bearer) ? Optional.of(this.bot)
					: Optional.empty();
		}
		if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String decoded;
			try {
				decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).strip()),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
			int colon = decoded.indexOf(':');
			if (colon < 0 || !constantEquals(decoded.substring(colon + 1), this.token)) {
				return Optional.empty();
			}
			String email = decoded.substring(0, colon);
			return this.usersByAccount.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
		}
		return Optional.empty();
	}

	private static boolean constantEquals(String a, String b) {
		return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	/** Sets the fault plan. */
	public synchronized void faults(Faults plan) {
		this.faults = plan;
	}

	/** Sends each webhook this many times with the same identifier (Jira's at-least-once delivery). */
	public synchronized void webhookCopies(int copies) {
		this.webhookCopies = Math.max(1, copies);
	}

	/** The status of a fault to serve for this API call, if the plan says so. */
	synchronized Optional<int[]> nextFault() {
		this.apiCalls.incrementAndGet();
		Faults f = this.faults;
		boolean fire = false;
		if (f.queued() > 0) {
			this.faults = new Faults(f.rate(), f.statuses(), f.retryAfterSeconds(), f.queued() - 1, f.lostResponses());
			fire = true;
		}
		else if (f.rate() > 0 && ThreadLocalRandom.current().nextDouble() < f.rate()) {
			fire = true;
		}
		if (!fire) {
			return Optional.empty();
		}
		this.faultsServed.incrementAndGet();
		int status = f.statuses().get(ThreadLocalRandom.current().nextInt(f.statuses().size()));
		int lost = ThreadLocalRandom.current().nextDouble() < f.lostResponses() ? 1 : 0;
		return Optional.of(new int[] { status, f.retryAfterSeconds(), lost });
	}

	/** Counters for tests and the demo page. */
	public synchronized Map<String, Object> stats() {
		return Map.of("issues", this.issuesByKey.size(), "apiCalls", this.apiCalls.get(), "faultsServed",
				this.faultsServed.get(), "webhooksDelivered", this.deliveries.size());
	}

	/** The site's clock. */
	Instant now() {
		return this.clock.instant();
	}

	/** The site's OAuth 2.0 (3LO) authorization server and gateway (grants act as the bot's user). */
	public SimulatedAuthServer oauth() {
		return this.oauth;
	}

	// ---------------------------------------------------------------- users

	/** The bot's user (the account Deskpilot connects as). */
	User bot() {
		return this.bot;
	}

	/** The user with this email, created as a customer when unknown. */
	public synchronized User customer(String email, @Nullable String displayName) {
		return this.usersByAccount.values()
			.stream()
			.filter(u -> u.email().equalsIgnoreCase(email))
			.findFirst()
			.orElseGet(() -> addUser(new User("qm:" + UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)),
					email.substring(0, email.indexOf('@') < 0 ? email.length() : email.indexOf('@')), email,
					displayName == null || displayName.isBlank() ? email : displayName, false)));
	}

	synchronized Optional<User> user(String accountIdOrName) {
		User byId = this.usersByAccount.get(accountIdOrName);
		if (byId != null) {
			return Optional.of(byId);
		}
		return this.usersByAccount.values().stream().filter(u -> u.name().equals(accountIdOrName)).findFirst();
	}

	/** The agent with this user name. */
	public synchronized User agent(String name) {
		return user(name).filter(User::agent).orElseThrow(() -> new SimulatorException(404, "No agent " + name));
	}

	synchronized List<User> agents() {
		return this.usersByAccount.values().stream().filter(User::agent).toList();
	}

	List<RequestType> requestTypes() {
		return this.requestTypes;
	}

	// ---------------------------------------------------------------- requests

	/** Files a request as (or on behalf of) the reporter. */
	public synchronized Issue createRequest(User reporter, String requestTypeId, String summary, String description) {
		if (this.requestTypes.stream().noneMatch(t -> t.id().equals(requestTypeId))) {
			throw new SimulatorException(400, "The request type " + requestTypeId + " does not exist.");
		}
		if (summary == null || summary.isBlank()) {
			throw new SimulatorException(400, "Summary: You must specify a summary of the issue.");
		}
		int n = this.issueSeq.incrementAndGet();
		Instant now = this.clock.instant();
		Issue issue = new Issue(String.valueOf(20000 + n), PROJECT_KEY + "-" + n, requestTypeId, reporter, now, summary,
				description == null ? "" : description);
		this.issuesByKey.put(issue.key, issue);
		this.issuesById.put(issue.id, issue);
		fire("jira:issue_created", issue, null, reporter);
		return issue;
	}

	synchronized Issue issue(String idOrKey) {
		Issue issue = this.issuesByKey.get(idOrKey);
		if (issue == null) {
			issue = this.issuesById.get(idOrKey);
		}
		if (issue == null) {
			throw new SimulatorException(404, "Issue does not exist or you do not have permission to see it.");
		}
		return issue;
	}

	/** What an observer of the site sees of a request (a consistent copy). */
	public record IssueView(String key, String status, @Nullable String assignee, @Nullable String resolution,
			List<CommentView> comments, Map<String, String> properties) {
	}

	/** A comment as an observer sees it. */
	public record CommentView(String id, User author, String body, boolean isPublic) {
	}

	/** A consistent copy of the request, for tests and the demo. */
	public synchronized IssueView view(String key) {
		Issue i = issue(key);
		return new IssueView(i.key, i.status.label, i.assignee == null ? null : i.assignee.accountId(), i.resolution,
				i.comments.stream().map(c -> new CommentView(c.id, c.author, c.body, c.isPublic)).toList(),
				Map.copyOf(i.properties));
	}

	/** Adds a comment; customers may only comment publicly. */
	public synchronized Comment comment(String key, User author, String body, boolean isPublic) {
		Issue issue = issue(key);
		if (body == null || body.isBlank()) {
			throw new SimulatorException(400, "Comment body can not be empty!");
		}
		if (!author.agent() && !isPublic) {
			throw new SimulatorException(400, "Customers can set comments to public visibility only.");
		}
		Instant now = this.clock.instant();
		Comment c = new Comment(String.valueOf(this.commentSeq.incrementAndGet()), author, body, isPublic, now);
		issue.comments.add(c);
		issue.updated = now;
		if (!author.agent() && issue.status == Status.WAITING_FOR_CUSTOMER) {
			move(issue, Status.WAITING_FOR_SUPPORT, null);
		}
		fire("comment_created", issue, c, author);
		return c;
	}

	/**
	 * Has someone act on an issue the next time its transitions are listed, as an agent may between a client's read of
	 * the issue and its read of the transitions.
	 */
	public synchronized void beforeTransitionsListed(String key, Runnable action) {
		this.beforeTransitions.put(key, action);
	}

	synchronized List<Transition> listTransitions(String key) {
		Runnable action = this.beforeTransitions.remove(key);
		if (action != null) {
			action.run();
		}
		return transitions(key);
	}

	synchronized List<Transition> transitions(String key) {
		Issue issue = issue(key);
		List<Transition> out = new ArrayList<>();
		for (Transition t : Transition.values()) {
			if (t.availableFrom(issue.status)) {
				out.add(t);
			}
		}
		return out;
	}

	/** Runs an agent transition. */
	public synchronized void transition(String key, User actor, String transitionId, @Nullable String resolution) {
		Issue issue = issue(key);
		if (!actor.agent()) {
			throw new SimulatorException(403, "You do not have permission to transition this issue.");
		}
		Transition t = transitions(key).stream()
			.filter(x -> x.id.equals(transitionId))
			.findFirst()
			.orElseThrow(() -> new SimulatorException(400,
					"Transition id '" + transitionId + "' is not valid for this issue."));
		if (t.needsResolution && (resolution == null || resolution.isBlank())) {
			throw new SimulatorException(400, "resolution: Resolution is required.");
		}
		move(issue, t.to, t.needsResolution ? resolution : null);
		fire("jira:issue_updated", issue, null, actor);
	}

	private void move(Issue issue, Status to, @Nullable String resolution) {
		Instant now = this.clock.instant();
		issue.status = to;
		issue.statusDate = now;
		issue.updated = now;
		if (to.done()) {
			issue.resolution = resolution == null ? "Done" : resolution;
			issue.resolved = now;
		}
		else {
			issue.resolution = null;
			issue.resolved = null;
		}
	}

	/** Assigns (null: unassigns). */
	public synchronized void assign(String key, User actor, @Nullable String accountIdOrName) {
		Issue issue = issue(key);
		if (!actor.agent()) {
			throw new SimulatorException(403, "You do not have permission to assign issues.");
		}
		if (accountIdOrName == null) {
			issue.assignee = null;
		}
		else {
			User assignee = user(accountIdOrName).filter(User::agent)
				.orElseThrow(() -> new SimulatorException(400, "User '" + accountIdOrName + "' cannot be assigned issues."));
			issue.assignee = assignee;
		}
		issue.updated = this.clock.instant();
		fire("jira:issue_updated", issue, null, actor);
	}

	/** Links two issues with a link type (Jira: {@code POST /rest/api/3/issueLink}); linking twice changes nothing. */
	public synchronized void link(String typeName, String inwardKey, String outwardKey, User actor) {
		if (!actor.agent()) {
			throw new SimulatorException(403, "You do not have permission to link issues.");
		}
		if (!java.util.List.of("Relates", "Duplicate", "Blocks", "Cloners").contains(typeName)) {
			throw new SimulatorException(404, "No issue link type with name '" + typeName + "' found.");
		}
		Issue inward = issue(inwardKey);
		Issue outward = issue(outwardKey);
		if (inward == outward) {
			throw new SimulatorException(400, "You cannot link an issue to itself.");
		}
		inward.links.add(outward.key);
		outward.links.add(inward.key);
	}

	/** The keys an issue is linked to. */
	public synchronized java.util.List<String> links(String key) {
		return java.util.List.copyOf(issue(key).links);
	}

	synchronized void setProperty(String key, String property, String json) {
		Issue issue = issue(key);
		if (json.length() > 32768) {
			throw new SimulatorException(400, "The property value is too long.");
		}
		issue.properties.put(property, json);
	}

	synchronized Optional<String> property(String key, String property) {
		return Optional.ofNullable(issue(key).properties.get(property));
	}

	synchronized void addLabels(String key, List<String> add, List<String> remove) {
		Issue issue = issue(key);
		issue.labels.removeAll(remove);
		for (String label : add) {
			if (!issue.labels.contains(label)) {
				issue.labels.add(label);
			}
		}
		issue.updated = this.clock.instant();
	}

	/**
	 * Seeds resolved history without webhooks: each ticket has a customer question, a public agent answer and a
	 * resolution, created {@code spacing} apart ending now.
	 */
	public synchronized List<String> seedResolved(List<String[]> tickets, Duration spacing) {
		List<String> keys = new ArrayList<>();
		Instant start = this.clock.instant().minus(spacing.multipliedBy(tickets.size() + 1L));
		User agent = user("alice").orElseThrow();
		for (int i = 0; i < tickets.size(); i++) {
			String[] t = tickets.get(i);
			Instant created = start.plus(spacing.multipliedBy(i));
			User customer = customer("customer" + (i % 50) + "@corp.example", "Customer " + (i % 50));
			int n = this.issueSeq.incrementAndGet();
			Issue issue = new Issue(String.valueOf(20000 + n), PROJECT_KEY + "-" + n, "11", customer, created, t[0], t[1]);
			issue.comments.add(new Comment(String.valueOf(this.commentSeq.incrementAndGet()), agent, t[2], true,
					created.plusSeconds(60)));
			issue.status = Status.RESOLVED;
			issue.resolution = "Done";
			issue.resolved = created.plusSeconds(120);
			issue.statusDate = issue.resolved;
			issue.updated = issue.resolved;
			this.issuesByKey.put(issue.key, issue);
			this.issuesById.put(issue.id, issue);
			keys.add(issue.key);
		}
		return keys;
	}

	// ---------------------------------------------------------------- search

	/** A parsed JQL query over this site's issues. */
	record Query(Predicate<Issue> filter, Comparator<Issue> order) {
	}

	private static final Pattern CLAUSE = Pattern.compile(
			"(?i)\\s*(project|statusCategory|status|key|updated|created|resolved|resolutiondate)\\s*(>=|<=|=|>|<|!=)\\s*(\"[^\"]*\"|'[^']*'|[^\\s]+)\\s*");

	/**
	 * Parses the subset of JQL the connector uses: {@code AND}-joined clauses over project, statusCategory, status,
	 * key, updated, created and resolved, and {@code ORDER BY} those fields. Like Jira Cloud's enhanced search, a query
	 * without a restriction is refused as unbounded.
	 */
	static Query parse(String jql, boolean requireBounded) {
		if (jql == null || jql.isBlank()) {
			throw new SimulatorException(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
		}
		String text = jql.strip();
		String orderBy = null;
		Matcher m = Pattern.compile("(?i)\\s+order\\s+by\\s+").matcher(" " + text);
		if (m.find()) {
			orderBy = (" " + text).substring(m.end());
			text = (" " + text).substring(0, m.start()).strip();
		}
		Predicate<Issue> filter = i -> true;
		if (text.isEmpty()) {
			if (requireBounded) {
				throw new SimulatorException(400,
						"Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
			}
		}
		else {
			for (String clause : text.split("(?i)\\s+AND\\s+")) {
				Matcher c = CLAUSE.matcher(clause);
				if (!c.matches()) {
					throw new SimulatorException(400, "Error in the JQL Query: cannot parse '" + clause.strip() + "'.");
				}
				filter = filter.and(clause(c.group(1).toLowerCase(Locale.ROOT), c.group(2), unquote(c.group(3))));
			}
		}
		Comparator<Issue> order = Comparator.comparing((Issue i) -> i.created).reversed();
		if (orderBy != null) {
			order = null;
			for (String part : orderBy.split(",")) {
				String[] words = part.strip().split("\\s+");
				Comparator<Issue> one = switch (words[0].toLowerCase(Locale.ROOT)) {
					case "created" -> Comparator.comparing((Issue i) -> i.created);
					case "updated" -> Comparator.comparing((Issue i) -> i.updated);
					case "resolved", "resolutiondate" -> Comparator.comparing((Issue i) -> i.resolved,
							Comparator.nullsLast(Comparator.naturalOrder()));
					case "key" -> Comparator.comparingInt((Issue i) -> Integer.parseInt(i.key.substring(i.key.indexOf('-') + 1)));
					default -> throw new SimulatorException(400, "Not able to sort using field '" + words[0] + "'.");
				};
				if (words.length > 1 && "desc".equalsIgnoreCase(words[1])) {
					one = one.reversed();
				}
				order = order == null ? one : order.thenComparing(one);
			}
		}
		return new Query(filter, order);
	}

	private static String unquote(String v) {
		if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
			return v.substring(1, v.length() - 1);
		}
		return v;
	}

	private static Predicate<Issue> clause(String field, String op, String value) {
		return switch (field) {
			case "project" -> {
				boolean match = PROJECT_KEY.equalsIgnoreCase(value) || PROJECT_ID.equals(value);
				yield "=".equals(op) ? i -> match : i -> !match;
			}
			case "statuscategory" -> {
				Predicate<Issue> p = i -> i.status.categoryKey.equalsIgnoreCase(value)
						|| ("Done".equalsIgnoreCase(value) && i.status.done()) || ("To Do".equalsIgnoreCase(value)
								&& "new".equals(i.status.categoryKey))
						|| ("In Progress".equalsIgnoreCase(value) && "indeterminate".equals(i.status.categoryKey));
				yield "!=".equals(op) ? p.negate() : p;
			}
			case "status" -> {
				Predicate<Issue> p = i -> i.status.label.equalsIgnoreCase(value);
				yield "!=".equals(op) ? p.negate() : p;
			}
			case "key" -> {
				Predicate<Issue> p = i -> i.key.equalsIgnoreCase(value);
				yield "!=".equals(op) ? p.negate() : p;
			}
			default -> {
				Instant at = jqlTime(value);
				java.util.function.Function<Issue, Instant> get = switch (field) {
					case "updated" -> i -> i.updated;
					case "created" -> i -> i.created;
					default -> i -> i.resolved;
				};
				yield i -> {
					Instant v = get.apply(i);
					if (v == null) {
						return false;
					}
					int cmp = v.compareTo(at);
					return switch (op) {
						case ">=" -> cmp >= 0;
						case ">" -> cmp > 0;
						case "<=" -> cmp <= 0;
						case "<" -> cmp < 0;
						case "=" -> cmp == 0;
						default -> cmp != 0;
					};
				};
			}
		};
	}

	/** JQL dates: {@code yyyy/MM/dd HH:mm} or {@code yyyy-MM-dd HH:mm} (the site's time zone is UTC), or epoch millis. */
	static Instant jqlTime(String value) {
		String v = value.strip();
		if (v.matches("\\d{10,}")) {
			return Instant.ofEpochMilli(Long.parseLong(v));
		}
		try {
			return LocalDateTime.parse(v.replace('-', '/'), JQL_TIME).toInstant(ZoneOffset.UTC);
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new SimulatorException(400, "Date value '" + value + "' for field is invalid. Valid formats include: "
					+ "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm'.");
		}
	}

	/** The issues a query selects, in its order. */
	synchronized List<Issue> search(Query query) {
		return this.issuesByKey.values().stream().filter(query.filter()).sorted(query.order()).toList();
	}

	// ---------------------------------------------------------------- webhooks

	/** Registers an admin webhook; a secret makes deliveries carry {@code X-Hub-Signature}. */
	public synchronized Webhook registerWebhook(String name, String url, List<String> events, @Nullable String secret) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new SimulatorException(400, "url: The URL is not valid.");
		}
		if (uri.getScheme() == null || uri.getHost() == null) {
			throw new SimulatorException(400, "url: The URL is not valid.");
		}
		Webhook hook = new Webhook(this.webhookSeq.getAndIncrement(), name, url, List.copyOf(events),
				secret == null || secret.isBlank() ? null : secret);
		this.webhooks.add(hook);
		return hook;
	}

	synchronized List<Webhook> webhooks() {
		return List.copyOf(this.webhooks);
	}

	public synchronized List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	private void fire(String event, Issue issue, @Nullable Comment comment, User actor) {
		if (this.webhooks.isEmpty()) {
			return;
		}
		String body = JsmJson.webhookBody(event, issue, comment, actor, this.clock.instant());
		String identifier = UUID.randomUUID().toString();
		int copies = this.webhookCopies;
		for (Webhook hook : this.webhooks) {
			if (!hook.events().isEmpty() && !hook.events().contains(event)) {
				continue;
			}
			this.senders.submit(() -> deliver(hook, event, identifier, body, copies));
		}
	}

	private void deliver(Webhook hook, String event, String identifier, String body, int copies) {
		for (int copy = 0; copy < copies; copy++) {
			int status = -1;
			for (int attempt = 0; attempt < 5 && (status < 200 || status >= 300); attempt++) {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url()))
					.timeout(Duration.ofSeconds(20))
					.header("Content-Type", "application/json")
					.header("X-Atlassian-Webhook-Identifier", identifier)
					.header("X-Atlassian-Webhook-Flow", "Primary")
					.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
				if (copy + attempt > 0) {
					request.header("X-Atlassian-Webhook-Retry", String.valueOf(copy + attempt));
				}
				if (hook.secret() != null) {
					request.header("X-Hub-Signature", Signatures.sha256Header(hook.secret(), body.getBytes(StandardCharsets.UTF_8)));
				}
				try {
					status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
				}
				catch (java.io.IOException ex) {
					status = -1;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				// Jira retries 408, 409, 425, 429 and 5xx and connection failures; anything else is final
				if (status >= 400 && status < 500 && status != 408 && status != 409 && status != 425 && status != 429) {
					break;
				}
				if (status < 200 || status >= 300) {
					sleep(Duration.ofMillis(200L << attempt));
				}
			}
			synchronized (this) {
				this.deliveries.add(new Delivery(identifier, event, hook.url(), status));
			}
			if (status < 200 || status >= 300) {
				log.warn("Simulated webhook {} to {} failed with {}", event, hook.url(), status);
			}
		}
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	Clock clock() {
		return this.clock;
	}

	@Override
	public void close() {
		this.senders.shutdownNow();
	}

	/** A refusal the simulated site answers with an HTTP error and Jira's error body. */
	static final class SimulatorException extends RuntimeException {

		final int status;

		SimulatorException(int status, String message) {
			super(message);
			this.status = status;
		}

	}

}

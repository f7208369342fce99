package io.deskpilot.connector.jsmsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.deskpilot.bot.bench.SyntheticTickets;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.connector.jsmsim.JsmSimulator.Comment;
import io.deskpilot.connector.jsmsim.JsmSimulator.Issue;
import io.deskpilot.connector.jsmsim.JsmSimulator.SimulatorException;
import io.deskpilot.connector.jsmsim.JsmSimulator.User;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated site's HTTP surface under {@code /jsm-sim}: the JSM ({@code /rest/servicedeskapi}) and platform
 * ({@code /rest/api/2|3}) endpoints Deskpilot uses, admin webhook registration, and {@code /_sim} controls for tests and
 * demos (fault plans, duplicate deliveries, bulk seeding, counters).
 */
@RestController
@ConditionalOnBooleanProperty("deskpilot.jsm-simulator.enabled")
@RequestMapping(path = JsmSimulatorController.PREFIX, produces = MediaType.APPLICATION_JSON_VALUE)
class JsmSimulatorController {

	static final String PREFIX = "/jsm-sim";

	private final JsmSimulator sim;

	JsmSimulatorController(JsmSimulator sim) {
		this.sim = sim;
	}

	// ---------------------------------------------------------------- JSM

	@GetMapping("/rest/servicedeskapi/info")
	ObjectNode info() {
		ObjectNode n = JsmJson.object();
		n.put("version", "10.3.0");
		n.put("platformVersion", "1001.0.0");
		n.putObject("buildDate").put("epochMillis", 0L);
		n.put("buildChangeSet", "simulator");
		n.put("isLicensedForUse", true);
		return n;
	}

	@GetMapping("/rest/servicedeskapi/servicedesk/{id}/requesttype")
	ResponseEntity<?> requestTypes(@PathVariable String id, HttpServletRequest http) {
		return call(http, user -> {
			requireDesk(id);
			List<JsonNode> types = new ArrayList<>();
			this.sim.requestTypes().forEach(t -> types.add(JsmJson.requestTypeDto(t)));
			return ResponseEntity.ok(JsmJson.paged(types, 0, 50, base(http)));
		});
	}

	@PostMapping("/rest/servicedeskapi/request")
	ResponseEntity<?> createRequest(@RequestBody byte[] body, HttpServletRequest http) {
		return call(http, user -> {
			JsonNode in = parse(body);
			requireDesk(in.path("serviceDeskId").asString(""));
			JsonNode values = in.path("requestFieldValues");
			User reporter = user;
			String onBehalf = in.path("raiseOnBehalfOf").asString(null);
			if (onBehalf != null && !onBehalf.isBlank()) {
				if (!user.agent()) {
					throw new SimulatorException(403, "You do not have permission to raise requests on behalf of customers.");
				}
				reporter = onBehalf.contains("@") ? this.sim.customer(onBehalf, null)
						: this.sim.user(onBehalf).orElseThrow(() -> new SimulatorException(400, "The user " + onBehalf + " does not exist."));
			}
			Issue issue = this.sim.createRequest(reporter, in.path("requestTypeId").asString(""),
					values.path("summary").asString(""), values.path("description").asString(""));
			return ResponseEntity.status(HttpStatus.CREATED).body(JsmJson.requestDto(base(http), issue, null));
		});
	}

	@GetMapping("/rest/servicedeskapi/request/{key}")
	ResponseEntity<?> request(@PathVariable String key, @RequestParam(required = false) @Nullable String expand,
			HttpServletRequest http) {
		return call(http, user -> {
			Issue issue = visible(key, user);
			var type = expand != null && expand.contains("requestType") ? this.sim.requestTypes()
				.stream()
				.filter(t -> t.id().equals(issue.requestTypeId))
				.findFirst()
				.orElse(null) : null;
			ObjectNode dto = JsmJson.requestDto(base(http), issue, type);
			if (expand != null && expand.contains("sla")) {
				synchronized (this.sim) {
					dto.set("sla", JsmJson.slaDto(base(http), issue, this.sim.now()));
				}
			}
			return ResponseEntity.ok(dto);
		});
	}

	@GetMapping("/rest/servicedeskapi/request/{key}/comment")
	ResponseEntity<?> comments(@PathVariable String key, @RequestParam(name = "public", defaultValue = "true") boolean pub,
			@RequestParam(defaultValue = "true") boolean internal, @RequestParam(defaultValue = "0") int start,
			@RequestParam(defaultValue = "50") int limit, HttpServletRequest http) {
		return call(http, user -> {
			Issue issue = visible(key, user);
			List<JsonNode> list = new ArrayList<>();
			synchronized (this.sim) {
				for (Comment c : issue.comments) {
					boolean show = c.isPublic ? pub : internal && user.agent();
					if (show) {
						list.add(JsmJson.commentDto(base(http), issue.key, c));
					}
				}
			}
			return ResponseEntity.ok(JsmJson.paged(list, start, Math.min(limit, 100), base(http)));
		});
	}

	@PostMapping("/rest/servicedeskapi/request/{key}/comment")
	ResponseEntity<?> addComment(@PathVariable String key, @RequestBody byte[] body, HttpServletRequest http) {
		return call(http, user -> {
			Issue issue = visible(key, user);
			JsonNode in = parse(body);
			if (!in.has("public")) {
				throw new SimulatorException(400, "The 'public' field is required.");
			}
			Comment c = this.sim.comment(issue.key, user, in.path("body").asString(""), in.path("public").asBoolean());
			return ResponseEntity.status(HttpStatus.CREATED).body(JsmJson.commentDto(base(http), issue.key, c));
		});
	}

	// ---------------------------------------------------------------- platform

	@GetMapping("/rest/api/{v}/myself")
	ResponseEntity<?> myself(@PathVariable String v, HttpServletRequest http) {
		return call(http, user -> ResponseEntity.ok(JsmJson.platformUser(base(http), user, v3(v))));
	}

	@GetMapping("/rest/api/{v}/issue/{key}")
	ResponseEntity<?> issue(@PathVariable String v, @PathVariable String key,
			@RequestParam(required = false) @Nullable String fields, HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			Issue issue = this.sim.issue(key);
			synchronized (this.sim) {
				return ResponseEntity.ok(JsmJson.issueBean(base(http), issue, fieldList(fields), v3(v)));
			}
		});
	}

	@PutMapping("/rest/api/{v}/issue/{key}")
	ResponseEntity<?> editIssue(@PathVariable String v, @PathVariable String key, @RequestBody byte[] body,
			HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			JsonNode labels = parse(body).path("update").path("labels");
			List<String> add = new ArrayList<>();
			List<String> remove = new ArrayList<>();
			for (JsonNode op : labels) {
				if (op.has("add")) {
					add.add(op.get("add").asString());
				}
				if (op.has("remove")) {
					remove.add(op.get("remove").asString());
				}
			}
			this.sim.addLabels(key, add, remove);
			return ResponseEntity.noContent().build();
		});
	}

	@GetMapping("/rest/api/{v}/issue/{key}/transitions")
	ResponseEntity<?> transitions(@PathVariable String v, @PathVariable String key, HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			return ResponseEntity.ok(JsmJson.transitions(base(http), this.sim.listTransitions(key)));
		});
	}

	@PostMapping("/rest/api/{v}/issue/{key}/transitions")
	ResponseEntity<?> transition(@PathVariable String v, @PathVariable String key, @RequestBody byte[] body,
			HttpServletRequest http) {
		return call(http, user -> {
			JsonNode in = parse(body);
			String id = in.path("transition").path("id").asString("");
			String resolution = in.path("fields").path("resolution").path("name").asString(null);
			this.sim.transition(key, user, id, resolution);
			return ResponseEntity.noContent().build();
		});
	}

	@PutMapping("/rest/api/{v}/issue/{key}/assignee")
	ResponseEntity<?> assign(@PathVariable String v, @PathVariable String key, @RequestBody byte[] body,
			HttpServletRequest http) {
		return call(http, user -> {
			JsonNode in = parse(body);
			String field = v3(v) ? "accountId" : "name";
			JsonNode who = in.get(field);
			if (who == null) {
				throw new SimulatorException(400, "Specify " + field + " to assign the issue.");
			}
			this.sim.assign(key, user, who.isNull() ? null : who.asString());
			return ResponseEntity.noContent().build();
		});
	}

	@PostMapping("/rest/api/{v}/issueLink")
	ResponseEntity<?> link(@PathVariable String v, @RequestBody byte[] body, HttpServletRequest http) {
		return call(http, user -> {
			JsonNode in = parse(body);
			String type = in.path("type").path("name").asString("");
			String inward = in.path("inwardIssue").path("key").asString("");
			String outward = in.path("outwardIssue").path("key").asString("");
			if (type.isEmpty() || inward.isEmpty() || outward.isEmpty()) {
				throw new SimulatorException(400, "Specify type.name, inwardIssue.key and outwardIssue.key.");
			}
			this.sim.link(type, inward, outward, user);
			return ResponseEntity.status(201).build();
		});
	}

	@GetMapping("/rest/api/{v}/issue/{key}/properties/{property}")
	ResponseEntity<?> property(@PathVariable String v, @PathVariable String key, @PathVariable String property,
			HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			String value = this.sim.property(key, property)
				.orElseThrow(() -> new SimulatorException(404, "The property with key '" + property + "' does not exist."));
			ObjectNode n = JsmJson.object();
			n.put("key", property);
			n.set("value", parse(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			return ResponseEntity.ok(n);
		});
	}

	@PutMapping("/rest/api/{v}/issue/{key}/properties/{property}")
	ResponseEntity<?> setProperty(@PathVariable String v, @PathVariable String key, @PathVariable String property,
			@RequestBody byte[] body, HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			JsonNode value = parse(body);
			boolean existed = this.sim.property(key, property).isPresent();
			this.sim.setProperty(key, property, JsmJson.JSON.writeValueAsString(value));
			return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(JsmJson.object());
		});
	}

	@GetMapping("/rest/api/{v}/user/assignable/search")
	ResponseEntity<?> assignable(@PathVariable String v, @RequestParam(required = false) @Nullable String project,
			@RequestParam(required = false) @Nullable String issueKey, HttpServletRequest http) {
		return call(http, user -> {
			if (project == null && issueKey == null) {
				throw new SimulatorException(400, "A project or issue key is required.");
			}
			if (project != null && !JsmSimulator.PROJECT_KEY.equalsIgnoreCase(project)) {
				throw new SimulatorException(404, "No project could be found with key '" + project + "'.");
			}
			ArrayNode out = JsmJson.JSON.createArrayNode();
			this.sim.agents().stream().filter(a -> !a.equals(this.sim.bot())).forEach(a -> out.add(JsmJson.platformUser(base(http), a, v3(v))));
			return ResponseEntity.ok(out);
		});
	}

	@GetMapping("/rest/api/3/search/jql")
	ResponseEntity<?> searchJql(@RequestParam(required = false) @Nullable String jql,
			@RequestParam(required = false) @Nullable String nextPageToken, @RequestParam(defaultValue = "50") int maxResults,
			@RequestParam(required = false) @Nullable String fields, HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			List<Issue> all = this.sim.search(JsmSimulator.parse(jql, true));
			int start = 0;
			if (nextPageToken != null) {
				try {
					start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextPageToken)));
				}
				catch (IllegalArgumentException ex) {
					throw new SimulatorException(400, "The provided next page token is invalid or expired.");
				}
			}
			int limit = Math.clamp(maxResults, 1, 100);
			int end = Math.min(all.size(), start + limit);
			ObjectNode out = JsmJson.object();
			ArrayNode issues = out.putArray("issues");
			List<String> fieldList = fieldList(fields);
			synchronized (this.sim) {
				for (int i = start; i < end; i++) {
					issues.add(JsmJson.issueBean(base(http), all.get(i), fieldList, true));
				}
			}
			boolean last = end >= all.size();
			out.put("isLast", last);
			if (!last) {
				// like Jira Cloud, the last page has no token at all (JRACLOUD-92184)
				out.put("nextPageToken", Base64.getUrlEncoder().encodeToString(String.valueOf(end).getBytes()));
			}
			return ResponseEntity.ok(out);
		});
	}

	@PostMapping("/rest/api/3/search/approximate-count")
	ResponseEntity<?> approximateCount(@RequestBody byte[] body, HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			ObjectNode out = JsmJson.object();
			out.put("count", this.sim.search(JsmSimulator.parse(parse(body).path("jql").asString(null), true)).size());
			return ResponseEntity.ok(out);
		});
	}

	@GetMapping("/rest/api/2/search")
	ResponseEntity<?> searchV2(@RequestParam(required = false) @Nullable String jql,
			@RequestParam(defaultValue = "0") int startAt, @RequestParam(defaultValue = "50") int maxResults,
			@RequestParam(required = false) @Nullable String fields, HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			List<Issue> all = this.sim.search(JsmSimulator.parse(jql, false));
			int limit = Math.clamp(maxResults, 1, 100);
			int from = Math.min(Math.max(0, startAt), all.size());
			int end = Math.min(all.size(), from + limit);
			ObjectNode out = JsmJson.object();
			out.put("startAt", from);
			out.put("maxResults", limit);
			out.put("total", all.size());
			ArrayNode issues = out.putArray("issues");
			List<String> fieldList = fieldList(fields);
			synchronized (this.sim) {
				for (int i = from; i < end; i++) {
					issues.add(JsmJson.issueBean(base(http), all.get(i), fieldList, false));
				}
			}
			return ResponseEntity.ok(out);
		});
	}

	@PostMapping("/rest/webhooks/1.0/webhook")
	ResponseEntity<?> registerWebhook(@RequestBody byte[] body, HttpServletRequest http) {
		return call(http, user -> {
			agentOnly(user);
			JsonNode in = parse(body);
			List<String> events = new ArrayList<>();
			in.path("events").forEach(e -> events.add(e.asString()));
			var hook = this.sim.registerWebhook(in.path("name").asString("webhook"), in.path("url").asString(""), events,
					in.path("secret").asString(null));
			ObjectNode out = JsmJson.object();
			out.put("self", base(http) + "/rest/webhooks/1.0/webhook/" + hook.id());
			out.put("name", hook.name());
			out.put("url", hook.url());
			ArrayNode ev = out.putArray("events");
			hook.events().forEach(ev::add);
			out.put("enabled", true);
			return ResponseEntity.status(HttpStatus.CREATED).body(out);
		});
	}

	// ---------------------------------------------------------------- simulator controls

	@PostMapping("/_sim/faults")
	Map<String, Object> faults(@RequestBody byte[] body) {
		JsonNode in = parse(body);
		List<Integer> statuses = new ArrayList<>();
		in.path("statuses").forEach(s -> statuses.add(s.asInt()));
		this.sim.faults(new JsmSimulator.Faults(in.path("rate").asDouble(0), statuses.isEmpty() ? List.of(429) : statuses,
				in.path("retryAfterSeconds").asInt(1), in.path("queued").asInt(0), in.path("lostResponses").asDouble(0)));
		return this.sim.stats();
	}

	@PostMapping("/_sim/webhook-copies")
	Map<String, Object> webhookCopies(@RequestParam int copies) {
		this.sim.webhookCopies(copies);
		return this.sim.stats();
	}

	@PostMapping("/_sim/seed")
	Map<String, Object> seed(@RequestParam int resolved) {
		if (resolved < 1 || resolved > 200_000) {
			throw new SimulatorException(400, "resolved must be between 1 and 200000");
		}
		SyntheticTickets synthetic = new SyntheticTickets(5000, 400, 42);
		List<String[]> tickets = new ArrayList<>(resolved);
		for (HistoryTicket t : synthetic.tickets(0, resolved)) {
			tickets.add(new String[] { t.summary(), t.description(), t.comments().get(0).body() });
		}
		List<String> keys = this.sim.seedResolved(tickets, Duration.ofMinutes(5));
		return Map.of("seeded", keys.size(), "first", keys.get(0), "last", keys.get(keys.size() - 1));
	}

	@GetMapping("/_sim/stats")
	Map<String, Object> stats() {
		return this.sim.stats();
	}

	// ---------------------------------------------------------------- plumbing

	@ExceptionHandler(SimulatorException.class)
	ResponseEntity<ObjectNode> refused(SimulatorException ex, HttpServletRequest http) {
		return error(http, ex.status, ex.getMessage());
	}

	private ResponseEntity<?> call(HttpServletRequest http, Function<User, ResponseEntity<?>> handler) {
		var fault = this.sim.nextFault();
		if (fault.isPresent() && fault.get()[2] == 1 && !"GET".equals(http.getMethod())) {
			// the write happens, then a gateway loses the response
			User user = this.sim.authenticate(http.getHeader("Authorization")).orElse(null);
			if (user != null) {
				@SuppressWarnings("unused") // the desk's answer to the write, which the gateway loses
				ResponseEntity<?> lost = handler.apply(user);
			}
			return ResponseEntity.status(504).contentType(MediaType.APPLICATION_JSON).body(errorBody(http, "Gateway timeout"));
		}
		if (fault.isPresent()) {
			int status = fault.get()[0];
			ResponseEntity.BodyBuilder b = ResponseEntity.status(status);
			if (status == 429 || status == 503) {
				b.header("Retry-After", String.valueOf(fault.get()[1]));
			}
			if (status == 429) {
				b.header("RateLimit-Reason", "jira-burst-based");
				b.header("X-RateLimit-Limit", "100");
				b.header("X-RateLimit-Remaining", "0");
			}
			return b.contentType(MediaType.APPLICATION_JSON)
				.body(errorBody(http, status == 429 ? "Rate limit exceeded." : "Internal server error"));
		}
		User user = this.sim.authenticate(http.getHeader("Authorization")).orElse(null);
		if (user == null) {
			return error(http, 401, "You are not authenticated. Authentication required to perform this operation.");
		}
		return handler.apply(user);
	}

	private static ResponseEntity<ObjectNode> error(HttpServletRequest http, int status, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(errorBody(http, message));
	}

	/** JSM answers errors as {@code ErrorResponse}; the platform as {@code errorMessages/errors}. */
	private static ObjectNode errorBody(HttpServletRequest http, String message) {
		ObjectNode n = JsmJson.object();
		if (http.getRequestURI().contains("/rest/servicedeskapi/")) {
			n.put("errorMessage", message);
			ObjectNode i18n = n.putObject("i18nErrorMessage");
			i18n.put("i18nKey", "sd.simulator.error");
			i18n.putArray("parameters");
			return n;
		}
		n.putArray("errorMessages").add(message);
		n.putObject("errors");
		return n;
	}

	private Issue visible(String key, User user) {
		Issue issue = this.sim.issue(key);
		if (!user.agent() && !issue.reporter.equals(user)) {
			throw new SimulatorException(404, "The request could not be found or you do not have permission to view it.");
		}
		return issue;
	}

	private static void agentOnly(User user) {
		if (!user.agent()) {
			throw new SimulatorException(403, "You do not have the permission to see the specified issue.");
		}
	}

	private static void requireDesk(String id) {
		if (!JsmSimulator.SERVICE_DESK_ID.equals(id) && !JsmSimulator.PROJECT_KEY.equals(id)) {
			throw new SimulatorException(404, "The service desk " + id + " does not exist.");
		}
	}

	private static JsonNode parse(byte[] body) {
		try {
			return JsmJson.JSON.readTree(body == null ? new byte[0] : body);
		}
		catch (JacksonException ex) {
			throw new SimulatorException(400, "The request body is not valid JSON.");
		}
	}

	private static List<String> fieldList(@Nullable String fields) {
		return fields == null || fields.isBlank() ? List.of() : Arrays.stream(fields.split(",")).map(String::strip).toList();
	}

	private static boolean v3(String v) {
		if (!"2".equals(v) && !"3".equals(v) && !"latest".equals(v)) {
			throw new SimulatorException(404, "Unknown API version " + v);
		}
		return !"2".equals(v);
	}

	private static String base(HttpServletRequest http) {
		return http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort() + PREFIX;
	}

}

package io.deskpilot.connector.jsmsim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.deskpilot.connector.jsmsim.JsmSimulator.Comment;
import io.deskpilot.connector.jsmsim.JsmSimulator.Issue;
import io.deskpilot.connector.jsmsim.JsmSimulator.RequestType;
import io.deskpilot.connector.jsmsim.JsmSimulator.Status;
import io.deskpilot.connector.jsmsim.JsmSimulator.Transition;
import io.deskpilot.connector.jsmsim.JsmSimulator.User;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's JSON in the shapes of Atlassian's published OpenAPI documents: the JSM DTOs
 * ({@code CustomerRequestDTO}, {@code CommentDTO}, {@code UserDTO}, {@code DateDTO}, paged DTOs) and the platform beans
 * ({@code IssueBean}, {@code User}, {@code Transitions}, search results), v3 with Atlassian Document Format bodies and
 * v2 with plain strings.
 */
final class JsmJson {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter FRIENDLY = DateTimeFormatter.ofPattern("dd/MMM/yy h:mm a", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private JsmJson() {
	}

	static ObjectNode object() {
		return JSON.createObjectNode();
	}

	// ---------------------------------------------------------------- JSM DTOs

	static ObjectNode date(Instant at) {
		ObjectNode d = object();
		d.put("iso8601", ISO.format(at));
		d.put("jira", JsmSimulator.JIRA_TIME.format(at));
		d.put("friendly", FRIENDLY.format(at));
		d.put("epochMillis", at.toEpochMilli());
		return d;
	}

	static ObjectNode userDto(String base, User u) {
		ObjectNode n = object();
		n.put("accountId", u.accountId());
		// Data Center identifies users by name and key; Cloud leaves them out (GDPR) and clients use accountId
		n.put("name", u.name());
		n.put("key", u.name());
		n.put("emailAddress", u.email());
		n.put("displayName", u.displayName());
		n.put("active", true);
		n.put("timeZone", "UTC");
		n.putObject("_links").put("self", base + "/rest/api/2/user?accountId=" + u.accountId());
		return n;
	}

	static ObjectNode statusDto(Issue i) {
		ObjectNode s = object();
		s.put("status", i.status.label);
		s.put("statusCategory", switch (i.status.categoryKey) {
			case "new" -> "NEW";
			case "done" -> "DONE";
			default -> "INDETERMINATE";
		});
		s.set("statusDate", date(i.statusDate));
		return s;
	}

	static ObjectNode requestDto(String base, Issue i, @Nullable RequestType type) {
		ObjectNode r = object();
		r.put("issueId", i.id);
		r.put("issueKey", i.key);
		r.put("requestTypeId", i.requestTypeId);
		r.put("serviceDeskId", JsmSimulator.SERVICE_DESK_ID);
		r.set("createdDate", date(i.created));
		r.set("reporter", userDto(base, i.reporter));
		ArrayNode values = r.putArray("requestFieldValues");
		ObjectNode summary = values.addObject();
		summary.put("fieldId", "summary");
		summary.put("label", "What do you need?");
		summary.put("value", i.summary);
		ObjectNode description = values.addObject();
		description.put("fieldId", "description");
		description.put("label", "Why do you need this?");
		description.put("value", i.description);
		r.set("currentStatus", statusDto(i));
		if (type != null) {
			r.set("requestType", requestTypeDto(type));
		}
		ObjectNode links = r.putObject("_links");
		links.put("jiraRest", base + "/rest/api/2/issue/" + i.id);
		links.put("web", base + "/servicedesk/customer/portal/" + JsmSimulator.SERVICE_DESK_ID + "/" + i.key);
		links.put("agent", base + "/browse/" + i.key);
		links.put("self", base + "/rest/servicedeskapi/request/" + i.id);
		return r;
	}

	/** The JSM project's two default SLAs: first response within 4 hours, resolution within 24 (calendar time). */
	static final java.time.Duration FIRST_RESPONSE_GOAL = java.time.Duration.ofHours(4);

	static final java.time.Duration RESOLUTION_GOAL = java.time.Duration.ofHours(24);

	/** {@code PagedDTOSlaInformationDTO}: a cycle runs from creation until the first public agent comment or resolution. */
	static ObjectNode slaDto(String base, Issue i, Instant now) {
		Instant firstResponse = null;
		for (Comment c : i.comments) { // the caller holds the simulator's lock
			if (c.isPublic && c.author.agent()) {
				firstResponse = c.created;
				break;
			}
		}
		List<JsonNode> values = List.of(sla(base, i, "1", "Time to first response", FIRST_RESPONSE_GOAL, firstResponse, now),
				sla(base, i, "2", "Time to resolution", RESOLUTION_GOAL, i.resolved, now));
		return paged(values, 0, 50, base);
	}

	private static ObjectNode sla(String base, Issue i, String id, String name, java.time.Duration goal, @Nullable Instant stop,
			Instant now) {
		ObjectNode n = object();
		n.put("id", id);
		n.put("name", name);
		Instant breach = i.created.plus(goal);
		Instant end = stop == null ? now : stop;
		ArrayNode completed = n.putArray("completedCycles");
		ObjectNode cycle = stop == null ? n.putObject("ongoingCycle") : completed.addObject();
		cycle.set("startTime", date(i.created));
		if (stop != null) {
			cycle.set("stopTime", date(stop));
		}
		cycle.set("breachTime", date(breach));
		cycle.put("breached", end.isAfter(breach));
		if (stop == null) {
			cycle.put("paused", false);
			cycle.put("withinCalendarHours", true);
		}
		cycle.set("goalDuration", duration(goal));
		cycle.set("elapsedTime", duration(java.time.Duration.between(i.created, end)));
		cycle.set("remainingTime", duration(java.time.Duration.between(end, breach)));
		n.putObject("_links").put("self", base + "/rest/servicedeskapi/request/" + i.id + "/sla/" + id);
		return n;
	}

	private static ObjectNode duration(java.time.Duration d) {
		ObjectNode n = object();
		n.put("millis", d.toMillis());
		long minutes = Math.abs(d.toMinutes());
		n.put("friendly", (d.isNegative() ? "-" : "") + minutes / 60 + "h " + minutes % 60 + "m");
		return n;
	}

	static ObjectNode requestTypeDto(RequestType t) {
		ObjectNode n = object();
		n.put("id", t.id());
		n.put("name", t.name());
		n.put("description", t.description());
		n.put("helpText", "");
		n.put("serviceDeskId", JsmSimulator.SERVICE_DESK_ID);
		n.putArray("groupIds").add("1");
		return n;
	}

	static ObjectNode commentDto(String base, String key, Comment c) {
		ObjectNode n = object();
		n.put("id", c.id);
		n.put("body", c.body);
		n.put("public", c.isPublic);
		n.set("author", userDto(base, c.author));
		n.set("created", date(c.created));
		n.putObject("_links").put("self", base + "/rest/servicedeskapi/request/" + key + "/comment/" + c.id);
		return n;
	}

	static ObjectNode paged(List<? extends JsonNode> all, int start, int limit, String self) {
		ObjectNode page = object();
		int from = Math.min(Math.max(start, 0), all.size());
		int to = Math.min(from + Math.max(limit, 1), all.size());
		page.put("size", to - from);
		page.put("start", from);
		page.put("limit", limit);
		page.put("isLastPage", to >= all.size());
		ArrayNode values = page.putArray("values");
		for (int i = from; i < to; i++) {
			values.add(all.get(i));
		}
		ObjectNode links = page.putObject("_links");
		links.put("base", self);
		links.put("self", self);
		return page;
	}

	// ---------------------------------------------------------------- platform beans

	static ObjectNode platformUser(String base, User u, boolean v3) {
		ObjectNode n = object();
		n.put("self", base + "/rest/api/" + (v3 ? 3 : 2) + "/user?accountId=" + u.accountId());
		if (v3) {
			n.put("accountId", u.accountId());
			n.put("accountType", u.agent() ? "atlassian" : "customer");
		}
		else {
			n.put("name", u.name());
			n.put("key", u.name());
		}
		n.put("emailAddress", u.email());
		n.put("displayName", u.displayName());
		n.put("active", true);
		n.put("timeZone", "UTC");
		return n;
	}

	/** Plain text as a minimal ADF document: one paragraph per blank-line-separated block. */
	static ObjectNode adf(String text) {
		ObjectNode doc = object();
		doc.put("type", "doc");
		doc.put("version", 1);
		ArrayNode content = doc.putArray("content");
		for (String para : text.split("\\n\\s*\\n")) {
			if (para.isBlank()) {
				continue;
			}
			ObjectNode p = content.addObject();
			p.put("type", "paragraph");
			p.putArray("content").addObject().put("type", "text").put("text", para.strip());
		}
		return doc;
	}

	static ObjectNode status(String base, Status s) {
		ObjectNode n = object();
		n.put("self", base + "/rest/api/3/status/" + s.id);
		n.put("id", s.id);
		n.put("name", s.label);
		n.put("description", "");
		ObjectNode cat = n.putObject("statusCategory");
		cat.put("key", s.categoryKey);
		cat.put("id", switch (s.categoryKey) {
			case "new" -> 2;
			case "done" -> 3;
			default -> 4;
		});
		cat.put("name", switch (s.categoryKey) {
			case "new" -> "To Do";
			case "done" -> "Done";
			default -> "In Progress";
		});
		cat.put("colorName", "blue-gray");
		return n;
	}

	static ObjectNode issueBean(String base, Issue i, List<String> fields, boolean v3) {
		ObjectNode n = object();
		n.put("id", i.id);
		n.put("key", i.key);
		n.put("self", base + "/rest/api/" + (v3 ? 3 : 2) + "/issue/" + i.id);
		ObjectNode f = n.putObject("fields");
		boolean all = fields.isEmpty() || fields.contains("*all") || fields.contains("*navigable");
		if (want(fields, all, "summary")) {
			f.put("summary", i.summary);
		}
		if (want(fields, all, "description")) {
			if (v3) {
				f.set("description", i.description.isBlank() ? null : adf(i.description));
			}
			else {
				f.put("description", i.description);
			}
		}
		if (want(fields, all, "status")) {
			f.set("status", status(base, i.status));
		}
		if (want(fields, all, "reporter")) {
			f.set("reporter", platformUser(base, i.reporter, v3));
		}
		if (want(fields, all, "assignee")) {
			f.set("assignee", i.assignee == null ? null : platformUser(base, i.assignee, v3));
		}
		if (want(fields, all, "created")) {
			f.put("created", JsmSimulator.JIRA_TIME.format(i.created));
		}
		if (want(fields, all, "updated")) {
			f.put("updated", JsmSimulator.JIRA_TIME.format(i.updated));
		}
		if (want(fields, all, "resolution")) {
			if (i.resolution == null) {
				f.putNull("resolution");
			}
			else {
				ObjectNode r = f.putObject("resolution");
				r.put("id", "10000");
				r.put("name", i.resolution);
			}
		}
		if (want(fields, all, "resolutiondate")) {
			f.put("resolutiondate", i.resolved == null ? null : JsmSimulator.JIRA_TIME.format(i.resolved));
		}
		if (want(fields, all, "labels")) {
			ArrayNode labels = f.putArray("labels");
			i.labels.forEach(labels::add);
		}
		if (want(fields, all, "components")) {
			f.putArray("components");
		}
		if (want(fields, all, "priority")) {
			f.putObject("priority").put("id", "3").put("name", "Medium");
		}
		if (want(fields, all, "project")) {
			f.putObject("project").put("id", JsmSimulator.PROJECT_ID).put("key", JsmSimulator.PROJECT_KEY);
		}
		if (want(fields, all, "issuelinks")) {
			// the simulator does not link issues
			f.putArray("issuelinks");
		}
		if (want(fields, all, "comment")) {
			ObjectNode comments = f.putObject("comment");
			ArrayNode list = comments.putArray("comments");
			for (Comment c : i.comments) {
				list.add(platformComment(base, i, c, v3));
			}
			comments.put("maxResults", i.comments.size());
			comments.put("total", i.comments.size());
			comments.put("startAt", 0);
		}
		return n;
	}

	private static boolean want(List<String> fields, boolean all, String field) {
		return all || fields.contains(field);
	}

	static ObjectNode platformComment(String base, Issue i, Comment c, boolean v3) {
		ObjectNode n = object();
		n.put("self", base + "/rest/api/" + (v3 ? 3 : 2) + "/issue/" + i.id + "/comment/" + c.id);
		n.put("id", c.id);
		n.set("author", platformUser(base, c.author, v3));
		if (v3) {
			n.set("body", adf(c.body));
		}
		else {
			n.put("body", c.body);
		}
		n.put("created", JsmSimulator.JIRA_TIME.format(c.created));
		n.put("updated", JsmSimulator.JIRA_TIME.format(c.created));
		n.put("jsdPublic", c.isPublic);
		return n;
	}

	static ObjectNode transitions(String base, List<Transition> transitions) {
		ObjectNode n = object();
		ArrayNode list = n.putArray("transitions");
		for (Transition t : transitions) {
			ObjectNode o = list.addObject();
			o.put("id", t.id);
			o.put("name", t.label);
			o.set("to", status(base, t.to));
			o.put("hasScreen", t.needsResolution);
			o.put("isAvailable", true);
			o.put("isConditional", false);
			o.put("isGlobal", false);
			o.put("isInitial", false);
			ObjectNode fields = o.putObject("fields");
			if (t.needsResolution) {
				ObjectNode resolution = fields.putObject("resolution");
				resolution.put("required", true);
				resolution.put("name", "Resolution");
				resolution.put("key", "resolution");
				resolution.putArray("operations").add("set");
				resolution.putObject("schema").put("type", "resolution").put("system", "resolution");
				ArrayNode allowed = resolution.putArray("allowedValues");
				for (String r : List.of("Done", "Won't Do", "Duplicate", "Cannot Reproduce")) {
					allowed.addObject().put("name", r);
				}
			}
		}
		return n;
	}

	// ---------------------------------------------------------------- webhooks

	static String webhookBody(String event, Issue issue, @Nullable Comment comment, User actor, Instant at) {
		String base = "https://sim.atlassian.net";
		ObjectNode n = object();
		n.put("timestamp", at.toEpochMilli());
		n.put("webhookEvent", event);
		n.put("issue_event_type_name", switch (event) {
			case "jira:issue_created" -> "issue_created";
			case "comment_created" -> "issue_commented";
			default -> "issue_generic";
		});
		n.set("user", platformUser(base, actor, true));
		ObjectNode bean = issueBean(base, issue,
				List.of("summary", "status", "reporter", "assignee", "created", "updated", "labels", "project"), false);
		n.set("issue", bean);
		if (comment != null) {
			n.set("comment", platformComment(base, issue, comment, false));
		}
		return JSON.writeValueAsString(n);
	}

}

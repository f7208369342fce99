package io.deskpilot.connector.sandbox;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox desk's customer side, used by its page: a visitor files requests, lists and reads its own, and replies
 * to them ({@link SandboxVisitors}: a random token in a cookie; another visitor's request is answered 404 like one
 * that does not exist). Public while the sandbox is on. The agent side is {@link SandboxAgentController}, behind the
 * console sign-in.
 */
@RestController
@RequestMapping("/sandbox/api")
class SandboxApiController {

	private final SandboxDesk desk;

	SandboxApiController(SandboxDesk desk) {
		this.desk = desk;
	}

	@GetMapping("/requests")
	List<RequestSummary> list(@RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
		return SandboxVisitors.of(request)
			.map(visitor -> this.desk.recentOf(visitor, limit).stream().map(t -> RequestSummary.of(t, this.desk)).toList())
			.orElse(List.of());
	}

	@PostMapping("/requests")
	ResponseEntity<RequestView> create(@RequestBody NewRequest body, HttpServletRequest request, HttpServletResponse response) {
		String visitor = SandboxVisitors.ofOrNew(request, response);
		String key = this.desk.createRequest(body.summary(), body.description(), body.email(), body.name(),
				body.requestType(), body.labels() == null ? List.of() : body.labels(), visitor);
		return ResponseEntity.created(URI.create("/sandbox/api/requests/" + key)).body(view(this.desk, key, false));
	}

	@GetMapping("/requests/{key}")
	RequestView get(@PathVariable String key, @RequestParam(defaultValue = "customer") String view, HttpServletRequest request) {
		if (view.equals("agent")) {
			throw new SandboxException(400, "the agent view is /sandbox/api/agent/requests/" + key + " (sign in to the console)");
		}
		if (!view.equals("customer")) {
			throw new SandboxException(400, "view must be 'customer'");
		}
		return view(this.desk, own(key, request).key(), false);
	}

	@PostMapping("/requests/{key}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	CommentView comment(@PathVariable String key, @RequestBody NewComment body, HttpServletRequest request) {
		if (body.as() != null && !body.as().equals("customer")) {
			throw new SandboxException(400, "agents answer at /sandbox/api/agent/requests/" + key + "/comments (sign in to the console)");
		}
		SandboxTicket t = own(key, request);
		return CommentView.of(this.desk.addComment(t.key(), t.reporterId(), t.reporterName(), "CUSTOMER", true, body.body(), null));
	}

	/** The visitor's own request, else 404 as if it did not exist. */
	private SandboxTicket own(String key, HttpServletRequest request) {
		SandboxTicket t = this.desk.ticket(key);
		if (!SandboxVisitors.owns(SandboxVisitors.of(request).orElse(null), t)) {
			throw new SandboxException(404, "No sandbox request " + key);
		}
		return t;
	}

	@ExceptionHandler(SandboxException.class)
	ProblemDetail refused(SandboxException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
	}

	static RequestView view(SandboxDesk desk, String key, boolean agentView) {
		SandboxTicket t = desk.ticket(key);
		List<CommentView> comments = desk.comments(key)
			.stream()
			.filter(c -> agentView || c.isPublic())
			.map(CommentView::of)
			.toList();
		SandboxStatus status = SandboxStatus.ofLabel(t.status()).orElse(SandboxStatus.WAITING_FOR_SUPPORT);
		@Nullable SandboxAgent assignee = t.assigneeId() == null ? null : desk.agent(t.assigneeId()).orElse(null);
		return new RequestView(t.key(), t.summary(), t.description(), t.status(), status.category().name(),
				t.reporterName(), t.reporterEmail(), t.requestType(), assignee, t.resolution(), t.created(),
				t.updated(), t.resolved(), comments);
	}

	record NewRequest(String summary, @Nullable String description, String email, @Nullable String name,
			@Nullable String requestType, @Nullable List<String> labels) {
	}

	record NewComment(String body, @Nullable String as) {
	}

	record RequestSummary(String key, String summary, String status, String reporter, @Nullable String assignee,
			Instant created, Instant updated) {

		static RequestSummary of(SandboxTicket t, SandboxDesk desk) {
			String assignee = t.assigneeId() == null ? null
					: desk.agent(t.assigneeId()).map(SandboxAgent::displayName).orElse(t.assigneeId());
			return new RequestSummary(t.key(), t.summary(), t.status(), t.reporterName(), assignee, t.created(), t.updated());
		}

	}

	record RequestView(String key, String summary, String description, String status, String statusCategory,
			String reporter, @Nullable String reporterEmail, @Nullable String requestType, @Nullable SandboxAgent assignee,
			@Nullable String resolution, Instant created, Instant updated, @Nullable Instant resolved,
			List<CommentView> comments) {
	}

	record CommentView(long id, String author, String role, boolean isPublic, String body, Instant created) {

		static CommentView of(SandboxComment c) {
			return new CommentView(c.id(), c.authorName(), c.role(), c.isPublic(), c.body(), c.created());
		}

	}

}

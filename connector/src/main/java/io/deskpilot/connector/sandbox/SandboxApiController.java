package io.deskpilot.connector.sandbox;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox desk's own REST API, used by its web page and by tests: customers file requests and reply; agents see
 * internal notes, change statuses and take requests.
 */
@RestController
@RequestMapping("/sandbox/api")
class SandboxApiController {

	private final SandboxDesk desk;

	SandboxApiController(SandboxDesk desk) {
		this.desk = desk;
	}

	@GetMapping("/requests")
	List<RequestSummary> list(@RequestParam(defaultValue = "50") int limit) {
		return this.desk.recent(limit).stream().map(t -> RequestSummary.of(t, this.desk)).toList();
	}

	@PostMapping("/requests")
	ResponseEntity<RequestView> create(@RequestBody NewRequest body) {
		String key = this.desk.createRequest(body.summary(), body.description(), body.email(), body.name(),
				body.requestType(), body.labels() == null ? List.of() : body.labels());
		return ResponseEntity.created(URI.create("/sandbox/api/requests/" + key)).body(view(key, false));
	}

	@GetMapping("/requests/{key}")
	RequestView get(@PathVariable String key, @RequestParam(defaultValue = "customer") String view) {
		if (!view.equals("customer") && !view.equals("agent")) {
			throw new SandboxException(400, "view must be 'customer' or 'agent'");
		}
		return view(key, view.equals("agent"));
	}

	@PostMapping("/requests/{key}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	CommentView comment(@PathVariable String key, @RequestBody NewComment body) {
		String as = body.as() == null ? "customer" : body.as();
		SandboxComment c;
		if (as.equals("customer")) {
			SandboxTicket t = this.desk.ticket(key);
			c = this.desk.addComment(key, t.reporterId(), t.reporterName(), "CUSTOMER", true, body.body(), null);
		}
		else if (as.equals("agent")) {
			if (body.agentId() == null) {
				throw new SandboxException(400, "agentId is required when commenting as an agent");
			}
			SandboxAgent agent = this.desk.agent(body.agentId())
				.orElseThrow(() -> new SandboxException(400, "no sandbox agent '" + body.agentId() + "'"));
			c = this.desk.addComment(key, agent.id(), agent.displayName(), "AGENT", body.isPublic() == null || body.isPublic(),
					body.body(), null);
		}
		else {
			throw new SandboxException(400, "as must be 'customer' or 'agent'");
		}
		return CommentView.of(c);
	}

	@PutMapping("/requests/{key}/status")
	RequestView status(@PathVariable String key, @RequestBody StatusChange body) {
		this.desk.setStatus(key, body.status(), body.resolution());
		return view(key, true);
	}

	@PutMapping("/requests/{key}/assignee")
	RequestView assignee(@PathVariable String key, @RequestBody AssigneeChange body) {
		this.desk.assign(key, body.agentId());
		return view(key, true);
	}

	@GetMapping("/agents")
	List<SandboxAgent> agents() {
		return this.desk.agents();
	}

	@ExceptionHandler(SandboxException.class)
	ProblemDetail refused(SandboxException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
	}

	private RequestView view(String key, boolean agentView) {
		SandboxTicket t = this.desk.ticket(key);
		List<CommentView> comments = this.desk.comments(key)
			.stream()
			.filter(c -> agentView || c.isPublic())
			.map(CommentView::of)
			.toList();
		SandboxStatus status = SandboxStatus.ofLabel(t.status()).orElse(SandboxStatus.WAITING_FOR_SUPPORT);
		return new RequestView(t.key(), t.summary(), t.description(), t.status(), status.category().name(),
				t.reporterName(), t.reporterEmail(), t.requestType(), assignee(t), t.resolution(), t.created(),
				t.updated(), t.resolved(), comments);
	}

	private @Nullable SandboxAgent assignee(SandboxTicket t) {
		return t.assigneeId() == null ? null : this.desk.agent(t.assigneeId()).orElse(null);
	}

	record NewRequest(String summary, @Nullable String description, String email, @Nullable String name,
			@Nullable String requestType, @Nullable List<String> labels) {
	}

	record NewComment(String body, @Nullable String as, @Nullable String agentId, @Nullable Boolean isPublic) {
	}

	record StatusChange(String status, @Nullable String resolution) {
	}

	record AssigneeChange(@Nullable String agentId) {
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

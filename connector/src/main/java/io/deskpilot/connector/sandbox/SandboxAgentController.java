package io.deskpilot.connector.sandbox;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.sandbox.SandboxApiController.CommentView;
import io.deskpilot.connector.sandbox.SandboxApiController.RequestSummary;
import io.deskpilot.connector.sandbox.SandboxApiController.RequestView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.csrf.CsrfToken;
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
 * The sandbox desk's agent side: every request with its internal notes, answers and notes as an agent, status and
 * assignee changes. Behind the console sign-in (any console user may act as the desk's agents), with the console's
 * CSRF token on every change ({@code GET /sandbox/api/agent/session} hands it to the page).
 */
@RestController
@RequestMapping("/sandbox/api/agent")
class SandboxAgentController {

	private final SandboxDesk desk;

	SandboxAgentController(SandboxDesk desk) {
		this.desk = desk;
	}

	/** Who is signed in, and the CSRF token the page sends with changes. */
	@GetMapping("/session")
	Map<String, String> session(Principal user, CsrfToken csrf) {
		return Map.of("user", user.getName(), "csrfHeader", csrf.getHeaderName(), "csrfToken", csrf.getToken());
	}

	@GetMapping("/requests")
	List<RequestSummary> list(@RequestParam(defaultValue = "50") int limit) {
		return this.desk.recent(limit).stream().map(t -> RequestSummary.of(t, this.desk)).toList();
	}

	@GetMapping("/requests/{key}")
	RequestView get(@PathVariable String key) {
		return SandboxApiController.view(this.desk, key, true);
	}

	@PostMapping("/requests/{key}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	CommentView comment(@PathVariable String key, @RequestBody AgentComment body) {
		if (body.agentId() == null) {
			throw new SandboxException(400, "agentId is required: the agent who writes");
		}
		SandboxAgent agent = this.desk.agent(body.agentId())
			.orElseThrow(() -> new SandboxException(400, "no sandbox agent '" + body.agentId() + "'"));
		return CommentView.of(this.desk.addComment(key, agent.id(), agent.displayName(), "AGENT",
				body.isPublic() == null || body.isPublic(), body.body(), null));
	}

	@PutMapping("/requests/{key}/status")
	RequestView status(@PathVariable String key, @RequestBody StatusChange body) {
		this.desk.setStatus(key, body.status(), body.resolution());
		return SandboxApiController.view(this.desk, key, true);
	}

	@PutMapping("/requests/{key}/assignee")
	RequestView assignee(@PathVariable String key, @RequestBody AssigneeChange body) {
		this.desk.assign(key, body.agentId());
		return SandboxApiController.view(this.desk, key, true);
	}

	@GetMapping("/agents")
	List<SandboxAgent> agents() {
		return this.desk.agents();
	}

	@ExceptionHandler(SandboxException.class)
	ProblemDetail refused(SandboxException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
	}

	record AgentComment(String body, @Nullable String agentId, @Nullable Boolean isPublic) {
	}

	record StatusChange(String status, @Nullable String resolution) {
	}

	record AssigneeChange(@Nullable String agentId) {
	}

}

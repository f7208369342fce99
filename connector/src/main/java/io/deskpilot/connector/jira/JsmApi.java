package io.deskpilot.connector.jira;

import io.deskpilot.connector.jira.JiraDtos.CommentCreate;
import io.deskpilot.connector.jira.JiraDtos.JsmComment;
import io.deskpilot.connector.jira.JiraDtos.JsmPage;
import io.deskpilot.connector.jira.JiraDtos.JsmRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The customer-facing half: Jira Service Management's {@code /rest/servicedeskapi} (same paths on Cloud and DC). */
@HttpExchange(url = "/rest/servicedeskapi", accept = "application/json")
interface JsmApi {

	@GetExchange("/request/{key}")
	JsmRequest request(@PathVariable String key, @RequestParam String expand);

	@GetExchange("/request/{key}/comment")
	JsmPage<JsmComment> comments(@PathVariable String key, @RequestParam("public") boolean includePublic,
			@RequestParam boolean internal, @RequestParam int start, @RequestParam int limit);

	@PostExchange(url = "/request/{key}/comment", contentType = "application/json")
	JsmComment addComment(@PathVariable String key, @RequestBody CommentCreate comment);

}

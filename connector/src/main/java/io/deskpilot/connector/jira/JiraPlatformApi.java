package io.deskpilot.connector.jira;

import java.util.List;
import java.util.Map;

import io.deskpilot.connector.jira.JiraDtos.EntityProperty;
import io.deskpilot.connector.jira.JiraDtos.IssueBean;
import io.deskpilot.connector.jira.JiraDtos.JiraUser;
import io.deskpilot.connector.jira.JiraDtos.SearchJqlResults;
import io.deskpilot.connector.jira.JiraDtos.SearchResults;
import io.deskpilot.connector.jira.JiraDtos.TransitionRequest;
import io.deskpilot.connector.jira.JiraDtos.Transitions;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The agent half: the Jira platform API, {@code /rest/api/3} on Cloud (ADF bodies) and {@code /rest/api/2} on Data
 * Center (wiki markup). {@code v} is the version segment. Search is {@code /rest/api/3/search/jql} with
 * {@code nextPageToken} on Cloud (the old search is removed there) and {@code /rest/api/2/search} on Data Center.
 */
@HttpExchange(url = "/rest/api", accept = "application/json")
interface JiraPlatformApi {

	@GetExchange("/{v}/myself")
	JiraUser myself(@PathVariable String v);

	@GetExchange("/{v}/issue/{key}")
	IssueBean issue(@PathVariable String v, @PathVariable String key, @RequestParam String fields);

	@GetExchange("/3/search/jql")
	SearchJqlResults searchJql(@RequestParam String jql, @RequestParam(required = false) @Nullable String nextPageToken,
			@RequestParam int maxResults, @RequestParam String fields);

	@PostExchange(url = "/3/search/approximate-count", contentType = "application/json")
	JiraDtos.ApproximateCount approximateCount(@RequestBody Map<String, String> jql);

	@GetExchange("/2/search")
	SearchResults search(@RequestParam String jql, @RequestParam int startAt, @RequestParam int maxResults,
			@RequestParam String fields);

	@GetExchange("/{v}/issue/{key}/transitions")
	Transitions transitions(@PathVariable String v, @PathVariable String key, @RequestParam String expand);

	@PostExchange(url = "/{v}/issue/{key}/transitions", contentType = "application/json")
	void transition(@PathVariable String v, @PathVariable String key, @RequestBody TransitionRequest request);

	@PutExchange(url = "/{v}/issue/{key}/assignee", contentType = "application/json")
	void assign(@PathVariable String v, @PathVariable String key, @RequestBody Map<String, @Nullable String> assignee);

	@PostExchange(url = "/{v}/issueLink", contentType = "application/json")
	void link(@PathVariable String v, @RequestBody Map<String, Object> link);

	@GetExchange("/{v}/user/assignable/search")
	List<JiraUser> assignable(@PathVariable String v, @RequestParam String project, @RequestParam int maxResults);

	@GetExchange("/{v}/issue/{key}/properties/{property}")
	EntityProperty property(@PathVariable String v, @PathVariable String key, @PathVariable String property);

	@PutExchange(url = "/{v}/issue/{key}/properties/{property}", contentType = "application/json")
	void setProperty(@PathVariable String v, @PathVariable String key, @PathVariable String property,
			@RequestBody Object value);

	@PutExchange(url = "/{v}/issue/{key}", contentType = "application/json")
	void edit(@PathVariable String v, @PathVariable String key, @RequestBody Map<String, Object> update);

}

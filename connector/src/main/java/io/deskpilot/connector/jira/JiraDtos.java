package io.deskpilot.connector.jira;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Payloads of the JSM ({@code /rest/servicedeskapi}) and platform ({@code /rest/api/2|3}) endpoints Deskpilot uses,
 * named after the schemas of Atlassian's OpenAPI documents. Unknown fields are ignored: Atlassian adds fields often.
 */
final class JiraDtos {

	private JiraDtos() {
	}

	// ---------------------------------------------------------------- JSM

	/** {@code DateDTO}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmDate(@Nullable String iso8601, long epochMillis) {
	}

	/** {@code UserDTO}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmUser(@Nullable String accountId, @Nullable String name, @Nullable String key, @Nullable String emailAddress,
			@Nullable String displayName) {
	}

	/** {@code CustomerRequestStatusDTO}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmStatus(String status, @Nullable String statusCategory, @Nullable JsmDate statusDate) {
	}

	/** {@code CustomerRequestFieldValueDTO}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmFieldValue(String fieldId, @Nullable JsonNode value) {
	}

	/** {@code RequestTypeDTO}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmRequestType(String id, String name) {
	}

	/** {@code CustomerRequestDTO}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmRequest(String issueId, String issueKey, @Nullable String requestTypeId, @Nullable JsmUser reporter,
			@Nullable JsmDate createdDate, @Nullable JsmStatus currentStatus, @Nullable List<JsmFieldValue> requestFieldValues,
			@Nullable JsmRequestType requestType, @JsonProperty("_links") @Nullable Map<String, String> links,
			@Nullable JsonNode sla) {
	}

	/** {@code CommentDTO}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmComment(String id, @Nullable String body, @JsonProperty("public") boolean isPublic, @Nullable JsmUser author,
			@Nullable JsmDate created) {
	}

	/** {@code PagedDTO...}: {@code start/limit/size/isLastPage/values}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsmPage<T>(int start, int limit, int size, boolean isLastPage, @Nullable List<T> values) {
	}

	/** {@code CommentCreateDTO}: plain text or wiki markup, never ADF. */
	record CommentCreate(String body, @JsonProperty("public") boolean isPublic) {
	}

	// ---------------------------------------------------------------- platform

	/** {@code User}: Cloud identifies users by accountId, Data Center by name/key. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record JiraUser(@Nullable String accountId, @Nullable String name, @Nullable String key, @Nullable String displayName,
			@Nullable String emailAddress, @Nullable String timeZone, @Nullable String accountType) {
	}

	/** {@code IssueBean}; fields are read selectively. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record IssueBean(String id, String key, @Nullable JsonNode fields) {
	}

	/** {@code SearchAndReconcileResults} ({@code /rest/api/3/search/jql}): no total; the last page has no token. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record SearchJqlResults(@Nullable List<IssueBean> issues, @Nullable String nextPageToken, @Nullable Boolean isLast) {
	}

	/** {@code JQLCountResultsBean} of {@code /rest/api/3/search/approximate-count}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ApproximateCount(long count) {
	}

	/** {@code SearchResults} ({@code /rest/api/2/search} on Data Center). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record SearchResults(int startAt, int maxResults, int total, @Nullable List<IssueBean> issues) {
	}

	/** {@code StatusCategory}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record StatusCategoryBean(@Nullable String key, @Nullable String name) {
	}

	/** {@code StatusDetails}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record StatusBean(@Nullable String id, String name, @Nullable StatusCategoryBean statusCategory) {
	}

	/** {@code IssueTransition}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TransitionBean(String id, String name, StatusBean to, @Nullable Map<String, JsonNode> fields) {
	}

	/** {@code Transitions}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Transitions(@Nullable List<TransitionBean> transitions) {
	}

	/** An id reference. */
	record IdRef(String id) {
	}

	/** A name reference. */
	record NameRef(String name) {
	}

	/** {@code IssueUpdateDetails} for a transition. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TransitionRequest(IdRef transition, @Nullable Map<String, Object> fields) {
	}

	/** {@code EntityProperty}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record EntityProperty(String key, @Nullable JsonNode value) {
	}

}

package io.deskpilot.connector.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A customer request (ticket) as the platform reports it now.
 *
 * @param key the platform's key ({@code HELP-12}, {@code 42})
 * @param summary title
 * @param description body as the platform stores it (wiki markup, HTML, ADF JSON or text)
 * @param status current status
 * @param reporter the customer who filed it
 * @param organization the customer's organization, if the platform has one
 * @param requestType request type, queue or tracker
 * @param assignee the agent working on it, if any
 * @param created when it was filed
 * @param updated when it last changed
 * @param labels labels or tags
 * @param components components or categories
 * @param priority priority name, if any
 * @param webUrl where an agent opens it, if known
 * @param firstResponseDue the platform's own first-response deadline (an SLA clock such as JSM's "Time to first
 * response"), if it keeps one; Deskpilot's policy target applies otherwise
 */
public record PlatformRequest(String key, String summary, String description, RequestStatus status, Person reporter,
		@Nullable String organization, @Nullable String requestType, @Nullable Person assignee, Instant created,
		Instant updated, List<String> labels, List<String> components, @Nullable String priority,
		@Nullable String webUrl, @Nullable Instant firstResponseDue) {

	/** A request from a platform without SLA clocks. */
	public PlatformRequest(String key, String summary, String description, RequestStatus status, Person reporter,
			@Nullable String organization, @Nullable String requestType, @Nullable Person assignee, Instant created,
			Instant updated, List<String> labels, List<String> components, @Nullable String priority,
			@Nullable String webUrl) {
		this(key, summary, description, status, reporter, organization, requestType, assignee, created, updated, labels,
				components, priority, webUrl, null);
	}

	public PlatformRequest {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(reporter, "reporter");
		Objects.requireNonNull(created, "created");
		summary = Objects.requireNonNullElse(summary, "");
		description = Objects.requireNonNullElse(description, "");
		updated = updated == null ? created : updated;
		labels = labels == null ? List.of() : List.copyOf(labels);
		components = components == null ? List.of() : List.copyOf(components);
	}

}

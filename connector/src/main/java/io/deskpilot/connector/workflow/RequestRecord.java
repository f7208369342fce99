package io.deskpilot.connector.workflow;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Deskpilot's record of one request: its state, the bot's decision, and the moments that matter for reporting.
 *
 * @param installationId the installation
 * @param requestKey the platform's key
 * @param state where it stands
 * @param customerId requester id
 * @param customerName requester name
 * @param organization requester organization
 * @param requestType request type
 * @param summary the request's title
 * @param assigneeId the agent owning it
 * @param decision the bot's decision ({@code ANSWER}, {@code SUGGEST}, {@code ROUTE})
 * @param confidence the decision's confidence
 * @param matchedTicket the resolved ticket the decision relied on
 * @param decisionDetail JSON explanation: evidence, scores, the rule that fired
 * @param receivedAt when Deskpilot first saw it
 * @param firstResponseAt first public response by the bot or an agent
 * @param answeredAt when the bot answered publicly
 * @param assignedAt when an agent got it
 * @param resolvedAt when it was resolved
 * @param updatedAt last change of this record
 * @param version optimistic version, incremented on every change
 */
public record RequestRecord(String installationId, String requestKey, RequestState state, @Nullable String customerId,
		@Nullable String customerName, @Nullable String organization, @Nullable String requestType,
		@Nullable String summary, @Nullable String assigneeId, @Nullable String decision, @Nullable Double confidence,
		@Nullable String matchedTicket, @Nullable String decisionDetail, Instant receivedAt,
		@Nullable Instant firstResponseAt, @Nullable Instant answeredAt, @Nullable Instant assignedAt,
		@Nullable Instant resolvedAt, Instant updatedAt, int version) {

	public RequestRecord {
		Objects.requireNonNull(installationId, "installationId");
		Objects.requireNonNull(requestKey, "requestKey");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
	}

	RequestRecord withState(RequestState next, Instant now) {
		return new RequestRecord(this.installationId, this.requestKey, next, this.customerId, this.customerName,
				this.organization, this.requestType, this.summary, this.assigneeId, this.decision, this.confidence,
				this.matchedTicket, this.decisionDetail, this.receivedAt, this.firstResponseAt, this.answeredAt,
				this.assignedAt, next == RequestState.RESOLVED || next == RequestState.RESOLVED_BY_BOT ? now : this.resolvedAt,
				now, this.version);
	}

	RequestRecord withAssignee(@Nullable String agentId, Instant now) {
		return new RequestRecord(this.installationId, this.requestKey, this.state, this.customerId, this.customerName,
				this.organization, this.requestType, this.summary, agentId, this.decision, this.confidence,
				this.matchedTicket, this.decisionDetail, this.receivedAt, this.firstResponseAt, this.answeredAt,
				agentId == null ? this.assignedAt : now, this.resolvedAt, now, this.version);
	}

	RequestRecord withFirstResponse(Instant at) {
		if (this.firstResponseAt != null) {
			return this;
		}
		return new RequestRecord(this.installationId, this.requestKey, this.state, this.customerId, this.customerName,
				this.organization, this.requestType, this.summary, this.assigneeId, this.decision, this.confidence,
				this.matchedTicket, this.decisionDetail, this.receivedAt, at, this.answeredAt, this.assignedAt,
				this.resolvedAt, this.updatedAt, this.version);
	}

	RequestRecord withAnswered(Instant at) {
		return new RequestRecord(this.installationId, this.requestKey, this.state, this.customerId, this.customerName,
				this.organization, this.requestType, this.summary, this.assigneeId, this.decision, this.confidence,
				this.matchedTicket, this.decisionDetail, this.receivedAt, this.firstResponseAt == null ? at : this.firstResponseAt,
				at, this.assignedAt, this.resolvedAt, this.updatedAt, this.version);
	}

}

package io.deskpilot.connector.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Deskpilot's record of one request: its state, the bot's decision, the facts routing uses, and the moments that
 * matter for reporting and SLAs.
 *
 * @param installationId the installation
 * @param requestKey the platform's key
 * @param state where it stands
 * @param customerId requester id
 * @param customerName requester name
 * @param organization requester organization
 * @param requestType request type
 * @param summary the request's title
 * @param assigneeId the agent owning it (while ESCALATED: the agent reserved by routing)
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
 * @param language the customer's language (replies use it)
 * @param labels labels, for routing by skill
 * @param components components, for routing by skill
 * @param shadow whether the bot only drafted (shadow mode)
 * @param guardRule the never-auto-answer rule that matched, if any
 * @param firstResponseDue when the first response is due (business hours)
 * @param slaEscalatedAt when a lead was alerted about the first-response target
 * @param lastNoticeAt when the customer last got a status notice
 * @param fingerprint the request's key terms, for outage clustering
 * @param clusterMaster the master request of the outage cluster this request belongs to
 */
public record RequestRecord(String installationId, String requestKey, RequestState state, @Nullable String customerId,
		@Nullable String customerName, @Nullable String organization, @Nullable String requestType,
		@Nullable String summary, @Nullable String assigneeId, @Nullable String decision, @Nullable Double confidence,
		@Nullable String matchedTicket, @Nullable String decisionDetail, Instant receivedAt,
		@Nullable Instant firstResponseAt, @Nullable Instant answeredAt, @Nullable Instant assignedAt,
		@Nullable Instant resolvedAt, Instant updatedAt, int version, String language, List<String> labels,
		List<String> components, boolean shadow, @Nullable String guardRule, @Nullable Instant firstResponseDue,
		@Nullable Instant slaEscalatedAt, @Nullable Instant lastNoticeAt, @Nullable String fingerprint,
		@Nullable String clusterMaster) {

	public RequestRecord {
		Objects.requireNonNull(installationId, "installationId");
		Objects.requireNonNull(requestKey, "requestKey");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		language = language == null ? "en" : language;
		labels = labels == null ? List.of() : List.copyOf(labels);
		components = components == null ? List.of() : List.copyOf(components);
	}

	/** Whether the request is resolved (by the bot or by an agent). */
	public boolean resolved() {
		return this.state == RequestState.RESOLVED || this.state == RequestState.RESOLVED_BY_BOT;
	}

	RequestRecord withState(RequestState next, Instant now) {
		return with(b -> {
			b.state = next;
			if (next == RequestState.RESOLVED || next == RequestState.RESOLVED_BY_BOT) {
				b.resolvedAt = now;
			}
			b.updatedAt = now;
		});
	}

	RequestRecord withAssignee(@Nullable String agentId, Instant now) {
		return with(b -> {
			b.assigneeId = agentId;
			if (agentId != null) {
				b.assignedAt = now;
			}
			b.updatedAt = now;
		});
	}

	RequestRecord withFirstResponse(Instant at) {
		return this.firstResponseAt != null ? this : with(b -> b.firstResponseAt = at);
	}

	RequestRecord withAnswered(Instant at) {
		return with(b -> {
			b.firstResponseAt = this.firstResponseAt == null ? at : this.firstResponseAt;
			b.answeredAt = at;
		});
	}

	RequestRecord withNotice(Instant at) {
		return with(b -> b.lastNoticeAt = at);
	}

	/** A copy with the changes the consumer makes. */
	RequestRecord with(Consumer<Builder> changes) {
		Builder b = new Builder(this);
		changes.accept(b);
		return b.build();
	}

	/** Mutable copy of a record, for {@link #with}. */
	static final class Builder {

		String installationId;

		String requestKey;

		RequestState state;

		@Nullable String customerId;

		@Nullable String customerName;

		@Nullable String organization;

		@Nullable String requestType;

		@Nullable String summary;

		@Nullable String assigneeId;

		@Nullable String decision;

		@Nullable Double confidence;

		@Nullable String matchedTicket;

		@Nullable String decisionDetail;

		Instant receivedAt;

		@Nullable Instant firstResponseAt;

		@Nullable Instant answeredAt;

		@Nullable Instant assignedAt;

		@Nullable Instant resolvedAt;

		Instant updatedAt;

		int version;

		String language;

		List<String> labels;

		List<String> components;

		boolean shadow;

		@Nullable String guardRule;

		@Nullable Instant firstResponseDue;

		@Nullable Instant slaEscalatedAt;

		@Nullable Instant lastNoticeAt;

		@Nullable String fingerprint;

		@Nullable String clusterMaster;

		Builder(RequestRecord r) {
			this.installationId = r.installationId;
			this.requestKey = r.requestKey;
			this.state = r.state;
			this.customerId = r.customerId;
			this.customerName = r.customerName;
			this.organization = r.organization;
			this.requestType = r.requestType;
			this.summary = r.summary;
			this.assigneeId = r.assigneeId;
			this.decision = r.decision;
			this.confidence = r.confidence;
			this.matchedTicket = r.matchedTicket;
			this.decisionDetail = r.decisionDetail;
			this.receivedAt = r.receivedAt;
			this.firstResponseAt = r.firstResponseAt;
			this.answeredAt = r.answeredAt;
			this.assignedAt = r.assignedAt;
			this.resolvedAt = r.resolvedAt;
			this.updatedAt = r.updatedAt;
			this.version = r.version;
			this.language = r.language;
			this.labels = r.labels;
			this.components = r.components;
			this.shadow = r.shadow;
			this.guardRule = r.guardRule;
			this.firstResponseDue = r.firstResponseDue;
			this.slaEscalatedAt = r.slaEscalatedAt;
			this.lastNoticeAt = r.lastNoticeAt;
			this.fingerprint = r.fingerprint;
			this.clusterMaster = r.clusterMaster;
		}

		RequestRecord build() {
			return new RequestRecord(this.installationId, this.requestKey, this.state, this.customerId, this.customerName,
					this.organization, this.requestType, this.summary, this.assigneeId, this.decision, this.confidence,
					this.matchedTicket, this.decisionDetail, this.receivedAt, this.firstResponseAt, this.answeredAt,
					this.assignedAt, this.resolvedAt, this.updatedAt, this.version, this.language, this.labels,
					this.components, this.shadow, this.guardRule, this.firstResponseDue, this.slaEscalatedAt,
					this.lastNoticeAt, this.fingerprint, this.clusterMaster);
		}

	}

}

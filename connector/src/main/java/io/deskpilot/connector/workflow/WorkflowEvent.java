package io.deskpilot.connector.workflow;

import java.time.Instant;
import java.util.List;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.connector.conversation.ReplyIntent;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.StatusCategory;
import org.jspecify.annotations.Nullable;

/** What the workflow reacts to, after intake has read the facts back from the platform and the database. */
sealed interface WorkflowEvent {

	/**
	 * A new request and the bot's decision on it.
	 *
	 * @param request the request as the platform reports it
	 * @param decision the knowledge base's decision
	 * @param decisionDetail the decision's explanation (JSON)
	 * @param intake what else Deskpilot worked out about the request
	 */
	record Received(PlatformRequest request, Decision decision, String decisionDetail, Intake intake) implements WorkflowEvent {
	}

	/**
	 * Facts about a new request beyond the decision.
	 *
	 * @param language the customer's language
	 * @param guardRule the never-auto-answer rule that matched, if any
	 * @param shadow whether the bot only drafts for this request
	 * @param queuePosition the request's place in the queue of requests waiting for an agent
	 * @param eta the expected first response, as words in the customer's language
	 * @param firstResponseDue when the first response is due
	 * @param fingerprint key terms for outage clustering
	 * @param clusterMaster the outage cluster's master, when the request joins or forms one
	 * @param formsCluster whether this request makes the cluster big enough to be an outage
	 */
	record Intake(String language, @Nullable String guardRule, boolean shadow, int queuePosition, String eta,
			@Nullable Instant firstResponseDue, @Nullable String fingerprint, @Nullable String clusterMaster,
			boolean formsCluster) {

		/** The same intake, joined to (or forming) the outage cluster of {@code master}. */
		Intake inCluster(String master, boolean forms) {
			return new Intake(this.language, this.guardRule, this.shadow, this.queuePosition, this.eta, this.firstResponseDue,
					this.fingerprint, master, forms);
		}

	}

	/** The customer wrote a public comment. */
	record CustomerReplied(String commentId, ReplyIntent intent, String text, Instant at) implements WorkflowEvent {
	}

	/** An agent wrote a comment. */
	record AgentCommented(String agentId, boolean isPublic, Instant at) implements WorkflowEvent {
	}

	/** The platform reports another assignee (null: unassigned). */
	record AssigneeChanged(@Nullable String agentId, @Nullable String agentName) implements WorkflowEvent {
	}

	/** Routing assigned the request on the platform. */
	record RoutedTo(String agentId, String agentName, String reason) implements WorkflowEvent {
	}

	/**
	 * The platform reports another status category.
	 *
	 * @param category the new category
	 * @param clusterMembers requests of the outage cluster this request leads (empty when it leads none)
	 */
	record StatusChanged(StatusCategory category, List<String> clusterMembers) implements WorkflowEvent {
	}

	/** An admin undid the bot's resolution: the request goes back to a person. */
	record ResolutionUndone(String admin) implements WorkflowEvent {
	}

	/** The customer did not answer the bot's reply in time. */
	record ConfirmationTimedOut(Instant answeredAt, int days) implements WorkflowEvent {
	}

	/**
	 * The first response is about to miss its target.
	 *
	 * @param due when it is due
	 * @param leadId the lead to alert (and assign when nobody has the request), if any is configured
	 * @param leadName the lead's name
	 */
	record FirstResponseDue(Instant due, @Nullable String leadId, @Nullable String leadName) implements WorkflowEvent {
	}

	/** Enough similar requests arrived for an outage; this request is the master. */
	record ClusterFormed(List<String> members) implements WorkflowEvent {
	}

	/** The master of this request's outage cluster was resolved. */
	record MasterResolved(String masterKey, String resolution) implements WorkflowEvent {
	}

}

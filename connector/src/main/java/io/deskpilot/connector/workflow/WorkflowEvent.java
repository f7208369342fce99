package io.deskpilot.connector.workflow;

import java.time.Instant;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.connector.conversation.ReplyIntent;
import io.deskpilot.connector.platform.PlatformRequest;
import io.deskpilot.connector.platform.StatusCategory;
import org.jspecify.annotations.Nullable;

/** What the workflow reacts to, after intake has read the facts back from the platform. */
sealed interface WorkflowEvent {

	/** A new request and the bot's decision on it. */
	record Received(PlatformRequest request, Decision decision, String decisionDetail) implements WorkflowEvent {
	}

	/** The customer wrote a public comment. */
	record CustomerReplied(String commentId, ReplyIntent intent, String text, Instant at) implements WorkflowEvent {
	}

	/** An agent wrote a comment. */
	record AgentCommented(String agentId, boolean isPublic, Instant at) implements WorkflowEvent {
	}

	/** The platform reports another assignee (null: unassigned). */
	record AssigneeChanged(@Nullable String agentId) implements WorkflowEvent {
	}

	/** The platform reports another status category. */
	record StatusChanged(StatusCategory category) implements WorkflowEvent {
	}

}

package io.deskpilot.connector.platform;

/**
 * What an adapter can do. Workflow and routing branch on these, never on the adapter's type.
 *
 * @param webhooks the platform pushes events to Deskpilot
 * @param polling events can be polled ({@link ChangeFeed})
 * @param internalNotes comments can be hidden from the customer
 * @param assignment requests can be assigned to agents
 * @param transitions requests can be moved through the workflow
 * @param historyImport resolved tickets can be read ({@link HistoryReader})
 * @param idempotentPosts the platform itself rejects a second post with the same idempotency key
 */
public record PlatformCapabilities(boolean webhooks, boolean polling, boolean internalNotes, boolean assignment,
		boolean transitions, boolean historyImport, boolean idempotentPosts) {

}

package io.deskpilot.connector.sandbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A resolved ticket of the sandbox's seed history (written for Deskpilot, in {@code sandbox/seed-tickets.json}).
 *
 * @param summary title
 * @param description the customer's text
 * @param customerName requester name
 * @param customerEmail requester address
 * @param organization requester's organization
 * @param requestType request type
 * @param agent the sandbox agent who handled it
 * @param labels labels
 * @param components components
 * @param resolution resolution name
 * @param daysAgo how many days before today it was filed
 * @param resolvedAfterHours how long it took to resolve
 * @param conversation the comments, in order
 * @param duplicateOfSummary for a duplicate, the summary of the seed ticket it duplicates
 */
record SeedTicket(String summary, String description, String customerName, String customerEmail,
		@Nullable String organization, @Nullable String requestType, String agent, List<String> labels,
		List<String> components, String resolution, int daysAgo, int resolvedAfterHours, List<Message> conversation,
		@Nullable String duplicateOfSummary) {

	SeedTicket {
		labels = labels == null ? List.of() : labels;
		components = components == null ? List.of() : components;
		conversation = conversation == null ? List.of() : conversation;
		resolution = resolution == null ? "Done" : resolution;
		resolvedAfterHours = resolvedAfterHours <= 0 ? 4 : resolvedAfterHours;
	}

	/**
	 * One comment of the seed conversation.
	 *
	 * @param from {@code customer} or {@code agent}
	 * @param body text
	 * @param internal whether it is an internal note
	 * @param afterMinutes minutes after the previous message
	 */
	record Message(String from, String body, boolean internal, int afterMinutes) {

	}

}

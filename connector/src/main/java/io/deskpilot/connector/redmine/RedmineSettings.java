package io.deskpilot.connector.redmine;

import io.deskpilot.connector.platform.StatusNames;
import java.net.URI;
import java.util.List;

import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;

/**
 * A Redmine installation's validated settings.
 *
 * @param baseUrl the Redmine root, e.g. {@code https://redmine.example.com}
 * @param apiKey the bot account's API key (My account → API access key)
 * @param project the project identifier Deskpilot works on
 * @param waitingStatus the status that means "waiting for the customer"
 * @param inProgressStatus the status of work in progress (also used to reopen)
 * @param resolvedStatus the status Deskpilot resolves with
 */
record RedmineSettings(URI baseUrl, Secret apiKey, String project, String waitingStatus, String inProgressStatus,
		String resolvedStatus) implements StatusNames {

	static final String BASE_URL = "baseUrl";

	static final String API_KEY = "apiKey";

	static final String PROJECT = "project";

	static final String WAITING = "waitingStatus";

	static final String IN_PROGRESS = "inProgressStatus";

	static final String RESOLVED = "resolvedStatus";

	static List<ConfigField> fields() {
		return List.of(ConfigField.required(BASE_URL, "Redmine URL", ConfigField.Type.URL, "e.g. https://redmine.example.com")
					.asDestination(),
				ConfigField.required(API_KEY, "API key", ConfigField.Type.SECRET,
						"The bot account's key (My account → API access key); the REST API must be enabled"),
				ConfigField.required(PROJECT, "Project identifier", ConfigField.Type.TEXT, "e.g. helpdesk"),
				ConfigField.optional(WAITING, "'Waiting for customer' status", ConfigField.Type.TEXT,
						"The status an answered request moves to", "Feedback"),
				ConfigField.optional(IN_PROGRESS, "'In progress' status", ConfigField.Type.TEXT,
						"The status of a request an agent works on (also used to reopen)", "In Progress"),
				ConfigField.optional(RESOLVED, "Resolved status", ConfigField.Type.TEXT,
						"The status Deskpilot resolves requests with", "Resolved"));
	}

	static RedmineSettings from(ConnectionSettings s) {
		String url = s.value(BASE_URL, "").strip().replaceAll("/+$", "");
		Secret key = s.secret(API_KEY);
		if (key == null || key.isEmpty()) {
			throw new PlatformRejectedException("The Redmine API key is required", 400);
		}
		String project = s.value(PROJECT, "").strip();
		if (!project.matches("[a-z][a-z0-9_-]{0,99}")) {
			throw new PlatformRejectedException("The project identifier is lower-case letters, digits, - and _ (e.g. helpdesk)", 400);
		}
		return new RedmineSettings(URI.create(url), key, project, s.value(WAITING, "Feedback"),
				s.value(IN_PROGRESS, "In Progress"), s.value(RESOLVED, "Resolved"));
	}

	@Override
	public String toString() {
		return "RedmineSettings[" + this.baseUrl + ", project=" + this.project + ", apiKey=******]";
	}

}

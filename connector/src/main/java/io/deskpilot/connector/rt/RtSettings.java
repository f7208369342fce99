package io.deskpilot.connector.rt;

import io.deskpilot.connector.platform.StatusNames;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;

/**
 * A Request Tracker installation's validated settings.
 *
 * @param baseUrl RT's web root, e.g. {@code https://rt.example.com} (REST2 is under {@code /REST/2.0})
 * @param token the bot user's auth token ({@code 1-<user id>-<32 hex>}, from Settings → Auth Tokens)
 * @param botUserId the numeric id of the token's user, read from the token
 * @param queue the queue Deskpilot works on
 * @param waitingStatus the status that means "waiting for the customer"
 * @param inProgressStatus the status of work in progress (also used to reopen)
 * @param resolvedStatus the status Deskpilot resolves with
 * @param agentGroup the group whose members requests are assigned to
 */
record RtSettings(URI baseUrl, Secret token, String botUserId, String queue, String waitingStatus, String inProgressStatus,
		String resolvedStatus, String agentGroup) implements StatusNames {

	static final String BASE_URL = "baseUrl";

	static final String TOKEN = "token";

	static final String QUEUE = "queue";

	static final String WAITING = "waitingStatus";

	static final String IN_PROGRESS = "inProgressStatus";

	static final String RESOLVED = "resolvedStatus";

	static final String AGENT_GROUP = "agentGroup";

	private static final Pattern TOKEN_FORMAT = Pattern.compile("\\d+-(\\d+)-[0-9a-f]{32}");

	static List<ConfigField> fields() {
		return List.of(ConfigField.required(BASE_URL, "RT URL", ConfigField.Type.URL, "e.g. https://rt.example.com").asDestination(),
				ConfigField.required(TOKEN, "Auth token", ConfigField.Type.SECRET,
						"The bot user's token (Logged in as → Settings → Auth Tokens → Create)"),
				ConfigField.required(QUEUE, "Queue", ConfigField.Type.TEXT, "The queue's name, e.g. General"),
				ConfigField.optional(WAITING, "'Waiting for customer' status", ConfigField.Type.TEXT,
						"The status an answered request moves to", "stalled"),
				ConfigField.optional(IN_PROGRESS, "'In progress' status", ConfigField.Type.TEXT,
						"The status of a request an agent works on (also used to reopen)", "open"),
				ConfigField.optional(RESOLVED, "Resolved status", ConfigField.Type.TEXT,
						"The status Deskpilot resolves requests with", "resolved"),
				ConfigField.optional(AGENT_GROUP, "Agent group", ConfigField.Type.TEXT,
						"Requests are assigned to members of this group who may own tickets in the queue", "Privileged"));
	}

	static RtSettings from(ConnectionSettings s) {
		String url = s.value(BASE_URL, "").strip().replaceAll("/+$", "");
		Secret token = s.secret(TOKEN);
		if (token == null || token.isEmpty()) {
			throw new PlatformRejectedException("The RT auth token is required", 400);
		}
		Matcher m = TOKEN_FORMAT.matcher(token.reveal().strip());
		if (!m.matches()) {
			throw new PlatformRejectedException("An RT auth token looks like 1-<user id>-<32 hex digits> "
					+ "(Logged in as → Settings → Auth Tokens)", 400);
		}
		String queue = s.value(QUEUE, "").strip();
		if (queue.isEmpty() || queue.length() > 200 || queue.contains("'")) {
			throw new PlatformRejectedException("The queue is the name of an RT queue (no quotes), e.g. General", 400);
		}
		return new RtSettings(URI.create(url), Secret.of(token.reveal().strip()), m.group(1), queue, s.value(WAITING, "stalled"),
				s.value(IN_PROGRESS, "open"), s.value(RESOLVED, "resolved"), s.value(AGENT_GROUP, "Privileged"));
	}

	@Override
	public String toString() {
		return "RtSettings[" + this.baseUrl + ", queue=" + this.queue + ", token=******]";
	}

}

package io.deskpilot.connector.jira;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.deskpilot.connector.platform.SetupStep;

/**
 * The settings a Jira admin pastes, per deployment: Data Center webhooks (which cannot sign, so the webhook secret
 * travels in the URL) and a personal access token; Cloud admin webhooks signed with the secret; or, on either,
 * an Automation rule's "Send web request" with the secret in a header. Forge installations need none of it.
 */
final class JiraSetup {

	static final String EVENTS = "Issue: created, updated; Comment: created";

	private JiraSetup() {
	}

	static List<SetupStep> steps(Map<String, String> settings, String webhookUrl, String oauthRedirectUrl) {
		String deployment = settings.getOrDefault(JiraSettings.DEPLOYMENT, "cloud").toLowerCase(Locale.ROOT);
		String project = settings.getOrDefault(JiraSettings.PROJECT, "<your service project key>");
		String jql = "project = " + project;
		SetupStep secret = new SetupStep("Choose the webhook secret and give it to Deskpilot",
				Map.of("Generate", "openssl rand -hex 32",
						"Give it to Deskpilot", "PUT /api/installations/<id>/webhook {\"secret\": \"<the secret>\"}"),
				List.of("Deskpilot never shows the secret again; if it is lost, set a new one here and on Jira."));
		SetupStep automation = new SetupStep("Alternatively: Project settings → Automation → Create rule",
				fields("Trigger", "Work item created (and a second rule: Work item commented)", "Action",
						"Send web request", "Web request URL", webhookUrl, "HTTP method", "POST", "Web request body",
						"Issue data (Jira format)", "Headers", JiraWebhooks.TOKEN_HEADER + ": <the webhook secret>"),
				List.of("Use this when you cannot create system webhooks; Automation sends no signature, so the secret "
						+ "travels in the header."));
		List<SetupStep> cloudWebhooks = List.of(secret,
				new SetupStep("Jira settings → System → WebHooks → Create a WebHook",
						fields("Name", "Deskpilot", "Status", "Enabled", "URL", webhookUrl, "Secret",
								"<the webhook secret>", "Events JQL filter", jql, "Events", EVENTS),
						List.of("Jira signs each delivery with the secret (X-Hub-Signature); Deskpilot refuses "
								+ "deliveries whose signature does not match.")),
				automation);
		return switch (deployment) {
			case "oauth", "3lo" -> {
				List<SetupStep> steps = new java.util.ArrayList<>();
				steps.add(new SetupStep("developer.atlassian.com → Developer console → Create → OAuth 2.0 integration",
						fields("Name", "Deskpilot", "Permissions → Jira API → Configure → classic scopes",
								"read:jira-work, write:jira-work, read:jira-user",
								"Permissions → Jira Service Management API → Configure → classic scopes",
								"read:servicedesk-request, write:servicedesk-request, manage:servicedesk-customer",
								"Authorization → OAuth 2.0 (3LO) → Callback URL", oauthRedirectUrl,
								"Settings → Client ID and Secret", "enter them in this connection's settings"),
						List.of("Deskpilot also asks for offline_access, so it keeps working after the admin leaves: "
								+ "Atlassian rotates the refresh token on every use and Deskpilot stores each new one.",
								"The account that consents is the one Deskpilot acts as: use a bot account with a JSM "
										+ "agent licence in " + project + ".")));
				steps.add(new SetupStep("Deskpilot console → Connections → this connection → Connect with Atlassian",
						fields("On Atlassian's page", "choose the site " + settings.getOrDefault(JiraSettings.BASE_URL, "")
								+ " and press Accept"),
						List.of("Deskpilot finds the site's cloud id and calls https://api.atlassian.com/ex/jira/<cloud id>. "
								+ "If the site's admin later removes the app's access, the connection test says so: "
								+ "connect again.")));
				steps.addAll(cloudWebhooks);
				yield steps;
			}
			case "forge" -> List.of(new SetupStep("Install the Deskpilot Forge app on the site",
					Map.of("Command", "forge install --site <your-site>.atlassian.net --product jira"),
					List.of("Forge delivers the events and the API token: no webhook or token to paste. Choose the "
							+ "service project in Jira settings → Apps → Deskpilot.")));
			case "datacenter", "data-center", "dc", "server" -> List.of(secret,
					new SetupStep("Jira administration → System → WebHooks → Create a WebHook",
							fields("Name", "Deskpilot", "Status", "Enabled", "URL",
									webhookUrl + "?" + JiraWebhooks.TOKEN_PARAM + "=<the webhook secret>", "Events JQL filter", jql,
									"Events", EVENTS, "Exclude body", "unchecked"),
							List.of("Data Center webhooks cannot be signed: the secret in the URL authenticates them, "
									+ "so serve Deskpilot over HTTPS only.",
									"Jira Service Management 4.6+ must also allow the URL: Administration → System → "
											+ "Allowlist → add " + host(webhookUrl) + ".")),
					new SetupStep("Profile of the bot account → Personal Access Tokens → Create token",
							fields("Token name", "Deskpilot", "Automatic expiry", "as your policy requires",
									"Then", "enter the token in Deskpilot's connection settings (field 'token')"),
							List.of("The bot account needs a JSM agent licence and the Browse, Assign, Transition, "
									+ "Add comments and Edit issues permissions in " + project + ".")),
					automation);
			default -> cloudWebhooks;
		};
	}

	private static Map<String, String> fields(String... pairs) {
		Map<String, String> out = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			out.put(pairs[i], pairs[i + 1]);
		}
		return out;
	}

	private static String host(String url) {
		java.net.URI uri = java.net.URI.create(url);
		return uri.getScheme() + "://" + uri.getAuthority();
	}

}

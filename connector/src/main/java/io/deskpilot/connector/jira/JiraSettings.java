package io.deskpilot.connector.jira;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;
import org.jspecify.annotations.Nullable;

/**
 * A Jira installation's validated settings.
 *
 * @param installationId the Deskpilot installation these settings belong to
 * @param deployment Cloud (v3 API, accountIds, enhanced JQL search), Cloud through the Forge app (the same, with the
 * token Forge hands over on every call), or Data Center (v2, user names, classic search)
 * @param baseUrl the site ({@code https://acme.atlassian.net}), Forge's API URL for the site
 * ({@code https://api.atlassian.com/ex/jira/<cloud id>}) or the DC host with context path
 * @param email the bot user's e-mail (Cloud API-token auth)
 * @param token the API token (Cloud) or personal access token (Data Center)
 * @param projectKey the service project Deskpilot works on
 * @param waitingStatus the status that means "waiting for customer" in this workflow
 * @param resolution the resolution set when Deskpilot resolves
 * @param maxConcurrency concurrent calls to this site at most
 * @param oauth the OAuth 2.0 (3LO) app, for the {@code oauth} deployment; null otherwise
 * @param firstResponseSla the name of the JSM SLA that times the first response (its breach time becomes the request's
 * first-response deadline)
 */
record JiraSettings(String installationId, Deployment deployment, URI baseUrl, @Nullable String email, Secret token, String projectKey,
		String waitingStatus, String resolution, int maxConcurrency, @Nullable OAuthApp oauth, String firstResponseSla) {

	static final String DEPLOYMENT = "deployment";

	static final String BASE_URL = "baseUrl";

	static final String EMAIL = "email";

	static final String TOKEN = "token";

	static final String PROJECT = "projectKey";

	static final String WAITING_STATUS = "waitingStatus";

	static final String RESOLUTION = "resolution";

	static final String MAX_CONCURRENCY = "maxConcurrency";

	static final String FIRST_RESPONSE_SLA = "firstResponseSla";

	static final String CLIENT_ID = "oauthClientId";

	static final String CLIENT_SECRET = "oauthClientSecret";

	static final String AUTH_URL = "oauthAuthUrl";

	static final String API_URL = "oauthApiUrl";

	static final String ATLASSIAN_AUTH = "https://auth.atlassian.com";

	static final String ATLASSIAN_API = "https://api.atlassian.com";

	private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");

	enum Deployment {

		CLOUD("3"), OAUTH("3"), FORGE("3"), DATA_CENTER("2");

		final String apiVersion;

		Deployment(String apiVersion) {
			this.apiVersion = apiVersion;
		}

	}

	static List<ConfigField> fields() {
		return List.of(
				new ConfigField(DEPLOYMENT, "Deployment", ConfigField.Type.CHOICE, true,
						"cloud: Jira Cloud with an API token; oauth: Jira Cloud with your OAuth 2.0 (3LO) app, connected by "
								+ "consent; forge: Jira Cloud through the Deskpilot Forge app (no token to enter); datacenter: "
								+ "Jira Data Center with a personal access token",
						"cloud", List.of("cloud", "oauth", "forge", "datacenter")).asDestination(),
				ConfigField.required(BASE_URL, "Site URL", ConfigField.Type.URL,
						"https://your-site.atlassian.net, or your Data Center base URL with its context path").asDestination(),
				ConfigField.optional(EMAIL, "Bot account e-mail", ConfigField.Type.TEXT,
						"Cloud only: the e-mail of the agent account whose API token you enter", null).asDestination(),
				ConfigField.optional(TOKEN, "API token or personal access token", ConfigField.Type.SECRET,
						"Required for cloud and datacenter. The bot account needs a JSM agent licence and the Assign, "
								+ "Transition and Comment permissions", null),
				ConfigField.optional(CLIENT_ID, "OAuth client ID", ConfigField.Type.TEXT,
						"oauth only: from your app in developer.atlassian.com → Settings", null).asDestination(),
				ConfigField.optional(CLIENT_SECRET, "OAuth client secret", ConfigField.Type.SECRET,
						"oauth only: the app's secret (Settings → Authentication details)", null),
				ConfigField.optional(AUTH_URL, "OAuth authorization server", ConfigField.Type.URL,
						"oauth only; leave as is unless testing against a simulator", ATLASSIAN_AUTH).asDestination(),
				ConfigField.optional(API_URL, "OAuth API gateway", ConfigField.Type.URL,
						"oauth only; leave as is unless testing against a simulator", ATLASSIAN_API).asDestination(),
				ConfigField.required(PROJECT, "Service project key", ConfigField.Type.TEXT, "For example HELP"),
				ConfigField.optional(WAITING_STATUS, "'Waiting for customer' status", ConfigField.Type.TEXT,
						"The status an answered request moves to", "Waiting for customer"),
				ConfigField.optional(RESOLUTION, "Resolution", ConfigField.Type.TEXT,
						"Set when Deskpilot resolves a request", "Done"),
				ConfigField.optional(FIRST_RESPONSE_SLA, "First-response SLA", ConfigField.Type.TEXT,
						"The JSM SLA whose breach time is the first-response deadline (escalations and reports); "
								+ "requests without it use the policy's first-response target", "Time to first response"),
				ConfigField.optional(MAX_CONCURRENCY, "Concurrent calls", ConfigField.Type.NUMBER,
						"At most this many calls to the site at once", "4"));
	}

	static JiraSettings from(ConnectionSettings s) {
		Deployment deployment = deployment(s);
		URI base = url(s.value(BASE_URL, ""));
		Secret token = s.secret(TOKEN);
		if (token == null) {
			token = Secret.of("");
		}
		if (token.isEmpty() && (deployment == Deployment.CLOUD || deployment == Deployment.DATA_CENTER)) {
			throw new PlatformRejectedException("The API token is required", 400);
		}
		String email = s.value(EMAIL);
		if (deployment == Deployment.CLOUD && (email == null || !email.contains("@"))) {
			throw new PlatformRejectedException("Jira Cloud needs the bot account's e-mail with its API token", 400);
		}
		String project = s.value(PROJECT, "").strip().toUpperCase(Locale.ROOT);
		if (!PROJECT_KEY.matcher(project).matches()) {
			throw new PlatformRejectedException("Project key must look like HELP (letters, digits, underscore)", 400);
		}
		int concurrency = Integer.parseInt(s.value(MAX_CONCURRENCY, "4").strip());
		if (concurrency < 1 || concurrency > 32) {
			throw new PlatformRejectedException("Concurrent calls must be between 1 and 32", 400);
		}
		OAuthApp oauth = deployment == Deployment.OAUTH ? OAuthApp.from(s) : null;
		return new JiraSettings(s.installationId(), deployment, base, email, token, project, s.value(WAITING_STATUS, "Waiting for customer"),
				s.value(RESOLUTION, "Done"), concurrency, oauth, s.value(FIRST_RESPONSE_SLA, "Time to first response").strip());
	}

	/**
	 * The admin's OAuth 2.0 (3LO) app on developer.atlassian.com.
	 * @param clientId the app's client id
	 * @param clientSecret the app's secret
	 * @param authUrl the authorization server ({@code https://auth.atlassian.com})
	 * @param apiUrl the API gateway ({@code https://api.atlassian.com}): accessible resources and {@code /ex/jira/<cloud id>}
	 */
	record OAuthApp(String clientId, Secret clientSecret, URI authUrl, URI apiUrl) {

		static OAuthApp from(ConnectionSettings s) {
			String clientId = s.value(CLIENT_ID, "").strip();
			Secret secret = s.secret(CLIENT_SECRET);
			if (clientId.isEmpty() || secret == null || secret.isEmpty()) {
				throw new PlatformRejectedException("The oauth deployment needs the OAuth app's client ID and secret", 400);
			}
			return new OAuthApp(clientId, secret, url(s.value(AUTH_URL, ATLASSIAN_AUTH)), url(s.value(API_URL, ATLASSIAN_API)));
		}

		@Override
		public String toString() {
			return "OAuthApp[" + this.clientId + ", " + this.authUrl + ", " + this.apiUrl + ", secret=******]";
		}

	}

	private static URI url(String value) {
		String url = value.strip();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		return URI.create(url);
	}

	/** The deployment the settings name. */
	static Deployment deployment(ConnectionSettings s) {
		return switch (s.value(DEPLOYMENT, "cloud").strip().toLowerCase(Locale.ROOT)) {
			case "cloud" -> Deployment.CLOUD;
			case "oauth", "3lo" -> Deployment.OAUTH;
			case "forge" -> Deployment.FORGE;
			case "datacenter", "data-center", "dc", "server" -> Deployment.DATA_CENTER;
			default -> throw new PlatformRejectedException("Deployment must be cloud, oauth, forge or datacenter", 400);
		};
	}

	String apiVersion() {
		return this.deployment.apiVersion;
	}

	/** Jira Cloud, directly or through Forge: v3, accountIds, enhanced search. */
	boolean cloud() {
		return this.deployment != Deployment.DATA_CENTER;
	}

	boolean forge() {
		return this.deployment == Deployment.FORGE;
	}

	/** Jira Cloud through the admin's OAuth 2.0 (3LO) app: calls go to the API gateway with the grant's token. */
	boolean usesOAuth() {
		return this.deployment == Deployment.OAUTH;
	}

	/**
	 * The Authorization header for an API token or PAT: basic e-mail + API token on Cloud, bearer PAT on Data Center.
	 * Forge installations authenticate with the token of Forge's latest call instead (see JiraConnection).
	 */
	String authorization() {
		if (this.deployment == Deployment.CLOUD) {
			return "Basic " + java.util.Base64.getEncoder()
				.encodeToString((this.email + ":" + this.token.reveal()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return "Bearer " + this.token.reveal();
	}

	@Override
	public String toString() {
		return "JiraSettings[" + this.installationId + ", " + this.deployment + ", " + this.baseUrl + ", project=" + this.projectKey + ", token=******]";
	}

}

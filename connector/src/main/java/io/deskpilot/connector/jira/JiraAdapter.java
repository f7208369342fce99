package io.deskpilot.connector.jira;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.deskpilot.connector.platform.AppCredentials;
import io.deskpilot.connector.platform.AppEvents;
import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.OAuthConsent;
import io.deskpilot.connector.platform.OAuthGrants;
import io.deskpilot.connector.platform.PlatformAdapter;
import io.deskpilot.connector.platform.PlatformCapabilities;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.platform.SetupStep;
import io.deskpilot.connector.system.OutboundPolicy;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects Deskpilot to Jira Service Management: Cloud with an API token, Cloud through the Deskpilot Forge app, or
 * Data Center with a personal access token.
 */
@Component
class JiraAdapter implements PlatformAdapter {

	private final RestClient.Builder restClients;

	private final JsonMapper json;

	private final Clock clock;

	private final AppCredentials credentials;

	private final ForgeInvocations forge;

	private final JiraOAuth oauth;

	/** Every client (sites, OAuth servers, Forge's API and keys) sends through the outbound policy. */
	JiraAdapter(RestClient.Builder restClients, OutboundPolicy outbound, JsonMapper json, Clock clock,
			AppCredentials credentials, ForgeProperties forge, OAuthGrants grants) {
		this.restClients = outbound.guarded(restClients.clone());
		this.oauth = new JiraOAuth(grants, restClients, outbound, clock);
		this.json = json;
		this.clock = clock;
		this.credentials = credentials;
		this.forge = new ForgeInvocations(forge, this.restClients, json, clock);
	}

	@Override
	public Optional<AppEvents> appEvents() {
		return Optional.of(this.forge);
	}

	@Override
	public Optional<OAuthConsent> oauthConsent() {
		return Optional.of(this.oauth);
	}

	@Override
	public String type() {
		return PlatformTypes.JIRA;
	}

	@Override
	public String label() {
		return "Jira Service Management (Cloud or Data Center)";
	}

	@Override
	public List<ConfigField> configFields() {
		return JiraSettings.fields();
	}

	@Override
	public PlatformCapabilities capabilities() {
		return JiraConnection.CAPABILITIES;
	}

	@Override
	public List<String> validate(Map<String, String> values) {
		List<String> problems = new ArrayList<>(PlatformAdapter.super.validate(values));
		String deployment = values.getOrDefault(JiraSettings.DEPLOYMENT, "cloud").strip();
		if (!"forge".equals(deployment) && !"oauth".equals(deployment)
				&& values.getOrDefault(JiraSettings.TOKEN, "").isBlank()) {
			problems.add("API token or personal access token is required (only forge and oauth installations have none)");
		}
		if (problems.isEmpty()) {
			try {
				Map<String, io.deskpilot.connector.platform.Secret> secrets = Map.of(JiraSettings.TOKEN,
						io.deskpilot.connector.platform.Secret.of(values.getOrDefault(JiraSettings.TOKEN, "")),
						JiraSettings.CLIENT_SECRET,
						io.deskpilot.connector.platform.Secret.of(values.getOrDefault(JiraSettings.CLIENT_SECRET, "")));
				JiraSettings.from(new ConnectionSettings("validate", values, secrets, io.deskpilot.connector.platform.Secret.of("x")));
			}
			catch (PlatformRejectedException | IllegalArgumentException ex) {
				problems.add(ex.getMessage());
			}
		}
		return problems;
	}

	@Override
	public List<SetupStep> setup(Map<String, String> settings, String webhookUrl) {
		return JiraSetup.steps(settings, webhookUrl, "<Deskpilot's public URL>" + io.deskpilot.connector.system.PublicUrl.OAUTH_CALLBACK);
	}

	@Override
	public List<SetupStep> setup(Map<String, String> settings, String webhookUrl, String oauthRedirectUrl) {
		return JiraSetup.steps(settings, webhookUrl, oauthRedirectUrl);
	}

	@Override
	public PlatformConnection connect(ConnectionSettings settings) {
		return new JiraConnection(JiraSettings.from(settings), settings.webhookSecret(), this.credentials, this.oauth,
				this.restClients, this.json, this.clock);
	}

}

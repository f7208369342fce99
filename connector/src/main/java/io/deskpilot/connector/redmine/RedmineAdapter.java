package io.deskpilot.connector.redmine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformAdapter;
import io.deskpilot.connector.platform.PlatformCapabilities;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.SetupStep;
import io.deskpilot.connector.system.OutboundPolicy;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Connects Deskpilot to a Redmine project through its REST API. */
@Component
class RedmineAdapter implements PlatformAdapter {

	private final RestClient.Builder restClients;

	private final JsonMapper json;

	private final Clock clock;

	/** Redmine's clients, sending through the outbound policy. */
	RedmineAdapter(RestClient.Builder restClients, OutboundPolicy outbound, JsonMapper json, Clock clock) {
		this.restClients = outbound.guarded(restClients.clone());
		this.json = json;
		this.clock = clock;
	}

	@Override
	public String type() {
		return PlatformTypes.REDMINE;
	}

	@Override
	public String label() {
		return "Redmine";
	}

	@Override
	public List<ConfigField> configFields() {
		return RedmineSettings.fields();
	}

	@Override
	public PlatformCapabilities capabilities() {
		return RedmineConnection.CAPABILITIES;
	}

	@Override
	public List<String> validate(Map<String, String> values) {
		List<String> problems = new ArrayList<>(PlatformAdapter.super.validate(values));
		if (problems.isEmpty()) {
			try {
				RedmineSettings.from(new ConnectionSettings("validate", values,
						Map.of(RedmineSettings.API_KEY, Secret.of(values.getOrDefault(RedmineSettings.API_KEY, ""))), Secret.of("x")));
			}
			catch (PlatformRejectedException | IllegalArgumentException ex) {
				problems.add(ex.getMessage());
			}
		}
		return problems;
	}

	@Override
	public List<SetupStep> setup(Map<String, String> settings, String webhookUrl) {
		return List.of(new SetupStep("Administration → Settings → API", Map.of("Enable REST web service", "checked"),
				List.of("Redmine sends no webhooks: Deskpilot polls the project for changes.")),
				new SetupStep("The bot account: My account → API access key → Show", Map.of("Then",
						"enter the key in Deskpilot's connection settings (field 'apiKey')"),
						List.of("Make the bot account a project member with a role that may view and add private notes, "
								+ "change the status and assign issues.")));
	}

	@Override
	public PlatformConnection connect(ConnectionSettings settings) {
		return new RedmineConnection(RedmineSettings.from(settings), this.restClients, this.json, this.clock);
	}

}

package io.deskpilot.connector.sandbox;

import java.util.List;

import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformAdapter;
import io.deskpilot.connector.platform.PlatformCapabilities;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformTypes;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Connects Deskpilot to the in-process sandbox desk. */
@Component
class SandboxAdapter implements PlatformAdapter {

	static final String WEBHOOK_URL = "webhookUrl";

	static final PlatformCapabilities CAPABILITIES = new PlatformCapabilities(true, true, true, true, true, true, true);

	private final SandboxDesk desk;

	private final SandboxWebhooks webhooks;

	private final JsonMapper json;

	SandboxAdapter(SandboxDesk desk, SandboxWebhooks webhooks, JsonMapper json) {
		this.desk = desk;
		this.webhooks = webhooks;
		this.json = json;
	}

	@Override
	public String type() {
		return PlatformTypes.SANDBOX;
	}

	@Override
	public String label() {
		return "Sandbox desk (built in)";
	}

	@Override
	public List<ConfigField> configFields() {
		return List.of(ConfigField.optional(WEBHOOK_URL, "Webhook URL", ConfigField.Type.TEXT,
				"Where the sandbox sends its webhooks; 'local' means this service's own endpoint.", SandboxWebhooks.LOCAL));
	}

	@Override
	public PlatformCapabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public PlatformConnection connect(ConnectionSettings settings) {
		this.webhooks.subscribe(settings.installationId(), settings.value(WEBHOOK_URL, SandboxWebhooks.LOCAL),
				settings.webhookSecret().reveal());
		return new SandboxConnection(this.desk, settings, this.json);
	}

}

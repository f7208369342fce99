package io.deskpilot.connector.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
				"Where the sandbox sends its webhooks; 'local' means this service's own endpoint.", SandboxWebhooks.LOCAL)
			.asDestination());
	}

	@Override
	public List<String> validate(Map<String, String> values) {
		List<String> problems = new ArrayList<>(PlatformAdapter.super.validate(values));
		String url = values.getOrDefault(WEBHOOK_URL, "").strip();
		if (!url.isEmpty() && !SandboxWebhooks.LOCAL.equals(url)) {
			try {
				URI uri = URI.create(url);
				if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
					problems.add("Webhook URL must be 'local' or an absolute http(s) URL");
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add("Webhook URL must be 'local' or an absolute http(s) URL");
			}
		}
		return problems;
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

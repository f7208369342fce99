package io.deskpilot.connector.rt;

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

/** Connects Deskpilot to a Request Tracker 5 queue through REST2. */
@Component
class RtAdapter implements PlatformAdapter {

	private final RestClient.Builder restClients;

	private final OutboundPolicy outbound;

	private final JsonMapper json;

	private final Clock clock;

	RtAdapter(RestClient.Builder restClients, OutboundPolicy outbound, JsonMapper json, Clock clock) {
		this.restClients = restClients;
		this.outbound = outbound;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public String type() {
		return PlatformTypes.RT;
	}

	@Override
	public String label() {
		return "Request Tracker";
	}

	@Override
	public List<ConfigField> configFields() {
		return RtSettings.fields();
	}

	@Override
	public PlatformCapabilities capabilities() {
		return RtConnection.CAPABILITIES;
	}

	@Override
	public List<String> validate(Map<String, String> values) {
		List<String> problems = new ArrayList<>(PlatformAdapter.super.validate(values));
		if (problems.isEmpty()) {
			try {
				RtSettings.from(new ConnectionSettings("validate", values,
						Map.of(RtSettings.TOKEN, Secret.of(values.getOrDefault(RtSettings.TOKEN, ""))), Secret.of("x")));
			}
			catch (PlatformRejectedException | IllegalArgumentException ex) {
				problems.add(ex.getMessage());
			}
		}
		return problems;
	}

	@Override
	public List<SetupStep> setup(Map<String, String> settings, String webhookUrl) {
		String queue = settings.getOrDefault(RtSettings.QUEUE, "<your queue>");
		return List.of(
				new SetupStep("The bot user: Admin → Users → Create (Let this user be granted rights: privileged)",
						Map.of("Then", "log in as the bot: Logged in as → Settings → Auth Tokens → Create, and enter the token "
								+ "in Deskpilot's connection settings (field 'token')"),
						List.of("Grant the bot on queue " + queue + ": SeeQueue, ShowTicket, ShowTicketComments, ReplyToTicket, "
								+ "CommentOnTicket, ModifyTicket, OwnTicket (Admin → Queues → " + queue + " → Group/User Rights).",
								"Agents are the members of the agent group (default: all privileged users) who may own tickets "
										+ "in the queue.")),
				new SetupStep("Choose the webhook secret and give it to Deskpilot",
						Map.of("Generate", "openssl rand -hex 32",
								"Give it to Deskpilot", "PUT /api/installations/<id>/webhook {\"secret\": \"<the secret>\"}"),
						List.of("Deskpilot never shows the secret again; if it is lost, set a new one here and in the scrip.")),
				new SetupStep("Optional, for answers within seconds: Admin → Scrips → Create",
						Map.of("Description", "Deskpilot", "Condition", "On Transaction", "Action", "User Defined", "Template",
								"Blank", "Stage", "TransactionCreate", "Applies to", queue, "Custom action preparation code",
								"return 1;", "Custom action commit code", RtWebhooks.scrip(webhookUrl, "<the webhook secret>")),
						List.of("Without the scrip Deskpilot still finds every change by polling RT's transactions; the scrip "
								+ "only makes it immediate. RT waits up to 3 s for Deskpilot while it saves a ticket, and "
								+ "saves the ticket even when Deskpilot cannot be reached.")));
	}

	@Override
	public PlatformConnection connect(ConnectionSettings settings) {
		return new RtConnection(RtSettings.from(settings), settings.webhookSecret(), this.restClients, this.outbound, this.json,
				this.clock);
	}

}

package io.deskpilot.connector.rt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.deskpilot.connector.platform.EventType;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.Signatures;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookHandler;
import io.deskpilot.connector.platform.WebhookRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Deskpilot's RT scrip ({@code rt/deskpilot-scrip.pl}) posts: {@code {"ticket", "transaction", "type", "field",
 * "queue", "created"}}, signed with {@code X-Deskpilot-Signature: sha256=<hex HMAC-SHA256(secret, body)>} and verified
 * before it is parsed. Events are named by transaction ({@code rt:txn:<id>}, {@code rt:created:<ticket>}) exactly as
 * the transaction feed names them, so a pushed event and the same one polled collapse to one inbox event.
 */
final class RtWebhooks implements WebhookHandler {

	static final String SIGNATURE = "X-Deskpilot-Signature";

	static final String SCRIP_RESOURCE = "rt/deskpilot-scrip.pl";

	private static final Set<String> CHANGES = Set.of("Status", "Take", "Untake", "Give", "Steal");

	private final String queue;

	private final Secret secret;

	private final JsonMapper json;

	RtWebhooks(String queue, Secret secret, JsonMapper json) {
		this.queue = queue;
		this.secret = secret;
		this.json = json;
	}

	@Override
	public void verify(WebhookDelivery delivery) {
		if (this.secret.isEmpty()) {
			throw new WebhookRejectedException("the installation has no webhook secret");
		}
		String signature = delivery.header(SIGNATURE);
		if (signature == null) {
			throw new WebhookRejectedException(SIGNATURE + " is missing: install Deskpilot's scrip (see the setup steps)");
		}
		if (!Signatures.matches(this.secret.reveal(), delivery.body(), signature)) {
			throw new WebhookRejectedException(SIGNATURE + " does not match the body");
		}
	}

	@Override
	public List<RequestEvent> parse(WebhookDelivery delivery) {
		JsonNode root;
		try {
			root = this.json.readTree(delivery.body());
		}
		catch (JacksonException ex) {
			throw new PlatformRejectedException("webhook body is not JSON", 400);
		}
		String ticket = root.path("ticket").asString("");
		String transaction = root.path("transaction").asString("");
		if (!ticket.matches("\\d{1,12}") || !transaction.matches("\\d{1,18}")) {
			throw new PlatformRejectedException("webhook body names no ticket and transaction", 400);
		}
		if (!this.queue.equalsIgnoreCase(root.path("queue").asString(""))) {
			return List.of();
		}
		Instant at;
		try {
			at = Instant.parse(root.path("created").asString(""));
		}
		catch (DateTimeParseException ex) {
			at = Instant.now();
		}
		return event(root.path("type").asString(""), root.path("field").asString(""), ticket, transaction, at).stream().toList();
	}

	/** The event an RT ticket transaction stands for, if Deskpilot reacts to it (shared with the transaction feed). */
	static Optional<RequestEvent> event(String type, String field, String ticket, String transaction, Instant at) {
		return switch (type) {
			case "Create" -> Optional.of(new RequestEvent(EventType.REQUEST_CREATED, ticket, "rt:created:" + ticket, at, null));
			case "Correspond", "Comment" ->
				Optional.of(new RequestEvent(EventType.COMMENT_ADDED, ticket, "rt:txn:" + transaction, at, transaction));
			case "Set" -> "Owner".equals(field)
					? Optional.of(new RequestEvent(EventType.REQUEST_UPDATED, ticket, "rt:txn:" + transaction, at, null))
					: Optional.empty();
			default -> CHANGES.contains(type)
					? Optional.of(new RequestEvent(EventType.REQUEST_UPDATED, ticket, "rt:txn:" + transaction, at, null))
					: Optional.empty();
		};
	}

	/** The scrip's code with this webhook URL in it; the secret stays a placeholder the admin replaces. */
	static String scrip(String webhookUrl, String secret) {
		try (InputStream in = RtWebhooks.class.getClassLoader().getResourceAsStream(SCRIP_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(SCRIP_RESOURCE + " is missing from the build");
			}
			String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return code.replace("__DESKPILOT_WEBHOOK_URL__", webhookUrl.replace("'", "\\'"))
				.replace("__DESKPILOT_WEBHOOK_SECRET__", secret.replace("'", "\\'"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

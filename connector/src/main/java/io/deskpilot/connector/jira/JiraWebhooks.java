package io.deskpilot.connector.jira;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;


import io.deskpilot.connector.platform.EventType;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.Signatures;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookHandler;
import io.deskpilot.connector.platform.WebhookRejectedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jira's inbound events, verified on the raw bytes before any parsing:
 * <ul>
 * <li>admin webhooks with a secret: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>};</li>
 * <li>Automation "Send web request" and Data Center webhooks (which cannot sign): the installation's webhook secret in
 * the {@code X-Deskpilot-Token} header or the {@code token} query parameter.</li>
 * </ul>
 * Dedupe keys name what happened ({@code jira:created:<issue id>}, {@code jira:comment:<comment id>}; an update by
 * the digest of its signed body) so retried or replayed deliveries, duplicate registrations and the polling fallback
 * all collapse to one inbox event.
 */
final class JiraWebhooks implements WebhookHandler {

	static final String SIGNATURE = "X-Hub-Signature";

	static final String TOKEN_HEADER = "X-Deskpilot-Token";

	static final String TOKEN_PARAM = "token";

	static final String IDENTIFIER = "X-Atlassian-Webhook-Identifier";

	private final String projectKey;

	private final Secret secret;

	private final JsonMapper json;

	JiraWebhooks(String projectKey, Secret secret, JsonMapper json) {
		this.projectKey = projectKey;
		this.secret = secret;
		this.json = json;
	}

	@Override
	public void verify(WebhookDelivery delivery) {
		if (this.secret.isEmpty()) {
			throw new WebhookRejectedException("the installation has no webhook secret");
		}
		String signature = delivery.header(SIGNATURE);
		if (signature != null) {
			if (!Signatures.matches(this.secret.reveal(), delivery.body(), signature)) {
				throw new WebhookRejectedException("X-Hub-Signature does not match the body");
			}
			return;
		}
		String token = delivery.header(TOKEN_HEADER);
		if (token == null) {
			token = delivery.query(TOKEN_PARAM);
		}
		if (token == null) {
			throw new WebhookRejectedException("neither X-Hub-Signature nor a Deskpilot token was sent");
		}
		if (!MessageDigest.isEqual(token.strip().getBytes(StandardCharsets.UTF_8),
				this.secret.reveal().getBytes(StandardCharsets.UTF_8))) {
			throw new WebhookRejectedException("the Deskpilot token does not match");
		}
	}

	@Override
	public List<RequestEvent> parse(WebhookDelivery delivery) {
		JsonNode root;
		try {
			root = this.json.readTree(delivery.body());
		}
		catch (JacksonException ex) {
			throw new io.deskpilot.connector.platform.PlatformRejectedException("webhook body is not JSON", 400);
		}
		String event = root.path("webhookEvent").asString("");
		JsonNode issue = root.path("issue");
		String project = issue.path("fields").path("project").path("key").asString(null);
		if (project != null && !project.equalsIgnoreCase(this.projectKey)) {
			return List.of();
		}
		String key = issue.path("key").asString(null);
		String issueId = issue.path("id").asString(null);
		JsonNode comment = root.path("comment");
		if (key == null && comment.has("self")) {
			// Server comment events carry no issue; the comment's URL names it
			key = issueFromCommentUrl(comment.path("self").asString(""));
			issueId = key;
		}
		if (key == null) {
			return List.of();
		}
		Instant at = root.has("timestamp") ? Instant.ofEpochMilli(root.path("timestamp").asLong()) : Instant.now();
		if ("comment_created".equals(event) || ("jira:issue_updated".equals(event) && comment.has("id"))) {
			String id = comment.path("id").asString();
			return List.of(new RequestEvent(EventType.COMMENT_ADDED, key, "jira:comment:" + id, at, id));
		}
		return switch (event) {
			case "jira:issue_created" -> List.of(new RequestEvent(EventType.REQUEST_CREATED, key, "jira:created:" + issueId, at, null));
			case "jira:issue_updated" -> List.of(new RequestEvent(EventType.REQUEST_UPDATED, key, updateKey(delivery, issueId, at),
					at, null));
			default -> List.of();
		};
	}

	/**
	 * The dedupe key of an update. A signed delivery is known by the digest of its signed body: the
	 * {@value #IDENTIFIER} header is not signed, so a captured delivery replayed under a new identifier is still a
	 * duplicate (Jira's own retries repeat the body, and its timestamp tells genuine updates apart). A delivery
	 * authenticated by the shared secret carries no signature to bind to: its identifier, else issue and timestamp.
	 */
	private static String updateKey(WebhookDelivery delivery, @Nullable String issueId, Instant at) {
		if (delivery.header(SIGNATURE) != null) {
			return "jira:updated:sha256:" + HexFormat.of().formatHex(sha256(delivery.body()));
		}
		String identifier = delivery.header(IDENTIFIER);
		return "jira:updated:" + (identifier != null ? identifier : issueId + ":" + at.toEpochMilli());
	}

	private static byte[] sha256(byte[] body) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(body);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String issueFromCommentUrl(String self) {
		int i = self.indexOf("/issue/");
		if (i < 0) {
			return null;
		}
		String rest = self.substring(i + 7);
		int slash = rest.indexOf('/');
		return slash < 0 ? rest : rest.substring(0, slash);
	}

}

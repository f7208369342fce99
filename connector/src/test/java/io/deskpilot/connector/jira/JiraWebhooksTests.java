package io.deskpilot.connector.jira;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.Signatures;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookRejectedException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JiraWebhooksTests {

	static final String SECRET = "a-secret-generated-in-jira-0123";

	final JiraWebhooks webhooks = new JiraWebhooks("HELP", Secret.of(SECRET), JsonMapper.builder().build());

	static final byte[] UPDATE = """
			{"webhookEvent":"jira:issue_updated","timestamp":1740819600000,
			 "issue":{"id":"10001","key":"HELP-1","fields":{"project":{"key":"HELP"}}},
			 "changelog":{"id":"20002","items":[{"field":"status","toString":"In Progress"}]}}"""
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void aCapturedSignedUpdate_replayedUnderANewIdentifier_isStillADuplicate() {
		String signature = Signatures.sha256Header(SECRET, UPDATE);
		List<RequestEvent> original = deliver(Map.of("X-Hub-Signature", signature, "X-Atlassian-Webhook-Identifier", "id-1"), UPDATE);
		List<RequestEvent> replayed = deliver(Map.of("X-Hub-Signature", signature, "X-Atlassian-Webhook-Identifier", "id-2"), UPDATE);
		List<RequestEvent> unnamed = deliver(Map.of("X-Hub-Signature", signature), UPDATE);

		assertThat(original).singleElement().satisfies(e -> assertThat(e.dedupeKey()).startsWith("jira:updated:sha256:"));
		assertThat(replayed).singleElement().extracting(RequestEvent::dedupeKey).isEqualTo(original.get(0).dedupeKey());
		assertThat(unnamed).singleElement().extracting(RequestEvent::dedupeKey).isEqualTo(original.get(0).dedupeKey());
	}

	@Test
	void anotherSignedUpdate_isANewEvent() {
		byte[] later = new String(UPDATE, StandardCharsets.UTF_8).replace("1740819600000", "1740819660000").getBytes(StandardCharsets.UTF_8);
		String first = deliver(Map.of("X-Hub-Signature", Signatures.sha256Header(SECRET, UPDATE)), UPDATE).get(0).dedupeKey();
		String second = deliver(Map.of("X-Hub-Signature", Signatures.sha256Header(SECRET, later)), later).get(0).dedupeKey();
		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void aChangedBody_underACapturedSignature_isRejected() {
		byte[] forged = new String(UPDATE, StandardCharsets.UTF_8).replace("HELP-1", "HELP-2").getBytes(StandardCharsets.UTF_8);
		WebhookDelivery delivery = new WebhookDelivery(Map.of("X-Hub-Signature", Signatures.sha256Header(SECRET, UPDATE)), Map.of(), forged);
		assertThatExceptionOfType(WebhookRejectedException.class).isThrownBy(() -> this.webhooks.verify(delivery));
	}

	private List<RequestEvent> deliver(Map<String, String> headers, byte[] body) {
		WebhookDelivery delivery = new WebhookDelivery(headers, Map.of(), body);
		this.webhooks.verify(delivery);
		return this.webhooks.parse(delivery);
	}

}

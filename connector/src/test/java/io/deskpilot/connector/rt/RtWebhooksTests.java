package io.deskpilot.connector.rt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.EventType;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.Signatures;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookRejectedException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtWebhooksTests {

	static final String SECRET = "s3cret-for-tests";

	final RtWebhooks hooks = new RtWebhooks("Helpdesk", Secret.of(SECRET), JsonMapper.builder().build());

	@Test
	void signedTransaction_becomesTheEventThePollerWouldReport() {
		WebhookDelivery d = signed("{\"ticket\":12,\"transaction\":345,\"type\":\"Correspond\",\"field\":null,"
				+ "\"queue\":\"Helpdesk\",\"created\":\"2026-11-22T12:01:13Z\"}");
		this.hooks.verify(d);

		assertThat(this.hooks.parse(d)).containsExactly(new RequestEvent(EventType.COMMENT_ADDED, "12", "rt:txn:345",
				Instant.parse("2026-11-22T12:01:13Z"), "345"));
	}

	@Test
	void unsignedForgedOrResignedBodies_areRejectedBeforeParsing() {
		String body = "{\"ticket\":12,\"transaction\":345,\"type\":\"Create\",\"queue\":\"Helpdesk\"}";
		assertThatThrownBy(() -> this.hooks.verify(new WebhookDelivery(Map.of(), Map.of(), bytes(body))))
			.isInstanceOf(WebhookRejectedException.class).hasMessageContaining("X-Deskpilot-Signature is missing");
		assertThatThrownBy(() -> this.hooks.verify(new WebhookDelivery(
				Map.of(RtWebhooks.SIGNATURE, Signatures.sha256Header("other secret", bytes(body))), Map.of(), bytes(body))))
			.isInstanceOf(WebhookRejectedException.class);
		WebhookDelivery tampered = new WebhookDelivery(Map.of(RtWebhooks.SIGNATURE, Signatures.sha256Header(SECRET, bytes(body))),
				Map.of(), bytes(body.replace("12", "13")));
		assertThatThrownBy(() -> this.hooks.verify(tampered)).isInstanceOf(WebhookRejectedException.class);
		assertThatThrownBy(() -> new RtWebhooks("Helpdesk", Secret.of(""), JsonMapper.builder().build()).verify(signed(body)))
			.isInstanceOf(WebhookRejectedException.class).hasMessageContaining("no webhook secret");
	}

	@Test
	void otherQueuesAndUninterestingTransactions_reportNothing_malformedBodiesAre400() {
		assertThat(this.hooks.parse(signed("{\"ticket\":1,\"transaction\":2,\"type\":\"Create\",\"queue\":\"Sales\"}"))).isEmpty();
		assertThat(this.hooks.parse(signed("{\"ticket\":1,\"transaction\":2,\"type\":\"AddWatcher\",\"queue\":\"Helpdesk\"}"))).isEmpty();
		assertThat(this.hooks.parse(signed("{\"ticket\":1,\"transaction\":2,\"type\":\"Set\",\"field\":\"Priority\",\"queue\":\"Helpdesk\"}")))
			.isEmpty();
		assertThatThrownBy(() -> this.hooks.parse(signed("not json"))).isInstanceOf(PlatformRejectedException.class);
		assertThatThrownBy(() -> this.hooks.parse(signed("{\"type\":\"Create\",\"queue\":\"Helpdesk\"}")))
			.isInstanceOf(PlatformRejectedException.class).hasMessageContaining("names no ticket");
	}

	@Test
	void transactions_mapToEvents() {
		Instant at = Instant.parse("2026-11-22T12:00:00Z");
		assertThat(RtWebhooks.event("Create", "", "7", "70", at)).contains(
				new RequestEvent(EventType.REQUEST_CREATED, "7", "rt:created:7", at, null));
		assertThat(RtWebhooks.event("Comment", "", "7", "71", at).map(RequestEvent::type)).contains(EventType.COMMENT_ADDED);
		assertThat(List.of("Status", "Take", "Give", "Steal", "Untake"))
			.allSatisfy(t -> assertThat(RtWebhooks.event(t, "", "7", "72", at).map(RequestEvent::type)).contains(EventType.REQUEST_UPDATED));
		assertThat(RtWebhooks.event("Set", "Owner", "7", "73", at).map(RequestEvent::dedupeKey)).contains("rt:txn:73");
		assertThat(RtWebhooks.event("EmailRecord", "", "7", "74", at)).isEmpty();
	}

	@Test
	void scrip_carriesTheUrlAndNeverAnUnescapedQuote() {
		String code = RtWebhooks.scrip("https://deskpilot.example.com/webhooks/acme", "<the webhook secret>");
		assertThat(code).contains("my $url = 'https://deskpilot.example.com/webhooks/acme';")
			.contains("my $secret = '<the webhook secret>';")
			.contains("X-Deskpilot-Signature")
			.doesNotContain("__DESKPILOT");
		assertThat(RtWebhooks.scrip("https://x/it's", "a'b")).contains("'https://x/it\\'s'").contains("'a\\'b'");
	}

	@Test
	void settings_refuseATokenOfTheWrongShapeAndNeverShowIt() {
		assertThatThrownBy(() -> RtSettings.from(settings("not-a-token")))
			.isInstanceOf(PlatformRejectedException.class).hasMessageContaining("1-<user id>-<32 hex digits>");
		RtSettings s = RtSettings.from(settings("1-14-c73020f9c0425946ea0192fecd931a2e"));
		assertThat(s.botUserId()).isEqualTo("14");
		assertThat(s.toString()).doesNotContain("c73020f9");
		assertThat(s.waitingStatus()).isEqualTo("stalled");
	}

	private static ConnectionSettings settings(String token) {
		return new ConnectionSettings("t", Map.of(RtSettings.BASE_URL, "https://rt.example.com", RtSettings.QUEUE, "Helpdesk"),
				Map.of(RtSettings.TOKEN, Secret.of(token)), Secret.of("x"));
	}

	private static WebhookDelivery signed(String body) {
		return new WebhookDelivery(Map.of(RtWebhooks.SIGNATURE, Signatures.sha256Header(SECRET, bytes(body))), Map.of(), bytes(body));
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}

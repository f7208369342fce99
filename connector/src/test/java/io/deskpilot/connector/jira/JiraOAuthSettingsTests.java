package io.deskpilot.connector.jira;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.OAuthGrants;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.platform.SetupStep;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** The {@code oauth} deployment's settings, consent page and setup steps. */
class JiraOAuthSettingsTests {

	private static Map<String, String> values() {
		Map<String, String> v = new HashMap<>();
		v.put(JiraSettings.DEPLOYMENT, "oauth");
		v.put(JiraSettings.BASE_URL, "https://acme.atlassian.net/");
		v.put(JiraSettings.PROJECT, "help");
		v.put(JiraSettings.CLIENT_ID, "client-123");
		return v;
	}

	private static ConnectionSettings settings(Map<String, String> values, String clientSecret) {
		return new ConnectionSettings("acme", values, Map.of(JiraSettings.CLIENT_SECRET, Secret.of(clientSecret)), Secret.of("w"));
	}

	@Test
	void oauthNeedsNoTokenButTheAppsClientIdAndSecret_andDefaultsToAtlassiansServers() {
		JiraSettings s = JiraSettings.from(settings(values(), "s3cret-value"));
		assertThat(s.usesOAuth()).isTrue();
		assertThat(s.cloud()).isTrue();
		assertThat(s.oauth().authUrl()).hasToString("https://auth.atlassian.com");
		assertThat(s.oauth().apiUrl()).hasToString("https://api.atlassian.com");
		assertThat(s.toString() + s.oauth()).doesNotContain("s3cret-value");

		assertThatThrownBy(() -> JiraSettings.from(settings(values(), ""))).isInstanceOf(PlatformRejectedException.class)
			.hasMessageContaining("client ID and secret");
		Map<String, String> noClient = values();
		noClient.remove(JiraSettings.CLIENT_ID);
		assertThatThrownBy(() -> JiraSettings.from(settings(noClient, "x"))).hasMessageContaining("client ID and secret");

		JiraAdapter adapter = new JiraAdapter(RestClient.builder(), io.deskpilot.connector.system.OutboundPolicy.allowing(),
				tools.jackson.databind.json.JsonMapper.builder().build(),
				Clock.systemUTC(), id -> java.util.Optional.empty(), new ForgeProperties(null, URI.create("https://forge.example/jwks.json"), java.time.Duration.ofHours(1),
				java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(60), false),
				mock(OAuthGrants.class));
		Map<String, String> form = values();
		form.put(JiraSettings.CLIENT_SECRET, "x");
		assertThat(adapter.validate(form)).isEmpty();
		form.put(JiraSettings.CLIENT_SECRET, "");
		assertThat(adapter.validate(form)).anyMatch(p -> p.contains("client ID and secret"));
	}

	@Test
	void theConsentPageAsksAtlassianForTheApiAudienceConsentAndOfflineAccess() {
		JiraOAuth oauth = new JiraOAuth(mock(OAuthGrants.class), RestClient.builder(),
				io.deskpilot.connector.system.OutboundPolicy.allowing(), Clock.systemUTC());
		URI page = oauth.authorizationUri(settings(values(), "x"), URI.create("https://deskpilot.example/oauth/callback"), "st-1");
		var query = UriComponentsBuilder.fromUri(page).build().getQueryParams();
		assertThat(page.toString()).startsWith("https://auth.atlassian.com/authorize?");
		assertThat(query.getFirst("audience")).isEqualTo("api.atlassian.com");
		assertThat(query.getFirst("prompt")).isEqualTo("consent");
		assertThat(query.getFirst("response_type")).isEqualTo("code");
		assertThat(query.getFirst("client_id")).isEqualTo("client-123");
		assertThat(query.getFirst("state")).isEqualTo("st-1");
		assertThat(java.net.URLDecoder.decode(query.getFirst("redirect_uri"), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("https://deskpilot.example/oauth/callback");
		assertThat(java.net.URLDecoder.decode(query.getFirst("scope"), java.nio.charset.StandardCharsets.UTF_8).split(" "))
			.containsExactlyInAnyOrderElementsOf(JiraOAuth.SCOPES);
		assertThat(page.toString()).doesNotContain("client_secret");
	}

	@Test
	void setupStepsGiveTheCallbackUrlToRegister_thenConsent_thenTheSignedWebhook() {
		List<SetupStep> steps = JiraSetup.steps(values(), "https://deskpilot.example/webhooks/acme",
				"https://deskpilot.example/oauth/callback");
		assertThat(steps.get(0).fields()).containsValue("https://deskpilot.example/oauth/callback");
		assertThat(steps.get(1).title()).contains("Connect with Atlassian");
		assertThat(steps).anyMatch(s -> s.fields().containsValue("https://deskpilot.example/webhooks/acme"));
	}

}

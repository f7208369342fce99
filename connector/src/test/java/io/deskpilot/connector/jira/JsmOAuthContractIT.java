package io.deskpilot.connector.jira;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.deskpilot.connector.installation.OAuthConsents;
import io.deskpilot.connector.jsmsim.SimulatedAuthServer;
import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.OAuthGrants;
import io.deskpilot.connector.platform.PlatformConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jira Cloud through the admin's OAuth 2.0 (3LO) app: the admin consents once (admin API → Atlassian's consent page →
 * {@code /oauth/callback}), Deskpilot finds the site's cloud id and calls the API gateway; access tokens last seconds
 * here, so the shared contract runs across many rotations of the refresh token, and no retired refresh token is ever
 * presented again. Every gateway call is validated against Atlassian's OpenAPI documents like the other deployments.
 */
@TestPropertySource(properties = "deskpilot.admin.token=oauth-admin-token")
class JsmOAuthContractIT extends JsmContractTestBase {

	private static final String ID = "jsm-oauth";

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	OAuthGrants grants;

	@Autowired
	OAuthConsents consents;

	@Override
	String installationId() {
		return ID;
	}

	@Override
	String deployment() {
		return "oauth";
	}

	@BeforeEach
	void consented() throws Exception {
		this.sim.oauth().accessTokenLifetime(Duration.ofSeconds(3));
		this.sim.oauth().denyConsent(false);
		if (this.grants.find(ID).filter(g -> g.problem() == null).isEmpty()) {
			HttpResponse<String> back = consent();
			assertThat(back.statusCode()).isEqualTo(302);
			assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/admin/connections/" + ID);
		}
	}

	@AfterEach
	void noRefreshTokenWasSpentTwice() {
		assertThat(this.sim.oauth().stats().get("refreshTokenReuses")).isZero();
	}

	@Test
	void consentFindsTheSiteAmongThoseTheGrantReaches_andKeepsTokensOutOfTheApi() throws Exception {
		OAuthGrants.Grant grant = this.grants.find(ID).orElseThrow();
		assertThat(grant.resourceId()).isEqualTo(SimulatedAuthServer.CLOUD_ID);
		assertThat(grant.apiBaseUrl().toString()).endsWith("/jsm-sim/ex/jira/" + SimulatedAuthServer.CLOUD_ID);
		assertThat(grant.scopes()).contains("offline_access", "write:servicedesk-request");

		HttpResponse<String> status = admin("GET", "/api/installations/" + ID + "/oauth");
		assertThat(status.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(status.body());
		assertThat(body.path("connected").asBoolean()).isTrue();
		assertThat(body.path("cloudId").asString()).isEqualTo(SimulatedAuthServer.CLOUD_ID);
		assertThat(status.body()).doesNotContain(grant.accessToken().reveal()).doesNotContain(grant.refreshToken().reveal());
		assertThat(grant.toString()).doesNotContain(grant.accessToken().reveal()).doesNotContain(grant.refreshToken().reveal());

		ConnectionCheck check = connection().test();
		assertThat(check.ok()).as(check.message()).isTrue();
	}

	@Test
	void tokensRotateAsTheyExpire_andEveryCallerSharesOneRefresh() throws Exception {
		Thread.sleep(3_100); // the access token has expired
		long before = this.sim.oauth().stats().get("refreshes");
		// two connections to the same installation stand for two replicas: each has its own memory, both the database
		PlatformConnection replicaA = connection();
		PlatformConnection replicaB = this.installations.adapter("jira").connect(this.installations.settings(ID));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<ConnectionCheck>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				PlatformConnection c = i % 2 == 0 ? replicaA : replicaB;
				calls.add(c::test);
			}
			for (Future<ConnectionCheck> f : pool.invokeAll(calls)) {
				assertThat(f.get().ok()).as(f.get().message()).isTrue();
			}
		}
		finally {
			pool.shutdown();
			replicaB.close();
		}
		assertThat(this.sim.oauth().stats().get("refreshes") - before).isEqualTo(1);
		OAuthGrants.Grant after = this.grants.find(ID).orElseThrow();
		assertThat(after.refreshedAt()).isAfter(after.grantedAt());
	}

	@Test
	void aRevokedGrantAsksForConsentAgain_andConsentRestoresIt() throws Exception {
		this.sim.oauth().revokeAll();
		Thread.sleep(3_100);
		ConnectionCheck refused = connection().test();
		assertThat(refused.ok()).isFalse();
		assertThat(refused.message()).contains("Connect with Atlassian");
		JsonNode status = this.json.readTree(admin("GET", "/api/installations/" + ID + "/oauth").body());
		assertThat(status.path("connected").asBoolean()).isFalse();
		assertThat(status.path("problem").asString()).contains("invalid_grant");

		assertThat(consent().statusCode()).isEqualTo(302);
		ConnectionCheck check = connection().test();
		assertThat(check.ok()).as(check.message()).isTrue();
	}

	@Test
	void forgedOrDeniedCallbacksChangeNothing() throws Exception {
		OAuthGrants.Grant before = this.grants.find(ID).orElseThrow();
		HttpResponse<String> forged = get(URI.create(base() + "/oauth/callback?code=anything&state=forged-state"));
		assertThat(forged.statusCode()).isEqualTo(400);
		assertThat(forged.body()).contains("Unknown or expired consent");

		this.sim.oauth().denyConsent(true);
		HttpResponse<String> denied = consent();
		assertThat(denied.statusCode()).isEqualTo(400);
		assertThat(denied.body()).contains("did not grant access").contains("access_denied");

		HttpResponse<String> missing = get(URI.create(base() + "/oauth/callback"));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(this.grants.find(ID).orElseThrow().resourceId()).isEqualTo(before.resourceId());
		assertThat(this.grants.find(ID).orElseThrow().grantedAt()).isEqualTo(before.grantedAt());

		HttpResponse<String> unknown = admin("POST", "/api/installations/nope/oauth");
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	@Test
	void changingTheSiteDropsTheGrant_savingTheSameSettingsKeepsIt() throws Exception {
		java.util.Map<String, String> values = new java.util.HashMap<>(this.installations.require(ID).config());
		values.put(JiraSettings.CLIENT_SECRET, io.deskpilot.connector.installation.Installations.MASK);
		this.installations.update(ID, "JSM contract", values, true);
		assertThat(this.grants.find(ID)).as("same site, same app").isPresent();

		String site = values.get(JiraSettings.BASE_URL);
		values.put(JiraSettings.BASE_URL, "https://elsewhere.atlassian.net");
		// another site with the stored app secret: refused, the secret is re-entered for it
		assertThatThrownBy(() -> this.installations.update(ID, "JSM contract", values, true))
			.isInstanceOf(io.deskpilot.connector.installation.InvalidInstallationException.class)
			.hasMessageContaining("re-enter the token for the new host");
		assertThat(this.grants.find(ID)).as("nothing changed").isPresent();
		values.put(JiraSettings.CLIENT_SECRET, "deskpilot-sim-secret");
		this.installations.update(ID, "JSM contract", values, true);
		assertThat(this.grants.find(ID)).as("a grant for another site must not be used").isEmpty();
		assertThat(connection().test().message()).contains("Connect with Atlassian");

		values.put(JiraSettings.BASE_URL, site);
		this.installations.update(ID, "JSM contract", values, true);
		assertThat(consent().statusCode()).isEqualTo(302);
		ConnectionCheck check = connection().test();
		assertThat(check.ok()).as(check.message()).isTrue();
	}

	/** The admin's round trip: start through the admin API, Atlassian's page, back to Deskpilot's callback. */
	private HttpResponse<String> consent() throws Exception {
		HttpResponse<String> begun = admin("POST", "/api/installations/" + ID + "/oauth");
		assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
		URI page = URI.create(this.json.readTree(begun.body()).path("authorizationUrl").asString());
		assertThat(page.getQuery()).contains("audience=api.atlassian.com").contains("prompt=consent")
			.contains("offline_access").contains("response_type=code");
		HttpResponse<String> atlassian = get(page);
		assertThat(atlassian.statusCode()).isEqualTo(302);
		return get(URI.create(atlassian.headers().firstValue("Location").orElseThrow()));
	}

	private HttpResponse<String> admin(String method, String path) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", "Bearer oauth-admin-token")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}

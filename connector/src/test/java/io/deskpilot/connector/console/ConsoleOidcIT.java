package io.deskpilot.connector.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deskpilot.connector.testing.Browsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC sign-in to the console, in Debian's Chromium, against a small OpenID provider the test runs (discovery, an
 * authorization endpoint that signs the user in at once, a token endpoint issuing RS256 ID tokens, JWKS): an admin
 * listed in {@code deskpilot.console.oidc-admins} gets in; a verified user who is not listed, or one whose e-mail is
 * not verified, is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.sandbox.enabled=false", "deskpilot.console.oidc-admins=ops.lead@acme.example",
				"spring.security.oauth2.client.registration.oidc.client-id=deskpilot-console",
				"spring.security.oauth2.client.registration.oidc.client-secret=console-secret",
				"spring.security.oauth2.client.registration.oidc.scope=openid,email",
				"spring.security.oauth2.client.registration.oidc.redirect-uri={baseUrl}/admin/login/oauth2/code/{registrationId}" })
class ConsoleOidcIT {

	static final RSAKey KEY = key();

	static final AtomicReference<String> email = new AtomicReference<>("ops.lead@acme.example");

	static final AtomicReference<Boolean> verified = new AtomicReference<>(true);

	static final Map<String, String> nonces = new ConcurrentHashMap<>();

	static final HttpServer idp = start();

	@TempDir
	static Path dataDir;

	@TempDir
	static Path profile;

	static WebDriver browser;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
		registry.add("spring.security.oauth2.client.provider.oidc.issuer-uri", ConsoleOidcIT::issuer);
	}

	@Value("${local.server.port}")
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = Browsers.chromium(profile);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		idp.stop(0);
	}

	@Test
	void listedAdmin_signsIn_othersAreRefused() {
		String base = "http://127.0.0.1:" + this.port;

		email.set("someone.else@acme.example");
		signInWithProvider(base);
		assertThat(browser.getCurrentUrl()).contains("/admin/login?error");
		browser.manage().deleteAllCookies();

		email.set("ops.lead@acme.example");
		verified.set(false);
		signInWithProvider(base);
		assertThat(browser.getCurrentUrl()).as("an unverified e-mail is not enough").contains("/admin/login?error");
		browser.manage().deleteAllCookies();

		verified.set(true);
		signInWithProvider(base);
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/admin/connections"));
		assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Connections");
		assertThat(browser.findElement(By.cssSelector(".who")).getText()).isEqualTo("ops.lead@acme.example");
	}

	private static void signInWithProvider(String base) {
		browser.get(base + "/admin/login");
		browser.findElement(By.id("oidc")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(base + "/admin/"));
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/oauth2/"));
	}

	// --- the OpenID provider

	static String issuer() {
		return "http://127.0.0.1:" + idp.getAddress().getPort();
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/.well-known/openid-configuration", x -> json(x, """
					{"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
					 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
					 "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","email"],
					 "token_endpoint_auth_methods_supported":["client_secret_basic"]}""".formatted(issuer())));
			server.createContext("/jwks", x -> json(x, new JWKSet(KEY.toPublicJWK()).toString(true)));
			server.createContext("/authorize", x -> {
				Map<String, String> q = query(x.getRequestURI().getRawQuery());
				String code = UUID.randomUUID().toString();
				nonces.put(code, q.getOrDefault("nonce", ""));
				String location = q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
				x.getResponseHeaders().set("Location", location);
				x.sendResponseHeaders(302, -1);
				x.close();
			});
			server.createContext("/token", x -> {
				Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				String nonce = nonces.remove(form.get("code"));
				if (nonce == null) {
					json(x, 400, "{\"error\":\"invalid_grant\"}");
					return;
				}
				Instant now = Instant.now();
				JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("user-" + email.get().hashCode())
					.audience("deskpilot-console").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
					.claim("nonce", nonce).claim("email", email.get()).claim("email_verified", verified.get()).build();
				SignedJWT id = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
				try {
					id.sign(new RSASSASigner(KEY));
				}
				catch (JOSEException ex) {
					throw new IOException(ex);
				}
				json(x, 200, "{\"access_token\":\"" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
						+ "\"scope\":\"openid email\",\"id_token\":\"" + id.serialize() + "\"}");
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void json(HttpExchange x, String body) throws IOException {
		json(x, 200, body);
	}

	private static void json(HttpExchange x, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		x.getResponseHeaders().set("Content-Type", "application/json");
		x.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = x.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> out = new HashMap<>();
		if (raw == null) {
			return out;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return out;
	}

	private static RSAKey key() {
		try {
			return new RSAKeyGenerator(2048).keyID("idp-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

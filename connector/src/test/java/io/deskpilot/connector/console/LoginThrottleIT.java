package io.deskpilot.connector.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deskpilot.connector.testing.WebClients;
import io.deskpilot.connector.workflow.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing at the console's sign-in form: a burst of wrong passwords locks the account (the right password
 * is then refused too, from any address), many accounts tried from one address lock that address; each lock is in
 * the audit log and a metric. New passwords need 15 characters and must not be common. Client addresses come from
 * {@code X-Forwarded-For}, as a trusted proxy (here: loopback) reports them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.console.initial-password=" + WebClients.CONSOLE_PASSWORD, "deskpilot.sandbox.enabled=false",
				"deskpilot.workflow.enabled=false", "deskpilot.knowledge.dense=false", "deskpilot.intake.poll-interval=1h" })
class LoginThrottleIT {

	static final String ON_CALL_PASSWORD = "quiet harbour lights at dawn";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	AdminAccounts accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	MeterRegistry meters;

	@Test
	void thirtyWrongPasswordsInARow_lockTheAccount_andTheRightOneIsRefusedToo() throws Exception {
		this.accounts.save("ops-on-call", ON_CALL_PASSWORD);
		for (int i = 0; i < 30; i++) {
			assertThat(signIn("ops-on-call", "guess number " + i, "203.0.113.7")).isNotEqualTo("/admin/connections");
		}
		assertThat(signIn("ops-on-call", ON_CALL_PASSWORD, "203.0.113.7")).isEqualTo("/admin/login?locked");
		assertThat(signIn("ops-on-call", ON_CALL_PASSWORD, "198.51.100.23")).as("the account, from anywhere")
			.isEqualTo("/admin/login?locked");

		assertThat(this.audit.search(AuditLog.SYSTEM, "account 'ops-on-call' locked", "console.sign-in.locked", 10))
			.isNotEmpty()
			.allSatisfy(e -> assertThat(e.detail()).contains("203.0.113.7").doesNotContain("guess"));
		assertThat(this.meters.counter("deskpilot.console.sign-in.lockouts", "scope", "account").count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.counter("deskpilot.console.sign-in.failures", "reason", "locked").count()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void manyAccountsTriedFromOneAddress_lockThatAddress() throws Exception {
		for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
			assertThat(signIn("user" + i, "no idea at all " + i, "192.0.2.44")).isEqualTo("/admin/login?error");
		}
		assertThat(signIn("admin", WebClients.CONSOLE_PASSWORD, "192.0.2.44")).isEqualTo("/admin/login?locked");
		assertThat(signIn("admin", WebClients.CONSOLE_PASSWORD, "192.0.2.45")).as("another address")
			.isEqualTo("/admin/connections");
		assertThat(this.audit.search(AuditLog.SYSTEM, "address 192.0.2.44 locked", "console.sign-in.locked", 10)).isNotEmpty();
		assertThat(this.meters.counter("deskpilot.console.sign-in.lockouts", "scope", "address").count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void newPasswords_needFifteenCharacters_andMayNotBeCommon() {
		this.accounts.save("auditor", "a passphrase long enough");
		for (String weak : new String[] { "twelve chars", "abcdefgh1234", "Password1234567", "passwordpassword", "123456789012345",
				"sunshineprincess", "qwertyuiopasdfgh" }) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.as(weak)
				.isThrownBy(() -> this.accounts.save("auditor", weak));
		}
		assertThat(this.accounts.exists("auditor")).isTrue();
	}

	/** Signs in through the form, from a client address the trusted proxy reports; where the service sends the browser. */
	private String signIn(String user, String password, String clientAddress) throws IOException, InterruptedException {
		String base = "http://127.0.0.1:" + this.port;
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String page = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/login")).header("X-Forwarded-For", clientAddress)
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(page);
		assertThat(csrf.find()).as("the form's CSRF field").isTrue();
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Forwarded-For", clientAddress)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
		return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
	}

}

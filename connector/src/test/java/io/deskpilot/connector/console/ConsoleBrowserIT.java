package io.deskpilot.connector.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.testing.Await;
import io.deskpilot.connector.testing.Browsers;
import io.deskpilot.connector.testing.WebClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in a real browser: Debian's Chromium, driven through Debian's chromedriver (no browser is
 * downloaded). One admin's session, step by step: sign in (a wrong password is refused), add a Jira Data Center
 * connection from the adapter's form (an incomplete form is refused with every problem and saves nothing), test it,
 * read the exact webhook settings, import 1,500 resolved tickets with a live progress bar, try a request in the
 * playground, find the bot's resolution in the activity log and undo it, sign out. Every form field is labelled and
 * reachable by keyboard; a change without the CSRF token is refused. Screenshots go to {@code target/screenshots/}.
 * Skipped with the reason when Chromium or chromedriver is missing, unless {@code DESKPILOT_BROWSER_REQUIRED=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.jsm-simulator.enabled=true", "deskpilot.jsm-simulator.token=console-sim-token",
				"deskpilot.console.initial-password=" + ConsoleBrowserIT.PASSWORD, "deskpilot.admin.token=console-admin-token",
				"deskpilot.intake.poll-interval=1h" })
class ConsoleBrowserIT {

	static final String PASSWORD = "correct horse battery staple";

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@TempDir
	static Path dataDir;

	@TempDir
	static Path profile;

	static WebDriver browser;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Value("${local.server.port}")
	int port;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = Browsers.chromium(profile);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void anAdminConnectsADesk_importsItsHistory_triesTheBot_andUndoesAResolution() {
		String base = "http://127.0.0.1:" + this.port;

		// 1. the console is behind a login; a wrong password is refused
		browser.get(base + "/admin");
		assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
		assertFieldsLabelled();
		signIn("admin", "not the password");
		waitFor(By.cssSelector(".error"), "Wrong user name or password");
		shot("01-login-refused");
		signIn("admin", PASSWORD);
		waitFor(By.cssSelector("h1"), "Connections");
		assertThat(text(By.cssSelector("table.list"))).contains("sandbox");
		shot("02-connections");

		// 2. add a Jira Data Center connection from the adapter's declared fields
		new Select(browser.findElement(By.id("platform"))).selectByValue("jira");
		browser.findElement(By.cssSelector("form.inline button")).click();
		waitFor(By.cssSelector("h1"), "New");
		assertFieldsLabelled();
		assertTabReaches("id", "name", "field-deployment", "field-baseUrl", "field-email", "field-token", "field-projectKey");
		type("id", "acme-dc");
		type("name", "Acme DC");
		new Select(browser.findElement(By.id("field-deployment"))).selectByValue("datacenter");
		type("field-baseUrl", base + "/jsm-sim");
		type("field-projectKey", "HELP");
		browser.findElement(By.cssSelector("form.fields button[type=submit]")).click();
		waitFor(By.cssSelector(".problems"), "Nothing was saved");
		assertThat(text(By.cssSelector(".problems"))).contains("token");
		shot("03-connection-refused");
		type("field-token", "console-sim-token");
		browser.findElement(By.cssSelector("form.fields button[type=submit]")).click();
		waitFor(By.cssSelector(".notice"), "Connection acme-dc added");
		assertThat(browser.findElement(By.id("field-token")).getAttribute("value")).as("secret masked").doesNotContain("console-sim-token");
		browser.findElement(By.xpath("//button[text()='Test connection']")).click();
		waitFor(By.cssSelector("#check"), "Connected");
		shot("04-connection-tested");

		// 3. the exact webhook settings for Data Center
		browser.get(base + "/admin/connections/acme-dc/setup");
		assertThat(text(By.cssSelector("main"))).contains(base + "/webhooks/acme-dc?token=<the webhook secret>")
			.contains("project = HELP").contains("Personal Access Tokens");
		shot("05-setup");

		// 4. import 1,500 resolved tickets with a live progress bar
		RestClient.create(base).post().uri("/jsm-sim/_sim/seed?resolved=1500").retrieve().toBodilessEntity();
		browser.get(base + "/admin/connections/acme-dc/knowledge");
		browser.findElement(By.id("start-import")).click();
		waitFor(By.cssSelector("#progress"), "Import");
		assertThat(browser.findElements(By.cssSelector("#progress progress"))).hasSize(1);
		new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> !text(By.cssSelector("#progress")).contains(" 0 of ") && !text(By.cssSelector("#progress")).startsWith("0 of"));
		shot("06-import-progress");
		// about a minute on an idle 2-core machine; a CI machine may be busier
		new WebDriverWait(browser, Duration.ofSeconds(300)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> text(By.cssSelector("#progress")).contains("Import done"));
		assertThat(text(By.cssSelector("#progress"))).contains("1500 of 1500 tickets").contains("per second");
		shot("07-import-done");

		// 5. the playground: decision, evidence with marked words, the reply as posted
		browser.get(base + "/admin/playground");
		assertFieldsLabelled();
		new Select(browser.findElement(By.id("installation"))).selectByValue("sandbox");
		type("summary", "VPN won't connect since the update");
		type("description", "Since this morning's update the VPN client just says connecting.");
		browser.findElement(By.cssSelector("#trial button[type=submit]")).click();
		waitFor(By.cssSelector("#result .decision"), "ANSWER");
		assertThat(text(By.cssSelector("#result"))).contains("Public reply to the customer").contains("vpn.example.com")
			.contains("SBX-1");
		assertThat(browser.findElements(By.cssSelector("#result table.evidence mark"))).isNotEmpty();
		shot("08-playground");

		// 6. the activity log: a request the bot resolved, undone by the admin
		RestClient sandbox = WebClients.visitor(this.port); // one customer of the sandbox page
		String key = sandbox.post().uri("/sandbox/api/requests").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("summary", "I can't connect to the VPN since the update", "description",
					"Since the update this morning the VPN won't connect.", "email", "sam.lee@customer.example", "name", "Sam Lee"))
			.retrieve().body(JsonNode.class).path("key").asString();
		Await.until(() -> status(sandbox, key).equals("Waiting for customer"), Duration.ofSeconds(10), "answer on " + key);
		sandbox.post().uri("/sandbox/api/requests/{key}/comments", key).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "That worked, thank you!")).retrieve().toBodilessEntity();
		Await.until(() -> status(sandbox, key).equals("Resolved"), Duration.ofSeconds(10), "resolution of " + key);
		Await.until(() -> {
			browser.get(base + "/admin/activity?installation=sandbox&q=" + key);
			return !browser.findElements(By.xpath("//button[text()='Undo resolution']")).isEmpty();
		}, Duration.ofSeconds(10), "the undo button for " + key);
		assertThat(text(By.cssSelector("table.activity"))).contains("decision.answer").contains("customer.confirmed");
		assertThat(browser.findElement(By.linkText(key)).getAttribute("href")).contains(key);
		shot("09-activity");
		browser.findElement(By.xpath("//button[text()='Undo resolution']")).click();
		waitFor(By.cssSelector(".notice"), "is being undone");
		Await.until(() -> !status(sandbox, key).equals("Resolved"), Duration.ofSeconds(10), "reopening of " + key);
		Await.until(() -> !sandbox.get().uri("/sandbox/api/requests/{key}", key).retrieve().body(JsonNode.class)
			.path("assignee").isNull(), Duration.ofSeconds(10), "an agent on " + key);
		browser.get(base + "/admin/activity?installation=sandbox&q=" + key);
		assertThat(text(By.cssSelector("table.activity"))).contains("admin.undo-resolution");
		shot("10-undone");

		// 7. the policy: an inconsistent change is refused whole; thresholds, a rule and a template are saved
		browser.get(base + "/admin/connections/sandbox/policy");
		assertFieldsLabelled();
		type("answerThreshold", "50");
		type("suggestThreshold", "70");
		browser.findElement(By.cssSelector("#policy button[type=submit]")).click();
		waitFor(By.cssSelector(".problems"), "above the answer threshold");
		assertThat(text(By.cssSelector(".problems"))).contains("suggestThreshold");
		browser.get(base + "/admin/connections/sandbox/policy");
		type("answerThreshold", "65");
		type("suggestThreshold", "30");
		browser.findElement(By.cssSelector("#policy button[type=submit]")).click();
		waitFor(By.cssSelector(".notice"), "Policy saved");
		assertThat(browser.findElement(By.id("answerThreshold")).getAttribute("value")).isEqualTo("65");
		new Select(browser.findElement(By.id("rule-kind"))).selectByValue("TOPIC");
		type("rule-value", "password reset");
		browser.findElement(By.cssSelector("#add-rule button")).click();
		waitFor(By.cssSelector(".notice"), "Rule added");
		assertThat(text(By.cssSelector("table.rules"))).contains("password reset");
		WebElement ack = browser.findElement(By.id("template-acknowledgement"));
		ack.clear();
		ack.sendKeys("{greeting}\n\nGot it: you are number {position} in the queue; expect us {eta}.");
		browser.findElement(By.cssSelector("#templates button[type=submit]")).click();
		waitFor(By.cssSelector(".notice"), "1 changed");
		shot("11-policy");

		// 8. agents, metrics and the backtest curve
		browser.get(base + "/admin/connections/sandbox/agents");
		assertFieldsLabelled();
		WebElement capacity = browser.findElement(By.id("agent-alice-capacity"));
		capacity.clear();
		capacity.sendKeys("7");
		browser.findElement(By.cssSelector("#agent-alice button")).click();
		waitFor(By.cssSelector(".notice"), "Agent alice saved");
		assertThat(browser.findElement(By.id("agent-alice-capacity")).getAttribute("value")).isEqualTo("7");
		shot("12-agents");
		browser.get(base + "/admin/connections/sandbox/metrics");
		assertThat(Integer.parseInt(text(By.cssSelector("td.received")))).isGreaterThanOrEqualTo(1);
		assertThat(text(By.cssSelector(".definition"))).startsWith("Deflection:");
		assertThat(browser.findElements(By.cssSelector("svg.chart rect.bar"))).isNotEmpty();
		shot("13-metrics");
		browser.get(base + "/admin/connections/sandbox/backtest");
		browser.findElement(By.cssSelector("#backtest button")).click();
		new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.cssSelector("#result table.curve")).isEmpty());
		assertThat(text(By.cssSelector("#result .summary"))).contains("tickets replayed");
		assertThat(browser.findElements(By.cssSelector("#result table.curve tbody tr"))).hasSize(19);
		assertThat(text(By.cssSelector("#result table.curve"))).contains("65% (now)");
		assertThat(browser.findElements(By.cssSelector("#result svg polyline"))).hasSize(2);
		shot("14-backtest");

		// 9. a second account: too short a password is refused, then added and listed (the hash is never shown)
		browser.get(base + "/admin/accounts");
		assertFieldsLabelled();
		type("new-username", "bea");
		type("new-password", "short");
		type("new-confirm", "short");
		((JavascriptExecutor) browser).executeScript("document.getElementById('account').noValidate = true");
		browser.findElement(By.cssSelector("#account button")).click();
		waitFor(By.cssSelector(".error"), "at least 15 characters");
		type("new-username", "bea");
		type("new-password", "another long passphrase");
		type("new-confirm", "another long passphrase");
		browser.findElement(By.cssSelector("#account button")).click();
		waitFor(By.cssSelector(".notice"), "Account bea added");
		assertThat(text(By.cssSelector("table.accounts"))).contains("bea").doesNotContain("bcrypt}");
		shot("15-accounts");

		// 10. a change without the CSRF token is refused, even with the admin's session
		String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
		int status = RestClient.create(base).post().uri("/admin/activity/undo")
			.header("Cookie", "JSESSIONID=" + session)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("installation=sandbox&request=" + key)
			.retrieve().onStatus(s -> true, (req, res) -> { }).toBodilessEntity().getStatusCode().value();
		assertThat(status).isEqualTo(403);

		// 11. sign out
		browser.findElement(By.cssSelector("form.logout button")).click();
		waitFor(By.cssSelector(".notice"), "signed out");
		browser.get(base + "/admin/connections");
		assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
		signIn("bea", "another long passphrase");
		waitFor(By.cssSelector("h1"), "Connections");
	}

	// --- helpers

	private static void signIn(String user, String password) {
		type("username", user);
		type("password", password);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
	}

	private static void type(String id, String value) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private static String text(By by) {
		return browser.findElement(by).getText();
	}

	private static void waitFor(By by, String text) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
			List<WebElement> found = d.findElements(by);
			return !found.isEmpty() && found.get(0).getText().contains(text);
		});
	}

	/** Every visible form control has an id and a label pointing at it. */
	private static void assertFieldsLabelled() {
		@SuppressWarnings("unchecked")
		List<String> unlabelled = (List<String>) ((JavascriptExecutor) browser).executeScript("""
				return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
				  .filter(e => !e.id || !document.querySelector('label[for="' + e.id + '"]'))
				  .map(e => e.outerHTML);""");
		assertThat(unlabelled).as("form controls without a label on " + browser.getCurrentUrl()).isEmpty();
	}

	/** Tabbing from the first field reaches the given fields, in that order. */
	private static void assertTabReaches(String... ids) {
		browser.findElement(By.id(ids[0])).click();
		List<String> visited = new ArrayList<>();
		for (int i = 0; i < ids.length * 2 && visited.size() < 40; i++) {
			visited.add(String.valueOf(((JavascriptExecutor) browser).executeScript("return document.activeElement.id")));
			browser.switchTo().activeElement().sendKeys(Keys.TAB);
		}
		int at = -1;
		for (String id : ids) {
			int next = visited.indexOf(id);
			assertThat(next).as("Tab reaches " + id + " after the fields before it (visited " + visited + ")").isGreaterThan(at);
			at = next;
		}
	}

	private static String status(RestClient sandbox, String key) {
		return sandbox.get().uri("/sandbox/api/requests/{key}", key).retrieve().body(JsonNode.class).path("status").asString();
	}

	private static void shot(String name) {
		try {
			File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
			Files.copy(png.toPath(), SCREENSHOTS.resolve("console-" + name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}

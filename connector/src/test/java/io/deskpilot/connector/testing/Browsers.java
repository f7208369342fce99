package io.deskpilot.connector.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, driven through Debian's chromedriver: no test tool downloads a browser. Headless, on loopback,
 * with the background networking the closed network refuses turned off. Without them the calling test is skipped
 * with the reason, unless {@code DESKPILOT_BROWSER_REQUIRED=true} (as in CI).
 */
public final class Browsers {

	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private Browsers() {
	}

	public static WebDriver chromium(Path profile) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_BROWSER_REQUIRED"))) {
				throw new IllegalStateException("DESKPILOT_BROWSER_REQUIRED is set but " + CHROMIUM + " or " + CHROMEDRIVER
						+ " is missing (Debian packages chromium and chromium-driver)");
			}
			Assumptions.abort("Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1100", "--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ZERO);
		return driver;
	}

}

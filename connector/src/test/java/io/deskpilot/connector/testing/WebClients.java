package io.deskpilot.connector.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** HTTP clients as the service's users are: a customer of the sandbox page, someone signed in to the console. */
public final class WebClients {

	/** A password for the console's first account ({@code deskpilot.console.initial-password}) that passes the rules. */
	public static final String CONSOLE_PASSWORD = "plenty of bright yellow kayaks";

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern CSRF_HEADER = Pattern.compile("<meta name=\"csrf-header\" content=\"([^\"]+)\"");

	private static final Pattern CSRF_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

	private WebClients() {
	}

	/** A browser-like client that keeps its cookies (the sandbox's visitor cookie): one customer. */
	public static RestClient visitor(int port) {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.requestFactory(new JdkClientHttpRequestFactory(cookieKeeping()))
			.build();
	}

	/**
	 * Signs in to the console with the form, as a browser does, and returns a client with the session cookie that
	 * sends the session's CSRF token with every call (the sandbox's agent side needs both).
	 */
	public static RestClient console(int port, String user, String password) {
		String base = "http://127.0.0.1:" + port;
		HttpClient http = cookieKeeping();
		try {
			String loginPage = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/login")).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString()).body();
			String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf="
					+ encode(find(CSRF_FIELD, loginPage, "the sign-in form's CSRF field"));
			HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			String location = signIn.headers().firstValue("Location").orElse("");
			if (signIn.statusCode() != 302 || location.contains("?error") || location.contains("?locked")) {
				throw new AssertionError("signing in as " + user + " failed: " + signIn.statusCode() + " " + location);
			}
			String page = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/accounts")).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString()).body();
			return RestClient.builder()
				.baseUrl(base)
				.requestFactory(new JdkClientHttpRequestFactory(http))
				.defaultHeader(find(CSRF_HEADER, page, "the CSRF header name"), find(CSRF_TOKEN, page, "the CSRF token"))
				.build();
		}
		catch (IOException ex) {
			throw new AssertionError("cannot sign in to the console at " + base, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static HttpClient cookieKeeping() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private static String find(Pattern pattern, String html, String what) {
		Matcher m = pattern.matcher(html);
		if (!m.find()) {
			throw new AssertionError("no " + what + " in " + html);
		}
		return m.group(1);
	}

	private static String encode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}

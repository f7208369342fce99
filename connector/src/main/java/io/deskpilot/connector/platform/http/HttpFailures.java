package io.deskpilot.connector.platform.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.deskpilot.connector.platform.Excerpt;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One desk's classification of HTTP failures: 408, 425, 429, 5xx and 409 (a conflicting update) are transient, with
 * the desk's {@code Retry-After} when it sent one; everything else is a refusal with the desk's own message. 401 and
 * 403 name what the admin should check.
 *
 * @param desk the desk's name in messages, e.g. {@code RT}
 * @param credentialsHint what to do when the desk refuses the credentials, e.g. where to create a new token
 */
public record HttpFailures(String desk, String credentialsHint, JsonMapper json, Clock clock) {

	private static final int MESSAGE_BYTES = 16 * 1024;

	/** For {@code RestClient.Builder.defaultStatusHandler(HttpStatusCode::isError, failures.handler())}. */
	public RestClient.ResponseSpec.ErrorHandler handler() {
		return (request, response) -> {
			throw classify(request, response);
		};
	}

	/** The error response as a transient or a rejected exception. */
	public RuntimeException classify(HttpRequest request, ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		String message = message(response);
		String what = request.getMethod() + " " + request.getURI().getPath() + " → " + status
				+ (message.isEmpty() ? "" : ": " + message);
		if (isTransient(status)) {
			return new TransientPlatformException(this.desk + " answered " + what,
					status == 409 ? Duration.ofSeconds(1) : retryAfter(response.getHeaders(), this.clock.instant()));
		}
		if (status == 401) {
			return new PlatformRejectedException(this.desk + " refused the credentials (" + what + "): " + this.credentialsHint, 401);
		}
		if (status == 403) {
			return new PlatformRejectedException(this.desk + " refused the bot account (" + what + ")", 403);
		}
		return new PlatformRejectedException(this.desk + " refused " + what, status);
	}

	/** A call that never got an answer: transient. */
	public TransientPlatformException unreachable(ResourceAccessException ex) {
		return new TransientPlatformException(this.desk + " unreachable: " + ex.getMostSpecificCause().getMessage(), null, ex);
	}

	/** Whether an HTTP status means "try again later". */
	public static boolean isTransient(int status) {
		return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
	}

	/** The desk's own words: JSON error fields (Jira, Redmine and the like), else the start of the body. */
	private String message(ClientHttpResponse response) {
		byte[] body;
		try {
			body = response.getBody().readNBytes(MESSAGE_BYTES);
		}
		catch (IOException ex) {
			return "";
		}
		if (body.length == 0) {
			return "";
		}
		try {
			JsonNode n = this.json.readTree(body);
			List<String> parts = new ArrayList<>();
			n.path("errorMessages").forEach(m -> parts.add(m.asString()));
			JsonNode errors = n.path("errors");
			if (errors.isArray()) {
				errors.forEach(m -> parts.add(m.isString() ? m.asString() : m.toString()));
			}
			else {
				errors.properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asString()));
			}
			for (String field : List.of("errorMessage", "message", "error", "description")) {
				if (n.path(field).isString()) {
					parts.add(n.get(field).asString());
				}
			}
			return parts.isEmpty() ? Excerpt.of(n.toString()) : Excerpt.oneLine(String.join("; ", parts), Excerpt.MAX);
		}
		catch (RuntimeException ex) {
			// never a page or an arbitrary body: a wrong URL must not turn a connection test into a way to read it
			return Excerpt.of(new String(body, StandardCharsets.UTF_8));
		}
	}

	/** {@code Retry-After} in seconds or as an HTTP date (at most an hour); null when absent or unreadable. */
	public static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
		String v = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(v.strip());
			return Duration.ofSeconds(Math.clamp(seconds, 0, 3600));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration d = Duration.between(now, at);
				return d.isNegative() ? Duration.ZERO : d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d;
			}
			catch (DateTimeParseException ex2) {
				return null;
			}
		}
	}

}

package io.deskpilot.connector.platform.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class HttpFailuresTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private final HttpFailures failures = new HttpFailures("RT", "create a new auth token", JsonMapper.builder().build(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@ParameterizedTest
	@ValueSource(ints = { 408, 409, 425, 429, 500, 502, 503, 504 })
	void busyOrFailingDesks_areTransient(int status) throws Exception {
		assertThat(classify(status, new HttpHeaders(), "")).isInstanceOf(TransientPlatformException.class)
			.hasMessageStartingWith("RT answered GET /REST/2.0/ticket/7 → " + status);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 404, 405, 410, 413, 422 })
	void refusals_areRejectedWithTheirStatus(int status) throws Exception {
		RuntimeException ex = classify(status, new HttpHeaders(), "");
		assertThat(ex).isInstanceOf(PlatformRejectedException.class);
		assertThat(((PlatformRejectedException) ex).status()).isEqualTo(status);
	}

	@Test
	void retryAfter_inSeconds_isTheTransientFailuresWait() throws Exception {
		HttpHeaders h = new HttpHeaders();
		h.set(HttpHeaders.RETRY_AFTER, "7");
		assertThat(((TransientPlatformException) classify(429, h, "")).retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(((TransientPlatformException) classify(503, h, "")).retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void retryAfter_asAnHttpDate_isTheTimeUntilThen() {
		HttpHeaders h = new HttpHeaders();
		h.set(HttpHeaders.RETRY_AFTER, "Sat, 05 Dec 2026 12:01:30 GMT");
		assertThat(HttpFailures.retryAfter(h, NOW)).isEqualTo(Duration.ofSeconds(90));
		h.set(HttpHeaders.RETRY_AFTER, "Sat, 05 Dec 2026 11:00:00 GMT");
		assertThat(HttpFailures.retryAfter(h, NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfter_missingUnreadableOrHuge() {
		HttpHeaders h = new HttpHeaders();
		assertThat(HttpFailures.retryAfter(h, NOW)).isNull();
		h.set(HttpHeaders.RETRY_AFTER, "soon");
		assertThat(HttpFailures.retryAfter(h, NOW)).isNull();
		h.set(HttpHeaders.RETRY_AFTER, "86400");
		assertThat(HttpFailures.retryAfter(h, NOW)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void aConflict_isRetriedAfterASecond() throws Exception {
		assertThat(((TransientPlatformException) classify(409, new HttpHeaders(), "")).retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void refusedCredentials_sayWhatToDo() throws Exception {
		assertThat(classify(401, new HttpHeaders(), "")).hasMessageContaining("RT refused the credentials")
			.hasMessageEndingWith("create a new auth token");
		assertThat(classify(403, new HttpHeaders(), "{\"message\":\"Forbidden\"}")).hasMessageContaining("RT refused the bot account")
			.hasMessageContaining("Forbidden");
	}

	@Test
	void theDesksOwnWords_fromItsJsonErrors() throws Exception {
		// Jira: errorMessages and an errors object; Redmine: an errors array
		assertThat(classify(400, new HttpHeaders(), "{\"errorMessages\":[\"Issue does not exist\"],\"errors\":{\"summary\":\"required\"}}"))
			.hasMessageContaining("Issue does not exist; summary: required");
		assertThat(classify(422, new HttpHeaders(), "{\"errors\":[\"Status is invalid\",\"Assignee is invalid\"]}"))
			.hasMessageContaining("Status is invalid; Assignee is invalid");
	}

	@Test
	void aPageOrAnArbitraryBody_isNeverEchoed() throws Exception {
		assertThat(classify(404, new HttpHeaders(), "<html>" + "secret ".repeat(1000) + "</html>").getMessage())
			.endsWith("(an HTML page, not shown)").doesNotContain("secret");
		assertThat(classify(400, new HttpHeaders(), "{\"AccessKeyId\":\"ASIA-LEAKED\"}").getMessage()).doesNotContain("ASIA-LEAKED");
		assertThat(classify(500, new HttpHeaders(), "first line\nsecond line").getMessage()).endsWith("first line");
	}

	private RuntimeException classify(int status, HttpHeaders headers, String body) throws Exception {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://rt.example/REST/2.0/ticket/7"));
		return this.failures.classify(request, response(status, headers, body));
	}

	static ClientHttpResponse response(int status, HttpHeaders headers, String body) {
		return new ClientHttpResponse() {

			@Override
			public HttpStatusCode getStatusCode() {
				return HttpStatusCode.valueOf(status);
			}

			@Override
			public String getStatusText() {
				return "";
			}

			@Override
			public void close() {
			}

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

}

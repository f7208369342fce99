package io.deskpilot.connector.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeskCallsTests {

	private final MutableClock clock = new MutableClock();

	/** Every wait, instead of sleeping; the clock moves by it. */
	private final List<Duration> waits = new ArrayList<>();

	private final DeskCalls calls = new DeskCalls(new HttpFailures("Redmine", "check the API key", JsonMapper.builder().build(),
			this.clock), 2, DeskCalls.STANDARD, d -> {
				this.waits.add(d);
				this.clock.now = this.clock.now.plus(d);
			});

	@Test
	void aRead_isRetriedAfterTheDesksRetryAfter() {
		AtomicInteger attempts = new AtomicInteger();

		String result = this.calls.read(() -> {
			if (attempts.incrementAndGet() < 3) {
				throw new TransientPlatformException("429", Duration.ofSeconds(5));
			}
			return "ok";
		});

		assertThat(result).isEqualTo("ok");
		assertThat(this.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
	}

	@Test
	void withoutRetryAfter_readsBackOffExponentially() {
		assertThatThrownBy(() -> this.calls.read(() -> {
			throw new TransientPlatformException("503", null);
		})).isInstanceOf(TransientPlatformException.class);

		assertThat(this.waits).hasSize(DeskCalls.MAX_ATTEMPTS - 1);
		for (int i = 0; i < this.waits.size(); i++) {
			long ceiling = Math.min(8000, 250L << (i + 1));
			assertThat(this.waits.get(i).toMillis()).isBetween(ceiling / 2, ceiling);
		}
	}

	@Test
	void aWaitLongerThanTheRetryBudget_goesBackToTheCaller() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> this.calls.read(() -> {
			attempts.incrementAndGet();
			throw new TransientPlatformException("429", Duration.ofSeconds(120));
		})).isInstanceOf(TransientPlatformException.class)
			.satisfies(ex -> assertThat(((TransientPlatformException) ex).retryAfter()).isEqualTo(Duration.ofSeconds(120)));
		assertThat(attempts).hasValue(1);
		assertThat(this.waits).isEmpty();
	}

	@Test
	void aWrite_isNeverRepeatedBlindly() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> this.calls.write(() -> {
			attempts.incrementAndGet();
			throw new TransientPlatformException("502", Duration.ofSeconds(1));
		})).isInstanceOf(TransientPlatformException.class);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aRefusal_isNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> this.calls.read(() -> {
			attempts.incrementAndGet();
			throw new PlatformRejectedException("404", 404);
		})).isInstanceOf(PlatformRejectedException.class);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void anUnreachableDesk_isTransientAndNamed() {
		assertThatThrownBy(() -> this.calls.write(() -> {
			throw new ResourceAccessException("I/O error", new java.net.ConnectException("Connection refused"));
		})).isInstanceOf(TransientPlatformException.class).hasMessage("Redmine unreachable: Connection refused");
	}

	@Test
	void backgroundWork_waitsOutARateLimitInteractiveCallsDoNot() throws Exception {
		HttpHeaders h = new HttpHeaders();
		h.set(HttpHeaders.RETRY_AFTER, "20");
		this.calls.observe(HttpFailuresTests.response(429, h, ""));

		assertThat(this.calls.read(() -> "reply")).isEqualTo("reply");
		assertThat(this.waits).isEmpty();

		assertThat(this.calls.background(() -> "import page")).isEqualTo("import page");
		assertThat(this.waits.stream().reduce(Duration.ZERO, Duration::plus)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(21));
	}

	@Test
	void aNearLimitSignal_pausesBackgroundWorkBriefly() throws Exception {
		DeskCalls jira = new DeskCalls(new HttpFailures("Jira", "", JsonMapper.builder().build(), this.clock), 2,
				new DeskCalls.RateLimitSignals() {
					@Override
					public boolean nearLimit(HttpHeaders headers) {
						return headers.containsHeader("X-Near");
					}
				}, d -> {
					this.waits.add(d);
					this.clock.now = this.clock.now.plus(d);
				});
		HttpHeaders h = new HttpHeaders();
		h.set("X-Near", "true");
		jira.observe(HttpFailuresTests.response(200, h, ""));

		jira.background(() -> "page");

		assertThat(this.waits.stream().reduce(Duration.ZERO, Duration::plus)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
	}

	static final class MutableClock extends Clock {

		Instant now = Instant.parse("2026-12-05T12:00:00Z");

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}

package io.deskpilot.connector.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BodyLimitsTests {

	@Test
	void limits_followTheDecodedPath() {
		assertThat(BodyLimits.limitFor("/webhooks/acme")).isEqualTo(1 << 20);
		assertThat(BodyLimits.limitFor("/apps/jira/events")).isEqualTo(1 << 20);
		assertThat(BodyLimits.limitFor("/api/installations")).isEqualTo(256 << 10);
		assertThat(BodyLimits.limitFor("/admin/connections/acme/policy")).isEqualTo(256 << 10);
		assertThat(BodyLimits.limitFor("/sandbox/api/requests")).isEqualTo(64 << 10);
		assertThat(BodyLimits.limitFor("/anything/else")).isEqualTo(16 << 10);
	}

	@Test
	void aDeclaredLengthOverTheLimit_isAnswered413_beforeAByteIsRead() throws Exception {
		Endless body = new Endless();
		HttpServletRequest request = request("/sandbox/api/requests", body, 100_000_000L);
		MockHttpServletResponse response = new MockHttpServletResponse();
		new BodyLimits(0).doFilter(request, response, (q, r) -> {
			throw new AssertionError("the chain must not run");
		});
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("larger than 65536 bytes");
		assertThat(body.served.get()).isZero();
	}

	@Test
	void anUnboundedChunkedBody_failsOneBytePastTheLimit() throws Exception {
		Endless body = new Endless();
		HttpServletRequest request = request("/webhooks/acme", body, -1);
		FilterChain readsAll = (q, r) -> q.getInputStream().readAllBytes();
		assertThatExceptionOfType(BodyTooLargeException.class)
			.isThrownBy(() -> new BodyLimits(0).doFilter(request, new MockHttpServletResponse(), readsAll));
		assertThat(body.served.get()).isEqualTo((1 << 20) + 1);
	}

	@Test
	void read_checksTheDeclaredLength_thenStopsOneBytePastTheLimit() throws Exception {
		Endless declared = new Endless();
		assertThatExceptionOfType(BodyTooLargeException.class)
			.isThrownBy(() -> BodyLimits.read(request("/webhooks/acme", declared, 2_000_000L), 1 << 20));
		assertThat(declared.served.get()).isZero();
		Endless chunked = new Endless();
		assertThatExceptionOfType(BodyTooLargeException.class)
			.isThrownBy(() -> BodyLimits.read(request("/webhooks/acme", chunked, -1), 1000));
		assertThat(chunked.served.get()).isEqualTo(1001);
	}

	@Test
	void bodiesWithinTheLimit_passUnchanged() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/installations");
		request.setServletPath("/api/installations");
		request.setContent("{\"id\":\"acme\"}".getBytes());
		String[] seen = new String[1];
		new BodyLimits(0).doFilter(request, new MockHttpServletResponse(), (q, r) -> seen[0] = new String(q.getInputStream().readAllBytes()));
		assertThat(seen[0]).isEqualTo("{\"id\":\"acme\"}");
	}

	@Test
	void whenTheBudgetIsTaken_furtherBodiesWaitThenGet503() throws Exception {
		BodyLimits limits = new BodyLimits(1 << 20);
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<?> first = pool.submit(() -> {
				limits.doFilter(request("/webhooks/acme", new Endless(), -1), new MockHttpServletResponse(), (q, r) -> {
					inside.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				return null;
			});
			assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
			MockHttpServletResponse second = new MockHttpServletResponse();
			limits.doFilter(request("/webhooks/other", new Endless(), -1), second, (q, r) -> {
				throw new AssertionError("no room: the chain must not run");
			});
			assertThat(second.getStatus()).isEqualTo(503);
			assertThat(second.getHeader("Retry-After")).isEqualTo("1");
			release.countDown();
			first.get(5, TimeUnit.SECONDS);
			MockHttpServletResponse third = new MockHttpServletResponse();
			limits.doFilter(request("/webhooks/other", new Endless(), 10), third, (q, r) -> {
			});
			assertThat(third.getStatus()).as("room again once the first is done").isEqualTo(200);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** A POST whose body never ends; {@code length} -1 for chunked. */
	private static HttpServletRequest request(String path, Endless body, long length) {
		MockHttpServletRequest mock = new MockHttpServletRequest("POST", path);
		mock.setServletPath(path);
		if (length < 0) {
			mock.addHeader("Transfer-Encoding", "chunked");
		}
		return new HttpServletRequestWrapper(mock) {

			@Override
			public long getContentLengthLong() {
				return length;
			}

			@Override
			public int getContentLength() {
				return (int) Math.min(Integer.MAX_VALUE, length);
			}

			@Override
			public ServletInputStream getInputStream() {
				return body;
			}

		};
	}

	/** Serves 'x' forever, counting what it served. */
	static final class Endless extends ServletInputStream {

		final AtomicLong served = new AtomicLong();

		@Override
		public int read() {
			this.served.incrementAndGet();
			return 'x';
		}

		@Override
		public int read(byte[] b, int off, int len) {
			java.util.Arrays.fill(b, off, off + len, (byte) 'x');
			this.served.addAndGet(len);
			return len;
		}

		@Override
		public boolean isFinished() {
			return false;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
		}

	}

}

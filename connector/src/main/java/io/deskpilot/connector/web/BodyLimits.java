package io.deskpilot.connector.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body, before anything reads it: a declared {@code Content-Length} over the path's limit is
 * answered 413 at once, and every body (chunked ones too) is read through a stream that fails with
 * {@link BodyTooLargeException} (answered 413) one byte past the limit. Limits, by the decoded path:
 * <table>
 * <caption>limits</caption>
 * <tr><td>{@code /webhooks/}, {@code /apps/} (desks, Forge), {@code /jsm-sim/}</td><td>1 MiB</td></tr>
 * <tr><td>{@code /api/}, {@code /admin/}</td><td>256 KiB</td></tr>
 * <tr><td>{@code /sandbox/api/}</td><td>64 KiB</td></tr>
 * <tr><td>anything else</td><td>16 KiB</td></tr>
 * </table>
 * On top, the bodies being received at one time share a budget ({@code deskpilot.http.body-budget}, default an
 * eighth of the heap, at least 4 MiB): a body reserves its declared length (a chunked one its limit) and waits up to
 * two seconds for room, else it is answered 503 with {@code Retry-After}. So parallel large bodies cannot exhaust the
 * heap, however many connections send them. Form posts are parsed by the servlet container, bounded by
 * {@code server.tomcat.max-http-form-post-size}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodyLimits extends OncePerRequestFilter {

	/** The limit of deliveries from desks and app runtimes. */
	public static final int WEBHOOK = 1 << 20;

	static final int API = 256 << 10;

	static final int SANDBOX = 64 << 10;

	static final int OTHER = 16 << 10;

	private record Limit(String prefix, int bytes) {
	}

	private static final List<Limit> LIMITS = List.of(new Limit("/webhooks/", WEBHOOK), new Limit("/apps/", WEBHOOK),
			new Limit("/jsm-sim/", WEBHOOK), new Limit("/api/", API), new Limit("/admin/", API),
			new Limit("/sandbox/api/", SANDBOX));

	private final Semaphore budget;

	private final int budgetKib;

	BodyLimits(@Value("${deskpilot.http.body-budget:0}") long budgetBytes) {
		long bytes = budgetBytes > 0 ? budgetBytes : Math.max(4L << 20, Runtime.getRuntime().maxMemory() / 8);
		this.budgetKib = (int) Math.min(Integer.MAX_VALUE, bytes >> 10);
		this.budget = new Semaphore(this.budgetKib, true);
	}

	/** The body limit of a path (decoded, as the application sees it). */
	static int limitFor(String path) {
		for (Limit limit : LIMITS) {
			if (path.startsWith(limit.prefix())) {
				return limit.bytes();
			}
		}
		return OTHER;
	}

	/**
	 * Reads a request's whole body, at most {@code max} bytes: the declared length is checked before the first byte
	 * is read, and reading stops one byte past the limit.
	 */
	public static byte[] read(HttpServletRequest request, int max) throws IOException {
		if (request.getContentLengthLong() > max) {
			throw new BodyTooLargeException(max);
		}
		byte[] body = request.getInputStream().readNBytes(max + 1);
		if (body.length > max) {
			throw new BodyTooLargeException(max);
		}
		return body;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		int limit = limitFor(path);
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			tooLarge(response, limit);
			return;
		}
		boolean body = declared > 0 || request.getHeader("Transfer-Encoding") != null;
		if (!body) {
			chain.doFilter(request, response);
			return;
		}
		int kib = (int) Math.min(this.budgetKib, Math.max(1, ((declared > 0 ? declared : limit) + 1023) >> 10));
		boolean reserved;
		try {
			reserved = this.budget.tryAcquire(kib, 2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			reserved = false;
		}
		if (!reserved) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", "1");
			problem(response, 503, "Service Unavailable", "too many request bodies are being received at once; retry shortly");
			return;
		}
		try {
			chain.doFilter(new Capped(request, limit), response);
		}
		finally {
			this.budget.release(kib);
		}
	}

	private static void tooLarge(HttpServletResponse response, int limit) throws IOException {
		// the body is not read; the container drains a little of it, then closes the connection
		response.setHeader("Connection", "close");
		problem(response, 413, "Content Too Large", "the request body is larger than " + limit + " bytes, the limit here");
	}

	static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter()
			.write("{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
	}

	/** The request with its body read through a capped stream. */
	private static final class Capped extends HttpServletRequestWrapper {

		private final int limit;

		private @Nullable CappedStream stream;

		private @Nullable BufferedReader reader;

		Capped(HttpServletRequest request, int limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.reader != null) {
				throw new IllegalStateException("getReader() was called already");
			}
			if (this.stream == null) {
				this.stream = new CappedStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				if (this.stream != null) {
					throw new IllegalStateException("getInputStream() was called already");
				}
				String encoding = getCharacterEncoding();
				Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
				this.reader = new BufferedReader(new InputStreamReader(new CappedStream(super.getInputStream(), this.limit), charset));
			}
			return this.reader;
		}

	}

	/** Fails one byte past the limit. */
	private static final class CappedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final int limit;

		private long read;

		CappedStream(ServletInputStream in, int limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0 && ++this.read > this.limit) {
				throw new BodyTooLargeException(this.limit);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			// never ask for more than one byte past the limit
			int n = this.in.read(b, off, (int) Math.min(len, this.limit - this.read + 1));
			if (n > 0) {
				this.read += n;
				if (this.read > this.limit) {
					throw new BodyTooLargeException(this.limit);
				}
			}
			return n;
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}

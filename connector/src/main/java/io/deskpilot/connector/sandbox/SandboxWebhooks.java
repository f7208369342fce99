package io.deskpilot.connector.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;


import io.deskpilot.connector.platform.OutboundRefusedException;
import io.deskpilot.connector.platform.Signatures;
import io.deskpilot.connector.system.OutboundPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sandbox desk's outgoing webhooks: every feed event is POSTed as JSON to each subscriber, signed with
 * {@code X-Sandbox-Signature: sha256=<hex HMAC-SHA256 of the body>}, with a few retries, like a real desk does.
 * A subscription with the URL {@code local} targets this service's own webhook endpoint.
 */
@Component
class SandboxWebhooks implements AutoCloseable {

	static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

	static final String DELIVERY_HEADER = "X-Sandbox-Delivery";

	static final String LOCAL = "local";

	private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);

	private static final int ATTEMPTS = 4;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(3))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final OutboundPolicy outbound;

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private volatile int localPort = 8080;

	SandboxWebhooks(JdbcClient jdbc, JsonMapper json, Clock clock, OutboundPolicy outbound) {
		this.outbound = outbound;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void onServerStarted(WebServerInitializedEvent event) {
		this.localPort = event.getWebServer().getPort();
	}

	/** Adds or replaces the subscription of an installation. */
	void subscribe(String id, String url, String secret) {
		int updated = this.jdbc.sql("update sandbox_webhook set url = ?, secret = ? where id = ?")
			.params(url, secret, id)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into sandbox_webhook (id, url, secret, created_at) values (?, ?, ?, ?)")
				.params(id, url, secret, SandboxDesk.ts(this.clock.instant()))
				.update();
		}
	}

	/** Removes a subscription. */
	void unsubscribe(String id) {
		this.jdbc.sql("delete from sandbox_webhook where id = ?").param(id).update();
	}

	/** Sends the event to every subscriber, asynchronously. */
	void publish(SandboxEvent event) {
		List<Subscription> subscriptions = this.jdbc.sql("select id, url, secret from sandbox_webhook")
			.query((rs, n) -> new Subscription(rs.getString("id"), rs.getString("url"), rs.getString("secret")))
			.list();
		if (subscriptions.isEmpty()) {
			return;
		}
		byte[] body = this.json.writeValueAsBytes(payload(event));
		for (Subscription s : subscriptions) {
			this.senders.execute(() -> deliver(s, event, body));
		}
	}

	private Map<String, Object> payload(SandboxEvent event) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("eventId", event.id());
		p.put("event", event.type());
		p.put("requestKey", event.ticketKey());
		p.put("commentId", event.commentId());
		p.put("timestamp", event.created().toString());
		return p;
	}

	private void deliver(Subscription s, SandboxEvent event, byte[] body) {
		String url = LOCAL.equals(s.url()) ? "http://127.0.0.1:" + this.localPort + "/webhooks/" + s.id() : s.url();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header(DELIVERY_HEADER, String.valueOf(event.id()))
			.header(SIGNATURE_HEADER, Signatures.sha256Header(s.secret(), body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				if (!LOCAL.equals(s.url())) {
					// a subscriber's URL goes through the outbound policy, checked right before each attempt
					this.outbound.check(request.uri());
				}
				HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() < 300) {
					return;
				}
				if (response.statusCode() < 500 && response.statusCode() != 429 && response.statusCode() != 408) {
					log.warn("Sandbox webhook {} to subscriber {} refused with {}", event.id(), s.id(), response.statusCode());
					return;
				}
			}
			catch (OutboundRefusedException ex) {
				log.warn("Sandbox webhook {} to subscriber {} not sent: {}", event.id(), s.id(), ex.getMessage());
				return;
			}
			catch (java.io.IOException ex) {
				log.debug("Sandbox webhook {} attempt {} failed: {}", event.id(), attempt, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				Thread.sleep(500L << (2 * (attempt - 1)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.warn("Sandbox webhook {} to subscriber {} not delivered after {} attempts", event.id(), s.id(), ATTEMPTS);
	}

	@Override
	public void close() {
		this.senders.shutdownNow();
	}

	private record Subscription(String id, String url, String secret) {

		@Override
		public String toString() {
			return "Subscription[id=" + this.id + ", url=" + this.url + "]";
		}

	}

}

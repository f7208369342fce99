package io.deskpilot.connector.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * An inbound webhook call exactly as it arrived: headers (case-insensitive), query parameters and the raw body bytes,
 * which are what signatures are computed over.
 */
public final class WebhookDelivery {

	private final Map<String, String> headers;

	private final Map<String, String> query;

	private final byte[] body;

	public WebhookDelivery(Map<String, String> headers, Map<String, String> query, byte[] body) {
		TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		h.putAll(headers);
		this.headers = h;
		this.query = Map.copyOf(query);
		this.body = Objects.requireNonNull(body, "body").clone();
	}

	/** The header's value, or null. */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** The query parameter's value, or null. */
	public @Nullable String query(String name) {
		return this.query.get(name);
	}

	/** The raw body. */
	public byte[] body() {
		return this.body.clone();
	}

	/** Header names, for diagnostics (values are not shown: they may hold secrets). */
	public List<String> headerNames() {
		return List.copyOf(this.headers.keySet());
	}

	@Override
	public String toString() {
		return "WebhookDelivery[headers=" + headerNames() + ", bytes=" + this.body.length + "]";
	}

}

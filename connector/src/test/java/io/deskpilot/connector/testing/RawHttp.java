package io.deskpilot.connector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, the request line sent exactly as given: no client normalises {@code //}, {@code /./},
 * {@code /../} or percent-encodings away, as an attacker's would not. One request per connection.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** A response: status, headers (lower-case names, all values), body as text. */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		/** The first value of a header, or null. */
		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return values == null || values.isEmpty() ? null : values.get(0);
		}

		/** Every value of a header. */
		public List<String> all(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		@Override
		public String toString() {
			return this.status + " " + this.headers + " " + (this.body.length() > 300 ? this.body.substring(0, 300) + "…" : this.body);
		}

	}

	/** Sends a request; {@code body} may be null. */
	public static Response send(int port, String method, String rawTarget, Map<String, String> headers, String body)
			throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			StringBuilder head = new StringBuilder(method + " " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nConnection: close\r\n");
			headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
			byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			if (body != null) {
				head.append("Content-Length: ").append(bytes.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(bytes);
			out.flush();
			return read(socket.getInputStream());
		}
	}

	private static Response read(InputStream in) throws IOException {
		String status = line(in);
		if (status == null) {
			throw new IOException("no response");
		}
		int code = Integer.parseInt(status.split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
				.add(line.substring(colon + 1).strip());
		}
		byte[] body;
		List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
		if (encoding.stream().anyMatch(e -> e.equalsIgnoreCase("chunked"))) {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			for (String size = line(in); size != null; size = line(in)) {
				int n = Integer.parseInt(size.split(";")[0].strip(), 16);
				if (n == 0) {
					break;
				}
				all.write(in.readNBytes(n));
				line(in);
			}
			body = all.toByteArray();
		}
		else if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
		}
		else {
			body = in.readAllBytes();
		}
		return new Response(code, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				break;
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
	}

}

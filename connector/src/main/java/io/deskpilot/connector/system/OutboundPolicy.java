package io.deskpilot.connector.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.deskpilot.connector.platform.OutboundRefusedException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Where Deskpilot may send calls (to desks, OAuth servers, webhook subscribers). A destination's host is resolved and
 * every address it resolves to must be allowed: public addresses are; the unspecified address ({@code 0.0.0.0},
 * {@code ::}) and multicast never are; loopback, link-local (cloud metadata at {@code 169.254.169.254}), this host's own
 * addresses, private ranges ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code 100.64/10}, {@code fc00::/7})
 * and reserved ranges only when {@value #ALLOW_PROPERTY} lists them (a CIDR, an address, a host name or
 * {@code *.domain}). IPv6 addresses that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by it; a host
 * written as an ambiguous number ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}) is refused outright.
 * <p>
 * {@link #guarded} puts the check in front of every call a {@link RestClient} makes and makes it follow no redirect (a
 * 3xx answer is refused, so a desk's credentials never reach a host they were not entered for). The check resolves the
 * host right before the HTTP client connects; both use the JVM's address cache, so a DNS answer that changes between
 * the two (rebinding) is only possible when that cache entry expires in between.
 */
public final class OutboundPolicy {

	/** The setting that lists allowed non-public destinations. */
	public static final String ALLOW_PROPERTY = "deskpilot.outbound.allow";

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern HOST_NAME = Pattern
		.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");

	/** A last label no DNS name has: a number, decimal, octal or hex (what inet_aton reads as an address). */
	private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)\\d+|0x[0-9a-f]*");

	private static final long OWN_ADDRESSES_TTL = Duration.ofMinutes(1).toNanos();

	private final List<Cidr> cidrs = new ArrayList<>();

	private final Set<String> hosts = new HashSet<>();

	private final List<String> domains = new ArrayList<>();

	private final List<String> allow;

	private final ClientHttpRequestFactory requestFactory;

	private final Guard guard = new Guard();

	private final Supplier<Collection<InetAddress>> ownAddressSource;

	private volatile OwnAddresses own = new OwnAddresses(Set.of(), 0, false);

	/**
	 * @param allow the allowed non-public destinations: CIDRs ({@code 10.0.0.0/8}, {@code fd00::/8}), addresses, host
	 * names, {@code *.domain}
	 * @param requestFactory how guarded clients send (it must follow no redirect)
	 * @throws IllegalArgumentException naming an entry that is none of these
	 */
	public OutboundPolicy(List<String> allow, ClientHttpRequestFactory requestFactory) {
		this(allow, requestFactory, OutboundPolicy::interfaceAddresses);
	}

	/** A policy for which {@code ownAddresses} are this service's own (tests). */
	OutboundPolicy(List<String> allow, ClientHttpRequestFactory requestFactory,
			Supplier<Collection<InetAddress>> ownAddresses) {
		this.allow = List.copyOf(allow);
		this.requestFactory = requestFactory;
		this.ownAddressSource = ownAddresses;
		parse(allow, this.cidrs, this.hosts, this.domains);
	}

	/**
	 * Checks the entries of {@value #ALLOW_PROPERTY}.
	 * @throws IllegalArgumentException naming the first that is not a CIDR, an address, a host name or {@code *.domain}
	 */
	public static void validate(List<String> allow) {
		parse(allow, new ArrayList<>(), new HashSet<>(), new ArrayList<>());
	}

	private static void parse(List<String> allow, List<Cidr> cidrs, Set<String> hosts, List<String> domains) {
		for (String raw : allow) {
			String entry = raw.strip().toLowerCase(Locale.ROOT);
			if (entry.isEmpty()) {
				continue;
			}
			Cidr cidr = Cidr.parse(entry);
			if (cidr != null) {
				cidrs.add(cidr);
			}
			else if (entry.startsWith("*.") && HOST_NAME.matcher(entry.substring(2)).matches()) {
				domains.add(trimDot(entry.substring(1)));
			}
			else if (HOST_NAME.matcher(entry).matches() && !numeric(entry)) {
				hosts.add(trimDot(entry));
			}
			else {
				throw new IllegalArgumentException(ALLOW_PROPERTY + ": '" + raw + "' is neither a CIDR (10.0.0.0/8, fd00::/8), "
						+ "an IP address, a host name nor *.domain");
			}
		}
	}

	/** A policy allowing these non-public destinations, sending with the JDK's HTTP client (no redirects). */
	public static OutboundPolicy allowing(String... allow) {
		return new OutboundPolicy(List.of(allow), ClientHttpRequestFactoryBuilder.jdk()
			.build(HttpClientSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW)));
	}

	/** The allowed non-public destinations as configured. */
	public List<String> allowed() {
		return this.allow;
	}

	/**
	 * Refuses a destination the policy forbids.
	 * @throws OutboundRefusedException naming the rule and the setting that allows it
	 * @throws UnknownHostException when the host does not resolve (nothing can be sent to it either)
	 */
	public void check(URI uri) throws UnknownHostException {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new OutboundRefusedException("refused: " + uri.getScheme() + ": only http and https destinations are allowed");
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw new OutboundRefusedException("refused: '" + uri.getRawAuthority() + "' is not a host name or a canonical IP "
					+ "address (write addresses as 10.1.2.3 or [fd00::1])");
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
			if (host.contains("%")) {
				throw new OutboundRefusedException("refused: " + host + " is a scoped IPv6 address (it names a local interface)");
			}
		}
		else if (!IPV4.matcher(host).matches() && numeric(host)) {
			throw new OutboundRefusedException("refused: " + host + " is not a canonical IP address (a number in another "
					+ "form may reach a forbidden address); write it as four decimal numbers, e.g. 10.1.2.3");
		}
		String name = trimDot(host.toLowerCase(Locale.ROOT));
		boolean allowedByName = this.hosts.contains(name) || this.domains.stream().anyMatch(name::endsWith);
		for (InetAddress address : InetAddress.getAllByName(host)) {
			refusal(host, address, allowedByName).ifPresent(message -> {
				throw new OutboundRefusedException(message);
			});
		}
	}

	/**
	 * Why a URL would be refused, for validating settings before they are saved: empty when it is allowed, not an
	 * http(s) URL with a host (other checks say so), or its host does not resolve now (it is checked again on every
	 * call).
	 */
	public Optional<String> problem(String url) {
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (uri.getScheme() == null || !uri.isAbsolute()) {
			return Optional.empty();
		}
		try {
			check(uri);
			return Optional.empty();
		}
		catch (OutboundRefusedException ex) {
			return Optional.of(ex.getMessage());
		}
		catch (UnknownHostException | SecurityException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The builder, sending through this policy: every call's destination is checked first, no redirect is followed
	 * (a 3xx answer is refused), connections come from the policy's request factory. Applying it twice adds nothing.
	 */
	public RestClient.Builder guarded(RestClient.Builder builder) {
		return guard(builder.requestFactory(this.requestFactory));
	}

	/**
	 * The builder, sending through this policy with one {@link java.net.HttpURLConnection} per call (for servers that
	 * close every connection, such as RT's standalone server), following no redirect.
	 */
	public RestClient.Builder guardedPerCallConnections(RestClient.Builder builder, Duration connectTimeout,
			Duration readTimeout) {
		return guard(builder.requestFactory(ClientHttpRequestFactoryBuilder.simple()
			.build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout).withRedirects(HttpRedirects.DONT_FOLLOW))));
	}

	/** The check as an interceptor, for clients whose request factory already follows no redirect. */
	public ClientHttpRequestInterceptor interceptor() {
		return this.guard;
	}

	private RestClient.Builder guard(RestClient.Builder builder) {
		return builder.requestInterceptors(list -> {
			list.removeIf(i -> i instanceof Guard);
			list.add(0, this.guard);
		});
	}

	private Optional<String> refusal(String host, InetAddress address, boolean allowedByName) {
		byte[] bytes = address.getAddress();
		byte[] v4 = bytes.length == 4 ? bytes : embeddedIpv4(bytes);
		Kind kind = kind(bytes);
		boolean own = ownAddresses().contains(HexFormat.of().formatHex(bytes));
		if (kind == Kind.PUBLIC && !own) {
			return Optional.empty();
		}
		if (own && kind != Kind.LOOPBACK && kind != Kind.UNSPECIFIED && kind != Kind.MULTICAST) {
			kind = Kind.OWN;
		}
		String shown = show(bytes);
		String subject = host.equalsIgnoreCase(shown) || host.equalsIgnoreCase(address.getHostAddress()) ? shown
				: host + " resolves to " + shown + ", which";
		if (kind == Kind.UNSPECIFIED || kind == Kind.MULTICAST) {
			return Optional.of("refused: " + subject + " " + kind.description + "; no setting allows it");
		}
		// this service's own address is opened only by an entry naming it, not by a range around it
		if (allowedByName || this.cidrs.stream()
			.filter(c -> !own || c.single())
			.anyMatch(c -> c.matches(bytes) || (v4 != null && c.matches(v4)))) {
			return Optional.empty();
		}
		return Optional.of("refused: " + subject + " " + kind.description + "; allow it with " + ALLOW_PROPERTY + "=" + shown
				+ (bytes.length == 4 ? "/32" : "/128"));
	}

	/** This host's own addresses (hex), re-read every minute. */
	private Set<String> ownAddresses() {
		OwnAddresses current = this.own;
		long now = System.nanoTime();
		if (!current.loaded || now - current.loadedAt > OWN_ADDRESSES_TTL) {
			Set<String> found = new HashSet<>();
			try {
				this.ownAddressSource.get().forEach(a -> found.add(HexFormat.of().formatHex(a.getAddress())));
			}
			catch (UncheckedIOException ex) {
				found.addAll(current.addresses); // keep what was known
			}
			current = new OwnAddresses(Collections.unmodifiableSet(found), now, true);
			this.own = current;
		}
		return current.addresses;
	}

	private static Collection<InetAddress> interfaceAddresses() {
		try {
			return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).toList();
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What kind of destination an address is (the address bytes, 4 or 16). */
	static Kind kind(byte[] b) {
		if (b.length == 4) {
			return kind4(b);
		}
		boolean zero96 = true;
		for (int i = 0; i < 12; i++) {
			zero96 &= b[i] == 0;
		}
		if (zero96 && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1)) {
			return b[15] == 0 ? Kind.UNSPECIFIED : Kind.LOOPBACK;
		}
		byte[] v4 = embeddedIpv4(b);
		if (v4 != null) {
			return kind4(v4);
		}
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		if (first == 0xff) {
			return Kind.MULTICAST;
		}
		if (first == 0xfe && (second & 0xc0) == 0x80) {
			return Kind.LINK_LOCAL;
		}
		if ((first == 0xfe && (second & 0xc0) == 0xc0) || (first & 0xfe) == 0xfc) {
			return Kind.PRIVATE; // site-local fec0::/10, unique local fc00::/7
		}
		if (first == 0x20 && second == 0x01 && (b[2] == 0 && b[3] == 0 || (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)) {
			return Kind.RESERVED; // Teredo 2001::/32, documentation 2001:db8::/32
		}
		if (first == 0 || first == 0x01 && second == 0 && b[2] == 0 && b[3] == 0) {
			return Kind.RESERVED; // the rest of ::/8 (64:ff9b:1::/48 local NAT64, ...), discard 100::/64
		}
		return Kind.PUBLIC;
	}

	private static Kind kind4(byte[] b) {
		int a = b[0] & 0xff;
		int c = b[1] & 0xff;
		int d = b[2] & 0xff;
		if (a == 0) {
			return Kind.UNSPECIFIED;
		}
		if (a == 127) {
			return Kind.LOOPBACK;
		}
		if (a == 169 && c == 254) {
			return Kind.LINK_LOCAL;
		}
		if (a >= 224 && a <= 239) {
			return Kind.MULTICAST;
		}
		if (a >= 240) {
			return Kind.RESERVED;
		}
		if (a == 10 || a == 172 && (c & 0xf0) == 16 || a == 192 && c == 168 || a == 100 && (c & 0xc0) == 64) {
			return Kind.PRIVATE;
		}
		if (a == 192 && c == 0 && (d == 0 || d == 2) || a == 198 && (c & 0xfe) == 18 || a == 198 && c == 51 && d == 100
				|| a == 203 && c == 0 && d == 113) {
			return Kind.RESERVED;
		}
		return Kind.PUBLIC;
	}

	/** The IPv4 address inside an IPv6 one: mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64, 6to4. */
	static byte @Nullable [] embeddedIpv4(byte[] b) {
		if (b.length != 16) {
			return null;
		}
		boolean zero80 = true;
		for (int i = 0; i < 10; i++) {
			zero80 &= b[i] == 0;
		}
		boolean mapped = zero80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
		boolean compatible = zero80 && b[10] == 0 && b[11] == 0;
		boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
		for (int i = 4; nat64 && i < 12; i++) {
			nat64 = b[i] == 0;
		}
		if (mapped || compatible || nat64) {
			return new byte[] { b[12], b[13], b[14], b[15] };
		}
		if (b[0] == 0x20 && b[1] == 0x02) {
			return new byte[] { b[2], b[3], b[4], b[5] }; // 6to4 2002::/16
		}
		return null;
	}

	private static boolean numeric(String host) {
		String h = trimDot(host);
		int dot = h.lastIndexOf('.');
		return NUMERIC_LABEL.matcher(dot < 0 ? h : h.substring(dot + 1)).matches();
	}

	private static String trimDot(String host) {
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

	/** An address as an allow entry would write it: dotted quad, or compressed IPv6. */
	static String show(byte[] b) {
		if (b.length == 4) {
			return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j == i ? i + 1 : j;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				out.append("::");
				i += bestLength - 1;
				continue;
			}
			if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
				out.append(':');
			}
			out.append(Integer.toHexString(groups[i]));
		}
		return out.toString();
	}

	/** Kinds of destination, with how a refusal describes them. */
	enum Kind {

		PUBLIC("a public address"), UNSPECIFIED("is the unspecified address (it reaches this machine itself)"),
		MULTICAST("is a multicast address"), LOOPBACK("is a loopback address"),
		LINK_LOCAL("is a link-local address (where cloud metadata services answer)"),
		OWN("is an address of this service's own host"), PRIVATE("is a private address"),
		RESERVED("is a reserved or special-purpose address");

		final String description;

		Kind(String description) {
			this.description = description;
		}

	}

	/** An allowed range. */
	private record Cidr(byte[] network, int prefix) {

		static @Nullable Cidr parse(String entry) {
			int slash = entry.indexOf('/');
			String address = slash < 0 ? entry : entry.substring(0, slash);
			if (address.startsWith("[") && address.endsWith("]")) {
				address = address.substring(1, address.length() - 1);
			}
			boolean v6 = address.contains(":");
			if (!v6 && !IPV4.matcher(address).matches()) {
				if (slash >= 0) {
					throw new IllegalArgumentException(ALLOW_PROPERTY + ": '" + entry + "' is not a CIDR (10.0.0.0/8, fd00::/8)");
				}
				return null;
			}
			byte[] bytes;
			try {
				// a literal (dotted quad or IPv6): no lookup happens
				bytes = InetAddress.getByName(address).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(ALLOW_PROPERTY + ": '" + entry + "' is not an IP address");
			}
			int max = bytes.length * 8;
			int prefix;
			try {
				prefix = slash < 0 ? max : Integer.parseInt(entry.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(ALLOW_PROPERTY + ": '" + entry + "' has no valid prefix length");
			}
			if (v6 && bytes.length == 4 && slash >= 0) {
				prefix -= 96; // ::ffff:a.b.c.d/n is read as an IPv4 range
			}
			if (prefix < 0 || prefix > max) {
				throw new IllegalArgumentException(ALLOW_PROPERTY + ": '" + entry + "' has a prefix outside 0-" + max);
			}
			return new Cidr(bytes, prefix);
		}

		/** Whether the range is one address. */
		boolean single() {
			return this.prefix == this.network.length * 8;
		}

		boolean matches(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.prefix; bit += 8) {
				int bits = Math.min(8, this.prefix - bit);
				int mask = (0xff << (8 - bits)) & 0xff;
				if ((address[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

	private record OwnAddresses(Set<String> addresses, long loadedAt, boolean loaded) {
	}

	/** Checks each call's destination and refuses redirects. */
	private final class Guard implements ClientHttpRequestInterceptor {

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			URI uri = request.getURI();
			check(uri);
			ClientHttpResponse response = execution.execute(request, body);
			int status = response.getStatusCode().value();
			if (status >= 300 && status < 400 && status != 304) {
				String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
				response.close();
				throw new OutboundRefusedException("refused: " + uri.getHost() + " answered " + status + " with a redirect"
						+ origin(uri, location) + "; Deskpilot follows no redirects (credentials must reach only the host "
						+ "they were entered for): enter the address it redirects to as the URL");
			}
			return response;
		}

		private static String origin(URI from, @Nullable String location) {
			if (location == null || location.isBlank()) {
				return "";
			}
			try {
				URI to = from.resolve(location.strip());
				if (to.getHost() == null) {
					return "";
				}
				return " to " + to.getScheme() + "://" + to.getHost() + (to.getPort() < 0 ? "" : ":" + to.getPort());
			}
			catch (IllegalArgumentException ex) {
				return "";
			}
		}

	}

}

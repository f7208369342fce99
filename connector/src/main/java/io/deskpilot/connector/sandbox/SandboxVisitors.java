package io.deskpilot.connector.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import io.deskpilot.connector.system.SecretCipher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Who a customer of the sandbox desk is: a visitor of the customer page, known by a random token (256 bits) in an
 * HttpOnly, SameSite=Strict cookie set when it files its first request ({@code Secure} when the request came over
 * TLS). The desk keeps only the token's SHA-256; a visitor sees and acts on the requests filed with its token and on
 * no other.
 */
final class SandboxVisitors {

	static final String COOKIE = "deskpilot_sandbox_visitor";

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final Duration LIFETIME = Duration.ofDays(30);

	private SandboxVisitors() {
	}

	/** The hash of the visitor's token, if the request carries a well-formed one. */
	static Optional<String> of(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie c : cookies) {
			if (COOKIE.equals(c.getName()) && c.getValue() != null && TOKEN.matcher(c.getValue()).matches()) {
				return Optional.of(hash(c.getValue()));
			}
		}
		return Optional.empty();
	}

	/** The visitor's hash; a new visitor gets its token in a cookie first. */
	static String ofOrNew(HttpServletRequest request, HttpServletResponse response) {
		return of(request).orElseGet(() -> {
			String token = SecretCipher.randomToken();
			ResponseCookie cookie = ResponseCookie.from(COOKIE, token)
				.httpOnly(true)
				.secure(request.isSecure())
				.sameSite("Strict")
				.path("/sandbox/")
				.maxAge(LIFETIME)
				.build();
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
			return hash(token);
		});
	}

	/** Whether the ticket was filed by this visitor (compared in constant time). */
	static boolean owns(@Nullable String visitorHash, SandboxTicket ticket) {
		return visitorHash != null && ticket.visitorHash() != null && MessageDigest
			.isEqual(visitorHash.getBytes(StandardCharsets.US_ASCII), ticket.visitorHash().getBytes(StandardCharsets.US_ASCII));
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.deskpilot.connector.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Webhook signatures in the common {@code sha256=<hex HMAC-SHA256(secret, raw body)>} form (Jira's
 * {@code X-Hub-Signature}, the sandbox's {@code X-Sandbox-Signature}), made and checked in one place.
 */
public final class Signatures {

	private Signatures() {
	}

	/** The header value signing this body with this secret. */
	public static String sha256Header(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** Whether the header signs exactly this body with this secret; compared in constant time. */
	public static boolean matches(String secret, byte[] body, @Nullable String header) {
		if (header == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256Header(secret, body).getBytes(StandardCharsets.US_ASCII),
				header.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

}

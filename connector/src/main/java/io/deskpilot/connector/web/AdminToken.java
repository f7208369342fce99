package io.deskpilot.connector.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

import io.deskpilot.connector.system.OwnerOnlyFiles;
import io.deskpilot.connector.system.SecretCipher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;

/**
 * The admin token, the operator's credential for the admin API ({@code /api/**}) and the actuator's operator data
 * ({@code /actuator/**} but the health probes): {@code deskpilot.admin.token}, or else one generated once into
 * {@code <data-dir>/admin.token} (created owner-only). The token itself is never logged; the log names the file.
 * A bean of {@link WebSecurity}.
 */
class AdminToken {

	private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

	private final byte[] token;

	AdminToken(Environment env) {
		String configured = env.getProperty("deskpilot.admin.token");
		this.token = (configured != null && !configured.isBlank() ? configured.strip()
				: generated(Path.of(env.getProperty("deskpilot.data-dir", "./data"))))
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String generated(Path dataDir) {
		Path file = dataDir.resolve("admin.token");
		try {
			boolean[] created = { false };
			String token = OwnerOnlyFiles.readOrCreate(file, () -> {
				created[0] = true;
				return SecretCipher.randomToken() + "\n";
			}).strip();
			if (created[0]) {
				log.info("Generated the admin API token in {}", file.toAbsolutePath());
			}
			return token;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create " + file, ex);
		}
	}

	/** Whether an {@code Authorization} header carries this token as a bearer token (compared in constant time). */
	boolean authentic(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8), this.token);
	}

}

package io.deskpilot.connector.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

import io.deskpilot.connector.system.SecretCipher;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the admin API ({@code /api/**}) with a bearer token: {@code deskpilot.admin.token}, or else one generated
 * once into {@code <data-dir>/admin.token} (owner-only). The token itself is never logged; the log names the file.
 */
@Component
class AdminToken extends OncePerRequestFilter {

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
			if (!Files.exists(file)) {
				Files.createDirectories(dataDir);
				Files.writeString(file, SecretCipher.randomToken() + "\n");
				try {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException ex) {
					// not a POSIX file system
				}
				log.info("Generated the admin API token in {}", file.toAbsolutePath());
			}
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create " + file, ex);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!authentic(request.getHeader("Authorization"))) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("WWW-Authenticate", "Bearer realm=\"deskpilot-admin\"");
			response.setContentType("application/problem+json");
			response.getWriter()
				.write("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"the admin API needs Authorization: Bearer <admin token>\"}");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean authentic(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8), this.token);
	}

}

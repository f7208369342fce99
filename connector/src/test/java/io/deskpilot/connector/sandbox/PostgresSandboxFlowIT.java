package io.deskpilot.connector.sandbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sandbox loop again, on the real PostgreSQL (production's database) instead of H2: the same migrations, the
 * inbox/outbox locking ({@code FOR UPDATE SKIP LOCKED}) and the workflow, in a schema of its own that is dropped
 * afterwards. {@code DESKPILOT_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code DESKPILOT_POSTGRES_USER} or {@code postgres}). Skipped with the reason when no PostgreSQL answers, unless
 * {@code DESKPILOT_POSTGRES_REQUIRED=true} (as {@code .ci/run} sets).
 */
class PostgresSandboxFlowIT extends SandboxFlowIT {

	static final String URL = System.getenv().getOrDefault("DESKPILOT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	static final String USER = System.getenv().getOrDefault("DESKPILOT_POSTGRES_USER", "postgres");

	static final String SCHEMA = "deskpilot_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@TempDir
	static Path pgDataDir;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		requirePostgres();
		registry.add("deskpilot.data-dir", () -> pgDataDir.toString());
		registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", () -> SCHEMA);
		registry.add("spring.flyway.create-schemas", () -> "true");
	}

	static void requirePostgres() {
		try (Connection c = DriverManager.getConnection(URL, USER, "")) {
			c.isValid(2);
		}
		catch (SQLException ex) {
			String reason = "PostgreSQL is not reachable at " + URL + " as " + USER + ": " + ex.getMessage();
			if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_POSTGRES_REQUIRED"))) {
				throw new AssertionError(reason, ex);
			}
			assumeTrue(false, reason);
		}
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
			s.execute("drop schema if exists " + SCHEMA + " cascade");
		}
		catch (SQLException ex) {
			// PostgreSQL was not there: nothing to drop
		}
	}

}

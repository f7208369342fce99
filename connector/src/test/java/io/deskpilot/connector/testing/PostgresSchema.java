package io.deskpilot.connector.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A schema of its own on the real PostgreSQL for one test class: {@code DESKPILOT_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), user {@code DESKPILOT_POSTGRES_USER} or {@code postgres}. When no
 * PostgreSQL answers, the test is skipped with the reason, unless {@code DESKPILOT_POSTGRES_REQUIRED=true} (as
 * {@code .ci/run} sets), which fails it.
 */
public final class PostgresSchema {

	public static final String URL = System.getenv().getOrDefault("DESKPILOT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	public static final String USER = System.getenv().getOrDefault("DESKPILOT_POSTGRES_USER", "postgres");

	private final String name;

	/** A new, randomly named schema (created by Flyway when the service starts). */
	public PostgresSchema(String prefix) {
		this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public String name() {
		return this.name;
	}

	/** The JDBC URL with this schema as the current one. */
	public String jdbcUrl() {
		return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + this.name;
	}

	/** Points the service's datasource and Flyway at this schema, after checking PostgreSQL answers. */
	public void register(DynamicPropertyRegistry registry) {
		require(reachable(), "PostgreSQL is not reachable at " + URL + " as " + USER);
		registry.add("spring.datasource.url", this::jdbcUrl);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", () -> this.name);
		registry.add("spring.flyway.create-schemas", () -> "true");
	}

	/** Drops the schema and everything in it. */
	public void drop() {
		try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
			s.execute("drop schema if exists " + this.name + " cascade");
		}
		catch (SQLException ex) {
			// PostgreSQL was not there: nothing to drop
		}
	}

	/** Skips the test with the reason, or fails it when CI requires what is missing. */
	public static void require(boolean condition, String reason) {
		if (!condition && "true".equalsIgnoreCase(System.getenv("DESKPILOT_POSTGRES_REQUIRED"))) {
			throw new AssertionError(reason);
		}
		assumeTrue(condition, reason);
	}

	private static boolean reachable() {
		try (Connection c = DriverManager.getConnection(URL, USER, "")) {
			return c.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

}

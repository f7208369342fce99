package io.deskpilot.connector.sandbox;

import java.nio.file.Path;

import io.deskpilot.connector.testing.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sandbox loop again, on the real PostgreSQL (production's database) instead of H2: the same migrations, the
 * inbox/outbox locking ({@code FOR UPDATE SKIP LOCKED}) and the workflow, in a schema of its own that is dropped
 * afterwards (see {@link PostgresSchema} for where PostgreSQL is looked for and when the test skips).
 */
class PostgresSandboxFlowIT extends SandboxFlowIT {

	static final PostgresSchema SCHEMA = new PostgresSchema("deskpilot_it_");

	@TempDir
	static Path pgDataDir;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		SCHEMA.register(registry);
		registry.add("deskpilot.data-dir", () -> pgDataDir.toString());
	}

	@AfterAll
	static void dropSchema() {
		SCHEMA.drop();
	}

}

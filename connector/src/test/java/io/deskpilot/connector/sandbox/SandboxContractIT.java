package io.deskpilot.connector.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformContractTests;
import io.deskpilot.connector.platform.PlatformTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sandbox desk's adapter passes the platform contract. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "deskpilot.outbound.allow=127.0.0.1/32", // the desk under test runs on loopback
				"deskpilot.sandbox.enabled=false", "deskpilot.workflow.enabled=false" })
class SandboxContractIT extends PlatformContractTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("deskpilot.data-dir", () -> dataDir.toString());
	}

	@Autowired
	SandboxDesk sandbox;

	@Autowired
	Installations installations;

	@BeforeEach
	void connect() {
		this.sandbox.saveAgent(new SandboxAgent("agent-1", "Agent One", "agent-1@helpdesk.example", true));
		if (this.installations.find("contract").isEmpty()) {
			this.installations.create("contract", PlatformTypes.SANDBOX, "Contract", Map.of(SandboxAdapter.WEBHOOK_URL, "http://127.0.0.1:9/none"));
		}
	}

	@Override
	protected PlatformConnection connection() {
		return this.installations.connection("contract");
	}

	@Override
	protected DeskFixture desk() {
		return new DeskFixture() {
			@Override
			public String fileRequest(String summary, String description) {
				return SandboxContractIT.this.sandbox.createRequest(summary, description, "kim@customer.example", "Kim", null, List.of());
			}

			@Override
			public void customerReplies(String key, String body) {
				SandboxTicket t = SandboxContractIT.this.sandbox.ticket(key);
				SandboxContractIT.this.sandbox.addComment(key, t.reporterId(), t.reporterName(), "CUSTOMER", true, body, null);
			}

			@Override
			public String resolvedTicket(String summary, String description, String agentAnswer) {
				String key = fileRequest(summary, description);
				SandboxContractIT.this.sandbox.addComment(key, "agent-1", "Agent One", "AGENT", true, agentAnswer, null);
				SandboxContractIT.this.sandbox.setStatus(key, "Resolved", "Done");
				return key;
			}
		};
	}

	@Override
	protected String unknownKey() {
		return "SBX-999999999";
	}

}

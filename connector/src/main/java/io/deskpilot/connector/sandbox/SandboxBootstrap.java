package io.deskpilot.connector.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.PlatformTypes;
import io.deskpilot.connector.routing.AgentDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The embedded default: on start-up, fills an empty sandbox desk with its agents and resolved history, connects it as
 * an installation, syncs its agents and imports its history, so the first request filed gets an answer.
 */
@Component
class SandboxBootstrap {

	private static final Logger log = LoggerFactory.getLogger(SandboxBootstrap.class);

	private final SandboxProperties properties;

	private final SandboxDesk desk;

	private final Installations installations;

	private final AgentDirectory agents;

	private final HistoryImport history;

	private final JsonMapper json;

	private final Clock clock;

	SandboxBootstrap(SandboxProperties properties, SandboxDesk desk, Installations installations, AgentDirectory agents,
			HistoryImport history, JsonMapper json, Clock clock) {
		this.properties = properties;
		this.desk = desk;
		this.installations = installations;
		this.agents = agents;
		this.history = history;
		this.json = json;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		if (!this.properties.enabled()) {
			return;
		}
		if (this.properties.seed() && this.desk.ticketCount() == 0) {
			seed();
		}
		String id = this.properties.installationId();
		if (this.installations.find(id).isEmpty()) {
			this.installations.create(id, PlatformTypes.SANDBOX, "Sandbox desk", Map.of());
			this.agents.sync(id);
			ImportProgress progress = this.history.runNow(id);
			log.info("Sandbox desk connected as installation '{}': {} resolved tickets imported ({}), file a request at /sandbox/",
					id, progress.read(), progress.outcomes());
		}
		else {
			// the desk may have been reset or re-seeded: pick up anything new
			this.agents.sync(id);
			this.history.start(id);
		}
	}

	private void seed() {
		List<SandboxAgent> seedAgents = read("sandbox/agents.json", new TypeReference<>() {
		});
		seedAgents.forEach(this.desk::saveAgent);
		List<SeedTicket> tickets = read("sandbox/seed-tickets.json", new TypeReference<>() {
		});
		Instant today = this.clock.instant();
		for (SeedTicket t : tickets) {
			this.desk.importHistoric(t, today.minus(Duration.ofDays(t.daysAgo())).minus(Duration.ofMinutes(37L * t.summary().length())));
		}
		log.info("Seeded the sandbox desk with {} agents and {} resolved tickets", seedAgents.size(), tickets.size());
	}

	private <T> T read(String resource, TypeReference<T> type) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return this.json.readValue(in, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

}

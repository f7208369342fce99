package io.deskpilot.connector.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Chooses the agent for a request the bot does not answer: among active, online agents under their capacity, the
 * least loaded; ties go to the agent id first in order. Empty when nobody can take it now (the request waits).
 */
@Service
public class Router {

	private final AgentDirectory directory;

	Router(AgentDirectory directory) {
		this.directory = directory;
	}

	/** The chosen agent's id, or empty when nobody is available. */
	public Optional<String> choose(String installationId, String requestKey) {
		List<Agent> agents = this.directory.agents(installationId);
		if (agents.isEmpty()) {
			agents = this.directory.sync(installationId);
		}
		return agents.stream()
			.filter(Agent::active)
			.filter(a -> "ONLINE".equals(a.presence()))
			.map(a -> new Candidate(a, this.directory.load(installationId, a.id())))
			.filter(c -> c.load < c.agent.capacity())
			.min(Comparator.comparingInt(Candidate::load).thenComparing(c -> c.agent.id()))
			.map(c -> c.agent.id());
	}

	private record Candidate(Agent agent, int load) {
	}

}

package io.deskpilot.connector.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.policy.Policy;
import io.deskpilot.connector.routing.Agent;
import io.deskpilot.connector.routing.AgentDirectory;
import io.deskpilot.connector.routing.RoutingChain;

import org.springframework.stereotype.Component;

/**
 * The customer's place in the queue and the expected first response. The wait per place is the median business-time
 * wait for a first human response over the installation's recent escalated requests (half the first-response target
 * while there is no history); places are served as many at a time as agents are available, and the total is laid
 * onto business hours.
 */
@Component
class Forecasts {

	static final int HISTORY = 50;

	private final RequestStates states;

	private final AgentDirectory agents;

	Forecasts(RequestStates states, AgentDirectory agents) {
		this.states = states;
		this.agents = agents;
	}

	/**
	 * @param position place in the queue (1: next)
	 * @param expected when the first response is expected
	 */
	record Forecast(int position, Instant expected) {
	}

	Forecast forecast(String installationId, Policy policy, Instant now) {
		int position = this.states.waiting(installationId) + 1;
		List<Instant[]> recent = this.states.recentHumanResponses(installationId, HISTORY);
		Duration perPlace = medianWait(recent, policy).orElse(policy.firstResponseTarget().dividedBy(2));
		Map<String, Integer> loads = this.agents.loads(installationId);
		long available = 0;
		for (Agent a : this.agents.agents(installationId)) {
			if (RoutingChain.canTakeWork(new RoutingChain.Candidate(a, loads.getOrDefault(a.id(), 0)), now)) {
				available++;
			}
		}
		long waves = (position + Math.max(available, 1) - 1) / Math.max(available, 1);
		Duration wait = perPlace.multipliedBy(Math.max(waves, 1));
		return new Forecast(position, policy.hours().plus(now, wait, policy.zone()));
	}

	static java.util.Optional<Duration> medianWait(List<Instant[]> recent, Policy policy) {
		List<Duration> waits = new ArrayList<>();
		for (Instant[] r : recent) {
			waits.add(policy.hours().between(r[0], r[1], policy.zone()));
		}
		if (waits.size() < 3) {
			return java.util.Optional.empty();
		}
		waits.sort(null);
		return java.util.Optional.of(waits.get(waits.size() / 2));
	}

}

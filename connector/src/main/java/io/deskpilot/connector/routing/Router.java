package io.deskpilot.connector.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.deskpilot.connector.knowledge.KnowledgeBases;
import io.deskpilot.connector.policy.Policies;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Gathers what the {@link RoutingChain} needs (agents and their loads, the customer's previous agent, who answered the
 * similar resolved tickets, who works on the similar open requests) and asks it for an agent. Callers hold the
 * installation's routing lock, so two replicas never hand the last free slot of an agent to two requests.
 */
@Service
public class Router {

	private final AgentDirectory directory;

	private final KnowledgeBases knowledge;

	private final Policies policies;

	private final JdbcClient jdbc;

	private final Clock clock;

	Router(AgentDirectory directory, KnowledgeBases knowledge, Policies policies, JdbcClient jdbc, Clock clock) {
		this.directory = directory;
		this.knowledge = knowledge;
		this.policies = policies;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The request as routing sees it.
	 *
	 * @param requestKey the request
	 * @param customerId its requester
	 * @param requestType its type
	 * @param components its components
	 * @param labels its labels
	 * @param similarTickets tickets the knowledge base found similar (resolved ones and open requests), best first
	 */
	public record Facts(String requestKey, @Nullable String customerId, @Nullable String requestType,
			List<String> components, List<String> labels, Collection<String> similarTickets) {
	}

	/** Chooses the agent now, or empty when nobody can take the request (it waits in the queue). */
	public Optional<RoutingChain.Choice> choose(String installationId, Facts facts) {
		List<Agent> agents = this.directory.agents(installationId);
		if (agents.isEmpty()) {
			agents = this.directory.sync(installationId);
		}
		Map<String, Integer> loads = this.directory.loads(installationId);
		List<RoutingChain.Candidate> candidates = agents.stream()
			.map(a -> new RoutingChain.Candidate(a, loads.getOrDefault(a.id(), 0)))
			.toList();
		Map<String, Integer> votes = new HashMap<>();
		this.knowledge.answerAuthors(installationId, facts.similarTickets()).values().forEach(a -> votes.merge(a, 1, Integer::sum));
		RoutingChain.Request request = new RoutingChain.Request(facts.requestType(), facts.components(), facts.labels(),
				previousAgent(installationId, facts), votes, openOwners(installationId, facts),
				this.policies.get(installationId).affinity());
		return RoutingChain.choose(request, candidates, this.clock.instant());
	}

	/** Records the choice so round-robin moves on. */
	public void chosen(String installationId, String agentId, Instant at) {
		this.directory.markAssigned(installationId, agentId, at);
	}

	/** Who owns, or is reserved for, each similar request that is still with an agent, counted per agent. */
	private Map<String, Integer> openOwners(String installationId, Facts facts) {
		List<String> keys = facts.similarTickets().stream().filter(k -> !k.equals(facts.requestKey())).toList();
		if (keys.isEmpty()) {
			return Map.of();
		}
		Map<String, Integer> owners = new HashMap<>();
		this.jdbc.sql("""
				select assignee_id from request_state
				where installation_id = :id and request_key in (:keys) and assignee_id is not null
				  and state in ('ESCALATED', 'ASSIGNED')""")
			.param("id", installationId)
			.param("keys", keys)
			.query(String.class)
			.list()
			.forEach(a -> owners.merge(a, 1, Integer::sum));
		return owners;
	}

	private @Nullable String previousAgent(String installationId, Facts facts) {
		if (facts.customerId() == null) {
			return null;
		}
		return this.jdbc.sql("""
				select assignee_id from request_state
				where installation_id = ? and customer_id = ? and request_key <> ? and assignee_id is not null
				  and assigned_at is not null
				order by assigned_at desc limit 1""")
			.params(installationId, facts.customerId(), facts.requestKey())
			.query(String.class)
			.optional()
			.orElse(null);
	}

}

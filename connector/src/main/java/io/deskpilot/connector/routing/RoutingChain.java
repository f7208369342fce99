package io.deskpilot.connector.routing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.deskpilot.connector.policy.WorkingHours;
import org.jspecify.annotations.Nullable;

/**
 * The routing chain as a pure function. Only agents who can take work now are considered: active, online, inside
 * their working hours (in their own time zone) and under their capacity. Among them: the customer's previous agent
 * (affinity) → the best skill match (request type, components, labels, plus who answered the similar resolved
 * tickets and who is working on similar open requests) → the least loaded → round-robin on ties (longest since their last assignment). Nobody available: empty,
 * and the request waits in the queue.
 */
public final class RoutingChain {

	private RoutingChain() {
	}

	/**
	 * An agent and their current load.
	 *
	 * @param agent the agent
	 * @param load open requests the agent owns (or has reserved)
	 */
	public record Candidate(Agent agent, int load) {
	}

	/**
	 * What routing knows about the request.
	 *
	 * @param requestType request type, if any
	 * @param components components
	 * @param labels labels
	 * @param previousAgent the agent of the customer's previous request, if any
	 * @param resolverVotes agents who answered the most similar resolved tickets, with how many each
	 * @param openOwners agents who own (or are reserved for) the most similar requests still open, with how many each
	 * @param affinity whether the previous agent is preferred
	 */
	public record Request(@Nullable String requestType, List<String> components, List<String> labels,
			@Nullable String previousAgent, Map<String, Integer> resolverVotes, Map<String, Integer> openOwners,
			boolean affinity) {
	}

	/**
	 * The chosen agent and the link of the chain that chose them.
	 *
	 * @param agentId the agent
	 * @param reason which rule decided, for the audit log
	 */
	public record Choice(String agentId, String reason) {
	}

	/** Chooses the agent, or empty when nobody can take the request now. */
	public static Optional<Choice> choose(Request request, List<Candidate> candidates, Instant now) {
		List<Candidate> available = candidates.stream().filter(c -> canTakeWork(c, now)).toList();
		if (available.isEmpty()) {
			return Optional.empty();
		}
		if (request.affinity() && request.previousAgent() != null) {
			Optional<Candidate> previous = available.stream().filter(c -> c.agent().id().equals(request.previousAgent())).findFirst();
			if (previous.isPresent()) {
				return Optional.of(new Choice(previous.get().agent().id(), "the customer's previous agent"));
			}
		}
		Set<String> tags = new HashSet<>();
		if (request.requestType() != null) {
			tags.add(norm(request.requestType()));
		}
		request.components().forEach(c -> tags.add(norm(c)));
		request.labels().forEach(l -> tags.add(norm(l)));
		int best = available.stream().mapToInt(c -> skillScore(c.agent(), tags, request)).max().orElse(0);
		List<Candidate> pool = best == 0 ? available
				: available.stream().filter(c -> skillScore(c.agent(), tags, request) == best).toList();
		Candidate chosen = pool.stream()
			.min(Comparator.comparingInt(Candidate::load)
				.thenComparing(c -> c.agent().lastAssignedAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
				.thenComparing(c -> c.agent().id()))
			.orElseThrow();
		String reason = best == 0 ? "least loaded available agent" : "best skill match (" + describe(chosen.agent(), tags, request) + ")";
		if (pool.size() > 1 && pool.stream().filter(c -> c.load() == chosen.load()).count() > 1) {
			reason += ", round-robin among equally loaded";
		}
		return Optional.of(new Choice(chosen.agent().id(), reason));
	}

	/** Whether the agent can be given a request now. */
	public static boolean canTakeWork(Candidate c, Instant now) {
		Agent a = c.agent();
		return a.active() && "ONLINE".equals(a.presence()) && c.load() < a.capacity() && inHours(a, now);
	}

	static boolean inHours(Agent a, Instant now) {
		try {
			return WorkingHours.parse(a.workingHours()).isOpen(now, ZoneId.of(a.timeZone()));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			return true;
		}
	}

	/**
	 * Two points per matching skill tag, one per similar resolved ticket the agent answered, two per similar open
	 * request the agent owns: the same problem, live, is best with whoever is on it already.
	 */
	static int skillScore(Agent agent, Set<String> tags, Request request) {
		int score = 0;
		for (String skill : agent.skills()) {
			if (tags.contains(norm(skill))) {
				score += 2;
			}
		}
		return score + request.resolverVotes().getOrDefault(agent.id(), 0)
				+ 2 * request.openOwners().getOrDefault(agent.id(), 0);
	}

	private static String describe(Agent agent, Set<String> tags, Request request) {
		List<String> parts = new java.util.ArrayList<>();
		List<String> matched = agent.skills().stream().filter(s -> tags.contains(norm(s))).toList();
		if (!matched.isEmpty()) {
			parts.add("skills " + matched);
		}
		int answered = request.resolverVotes().getOrDefault(agent.id(), 0);
		if (answered > 0) {
			parts.add("answered " + answered + " similar ticket" + (answered == 1 ? "" : "s"));
		}
		int owns = request.openOwners().getOrDefault(agent.id(), 0);
		if (owns > 0) {
			parts.add("working on " + owns + " similar open request" + (owns == 1 ? "" : "s"));
		}
		return String.join(", ", parts);
	}

	private static String norm(String s) {
		return s.strip().toLowerCase(Locale.ROOT);
	}

}

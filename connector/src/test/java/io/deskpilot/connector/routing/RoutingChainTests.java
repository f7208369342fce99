package io.deskpilot.connector.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingChainTests {

	/** A Tuesday, 10:00 UTC. */
	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	@Test
	void previousAgentWins_whenAvailable() {
		var choice = RoutingChain.choose(request(null, "ana", Map.of(), true),
				List.of(candidate("ana", 5, List.of()), candidate("bo", 0, List.of())), NOW);

		assertThat(choice).get().extracting(RoutingChain.Choice::agentId).isEqualTo("ana");
		assertThat(choice.get().reason()).contains("previous agent");
	}

	@Test
	void previousAgentAtCapacity_orAffinityOff_fallsThroughTheChain() {
		var full = RoutingChain.choose(request(null, "ana", Map.of(), true),
				List.of(candidate("ana", 10, List.of()), candidate("bo", 3, List.of())), NOW);
		var off = RoutingChain.choose(request(null, "ana", Map.of(), false),
				List.of(candidate("ana", 5, List.of()), candidate("bo", 0, List.of())), NOW);

		assertThat(full).get().extracting(RoutingChain.Choice::agentId).isEqualTo("bo");
		assertThat(off).get().extracting(RoutingChain.Choice::agentId).isEqualTo("bo");
	}

	@Test
	void skillsBeatLoad_andLearnedResolversCount() {
		var bySkill = RoutingChain.choose(request("Network", null, Map.of(), true),
				List.of(candidate("ana", 0, List.of()), candidate("bo", 4, List.of("network"))), NOW);
		var byHistory = RoutingChain.choose(request(null, null, Map.of("cy", 3), true),
				List.of(candidate("ana", 0, List.of()), candidate("cy", 2, List.of())), NOW);

		assertThat(bySkill).get().extracting(RoutingChain.Choice::agentId).isEqualTo("bo");
		assertThat(bySkill.get().reason()).contains("skills [network]");
		assertThat(byHistory).get().extracting(RoutingChain.Choice::agentId).isEqualTo("cy");
		assertThat(byHistory.get().reason()).contains("answered 3 similar tickets");
	}

	@Test
	void theOwnerOfASimilarOpenRequest_outweighsAResolverOfOldOnes() {
		var request = new RoutingChain.Request(null, List.of(), List.of(), null, Map.of("cy", 1), Map.of("bo", 1), true);

		var choice = RoutingChain.choose(request,
				List.of(candidate("ana", 0, List.of()), candidate("bo", 3, List.of()), candidate("cy", 1, List.of())), NOW);

		assertThat(choice).get().extracting(RoutingChain.Choice::agentId).isEqualTo("bo");
		assertThat(choice.get().reason()).isEqualTo("best skill match (working on 1 similar open request)");
	}

	@Test
	void leastLoaded_thenRoundRobinOnTies() {
		Agent ana = agent("ana", List.of(), "ONLINE", "", Instant.parse("2026-11-24T09:00:00Z"));
		Agent bo = agent("bo", List.of(), "ONLINE", "", Instant.parse("2026-11-24T08:00:00Z"));
		Agent cy = agent("cy", List.of(), "ONLINE", "", null);

		var tie = RoutingChain.choose(request(null, null, Map.of(), true),
				List.of(new RoutingChain.Candidate(ana, 1), new RoutingChain.Candidate(bo, 1), new RoutingChain.Candidate(cy, 2)), NOW);

		assertThat(tie).get().extracting(RoutingChain.Choice::agentId).isEqualTo("bo");
		assertThat(tie.get().reason()).contains("round-robin");
	}

	@Test
	void offlineAwayOutsideHoursOrInactiveAgents_areSkipped_andNobodyMeansQueue() {
		Agent away = agent("away", List.of(), "AWAY", "", null);
		// 10:00 UTC is 19:00 in Tokyo: outside Mon-Fri 09:00-17:00 there
		Agent tokyo = new Agent("i", "tokyo", "Tokyo", null, true, 10, "ONLINE", "Asia/Tokyo", List.of(), "Mon-Fri 09:00-17:00", false, null);
		Agent gone = new Agent("i", "gone", "Gone", null, false, 10, "ONLINE", "UTC", List.of(), "", false, null);
		List<RoutingChain.Candidate> nobody = List.of(new RoutingChain.Candidate(away, 0), new RoutingChain.Candidate(tokyo, 0),
				new RoutingChain.Candidate(gone, 0));

		assertThat(RoutingChain.choose(request(null, null, Map.of(), true), nobody, NOW)).isEmpty();

		Agent berlin = new Agent("i", "berlin", "Berlin", null, true, 10, "ONLINE", "Europe/Berlin", List.of(), "Mon-Fri 09:00-17:00", false, null);
		assertThat(RoutingChain.choose(request(null, null, Map.of(), true),
				List.of(new RoutingChain.Candidate(tokyo, 0), new RoutingChain.Candidate(berlin, 9)), NOW))
			.get().extracting(RoutingChain.Choice::agentId).isEqualTo("berlin");
	}

	private static RoutingChain.Request request(@Nullable String type, @Nullable String previous, Map<String, Integer> votes, boolean affinity) {
		return new RoutingChain.Request(type, List.of(), List.of(), previous, votes, Map.of(), affinity);
	}

	private static RoutingChain.Candidate candidate(String id, int load, List<String> skills) {
		return new RoutingChain.Candidate(agent(id, skills, "ONLINE", "", null), load);
	}

	private static Agent agent(String id, List<String> skills, String presence, String hours, @Nullable Instant last) {
		return new Agent("i", id, id, null, true, 10, presence, "UTC", skills, hours, false, last);
	}

}

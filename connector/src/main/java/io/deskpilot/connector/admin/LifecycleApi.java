package io.deskpilot.connector.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.policy.InvalidPolicyException;
import io.deskpilot.connector.policy.Policies;
import io.deskpilot.connector.policy.Policy;
import io.deskpilot.connector.routing.Agent;
import io.deskpilot.connector.routing.AgentDirectory;
import io.deskpilot.connector.routing.RoutingRule;
import io.deskpilot.connector.routing.RoutingRules;
import io.deskpilot.connector.routing.RuleKind;
import io.deskpilot.connector.workflow.AuditLog;
import io.deskpilot.connector.workflow.Feedback;
import io.deskpilot.connector.workflow.RequestRecord;
import io.deskpilot.connector.workflow.RequestStates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for what happens to requests: the installation's policy, never-auto-answer rules, agents and their
 * routing settings with current load, the requests Deskpilot tracks with their audit trail, and answer outcomes.
 * Guarded by {@link AdminToken}; invalid input is answered 400 with every problem listed and changes nothing.
 */
@RestController
@RequestMapping("/api/installations/{id}")
class LifecycleApi {

	private final Installations installations;

	private final Policies policies;

	private final RoutingRules rules;

	private final AgentDirectory agents;

	private final RequestStates states;

	private final AuditLog audit;

	private final Feedback feedback;

	LifecycleApi(Installations installations, Policies policies, RoutingRules rules, AgentDirectory agents,
			RequestStates states, AuditLog audit, Feedback feedback) {
		this.installations = installations;
		this.policies = policies;
		this.rules = rules;
		this.agents = agents;
		this.states = states;
		this.audit = audit;
		this.feedback = feedback;
	}

	@GetMapping("/policy")
	Policy policy(@PathVariable String id) {
		this.installations.require(id);
		return this.policies.get(id);
	}

	/** Changes the given settings only; the rest keep their values. */
	@PutMapping("/policy")
	Policy updatePolicy(@PathVariable String id, @RequestBody JsonNode changes) {
		this.installations.require(id);
		return this.policies.update(id, changes);
	}

	@GetMapping("/rules")
	List<RoutingRule> rules(@PathVariable String id) {
		this.installations.require(id);
		return this.rules.rules(id);
	}

	record RuleInput(@Nullable String kind, @Nullable String value, @Nullable String note) {
	}

	@PostMapping("/rules")
	ResponseEntity<RoutingRule> addRule(@PathVariable String id, @RequestBody RuleInput input) {
		this.installations.require(id);
		RuleKind kind;
		try {
			kind = RuleKind.valueOf(String.valueOf(input.kind()).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPolicyException(List.of("kind: '" + input.kind() + "' is not one of " + List.of(RuleKind.values())));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(this.rules.add(id, kind, input.value() == null ? "" : input.value(), input.note()));
	}

	@DeleteMapping("/rules/{ruleId}")
	ResponseEntity<Void> removeRule(@PathVariable String id, @PathVariable long ruleId) {
		this.installations.require(id);
		return this.rules.remove(id, ruleId) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	@GetMapping("/agents")
	List<Map<String, Object>> agents(@PathVariable String id) {
		this.installations.require(id);
		Map<String, Integer> loads = this.agents.loads(id);
		return this.agents.agents(id).stream().map(a -> agent(a, loads.getOrDefault(a.id(), 0))).toList();
	}

	/** Reads the assignable agents from the desk again. */
	@PostMapping("/agents/sync")
	List<Map<String, Object>> syncAgents(@PathVariable String id) {
		this.installations.require(id);
		this.agents.sync(id);
		return agents(id);
	}

	@PutMapping("/agents/{agentId}")
	Map<String, Object> updateAgent(@PathVariable String id, @PathVariable String agentId, @RequestBody AgentDirectory.Settings settings) {
		this.installations.require(id);
		Agent a = this.agents.update(id, agentId, settings);
		return agent(a, this.agents.load(id, a.id()));
	}

	private static Map<String, Object> agent(Agent a, int load) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", a.id());
		m.put("displayName", a.displayName());
		m.put("email", a.email());
		m.put("active", a.active());
		m.put("presence", a.presence());
		m.put("capacity", a.capacity());
		m.put("load", load);
		m.put("skills", a.skills());
		m.put("timeZone", a.timeZone());
		m.put("workingHours", a.workingHours());
		m.put("lead", a.lead());
		m.put("lastAssignedAt", a.lastAssignedAt());
		return m;
	}

	@GetMapping("/requests")
	List<RequestRecord> requests(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
		this.installations.require(id);
		if (limit < 1 || limit > 1000) {
			throw new InvalidPolicyException(List.of("limit: " + limit + " is outside 1..1000"));
		}
		return this.states.recent(id, limit);
	}

	@GetMapping("/requests/{key}/audit")
	List<AuditLog.Entry> requestAudit(@PathVariable String id, @PathVariable String key) {
		this.installations.require(id);
		return this.audit.forRequest(id, key);
	}

	@GetMapping("/feedback")
	Map<String, Long> feedback(@PathVariable String id) {
		this.installations.require(id);
		return this.feedback.counts(id, null);
	}

}

package io.deskpilot.connector.routing;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.deskpilot.connector.installation.InstallationCreated;
import io.deskpilot.connector.policy.InvalidPolicyException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The never-auto-answer rules of each installation. A new installation starts with the built-in topics (security,
 * legal, billing disputes) and the angry-tone rule; admins add VIP customers, organizations and request types.
 */
@Repository
public class RoutingRules {

	private final JdbcClient jdbc;

	private final Clock clock;

	RoutingRules(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void installationCreated(InstallationCreated event) {
		for (String topic : List.of("security", "legal", "billing")) {
			add(event.installationId(), RuleKind.TOPIC, topic, "built-in topic: a person answers");
		}
		add(event.installationId(), RuleKind.ANGRY_TONE, "angry", "an upset customer gets a person");
	}

	/** The installation's rules, oldest first. */
	public List<RoutingRule> rules(String installationId) {
		return this.jdbc.sql("select * from routing_rule where installation_id = ? order by id")
			.param(installationId)
			.query((rs, n) -> new RoutingRule(rs.getLong("id"), RuleKind.valueOf(rs.getString("kind")),
					rs.getString("rule_value"), rs.getString("note"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** Adds a rule (an existing identical rule is kept); returns it. */
	public RoutingRule add(String installationId, RuleKind kind, String value, @Nullable String note) {
		List<String> problems = new ArrayList<>();
		String v = value == null ? "" : value.strip();
		if (kind != RuleKind.ANGRY_TONE && v.isEmpty()) {
			problems.add("value: required for " + kind);
		}
		if (v.length() > 500) {
			problems.add("value: at most 500 characters");
		}
		if (kind == RuleKind.ANGRY_TONE) {
			v = "angry";
		}
		if (kind == RuleKind.TOPIC && Guardrails.topicPhrases(v).isEmpty()) {
			problems.add("value: a topic is a built-in name " + Guardrails.TOPICS.keySet() + " or comma-separated keywords");
		}
		if (!problems.isEmpty()) {
			throw new InvalidPolicyException(problems);
		}
		String stored = kind == RuleKind.TOPIC ? v.toLowerCase(Locale.ROOT) : v;
		this.jdbc.sql("""
				insert into routing_rule (installation_id, kind, rule_value, note, created_at) values (?, ?, ?, ?, ?)
				on conflict do nothing""")
			.params(installationId, kind.name(), stored, note, this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		return rules(installationId).stream()
			.filter(r -> r.kind() == kind && r.value().equals(stored))
			.findFirst()
			.orElseThrow();
	}

	/** Removes a rule; false when it did not exist. */
	public boolean remove(String installationId, long id) {
		return this.jdbc.sql("delete from routing_rule where installation_id = ? and id = ?").params(installationId, id).update() > 0;
	}

}

package io.deskpilot.connector.routing;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A never-auto-answer rule: a request that matches goes to a person, with the bot's suggestion as an internal note.
 *
 * @param id the rule's id
 * @param kind what the rule looks at
 * @param value what it matches (a customer, an organization, a request type, a topic)
 * @param note why the rule exists, for admins
 * @param createdAt when it was added
 */
public record RoutingRule(long id, RuleKind kind, String value, @Nullable String note, Instant createdAt) {

	public RoutingRule {
		Objects.requireNonNull(kind, "kind");
		value = value == null ? "" : value.strip();
	}

}

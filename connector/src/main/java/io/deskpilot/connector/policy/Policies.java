package io.deskpilot.connector.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores each installation's {@link Policy} as JSON. Reads are cached briefly (a replica sees another replica's change
 * within seconds); an installation without a stored policy has {@link Policy#DEFAULTS}.
 */
@Service
public class Policies {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Cache<String, Policy> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).maximumSize(10_000).build();

	Policies(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** The installation's policy. */
	public Policy get(String installationId) {
		return this.cache.get(installationId, this::load);
	}

	private Policy load(String installationId) {
		return stored(installationId, false);
	}

	private Policy stored(String installationId, boolean forUpdate) {
		return this.jdbc.sql("select policy from installation_policy where installation_id = ?" + (forUpdate ? " for update" : ""))
			.param(installationId)
			.query(String.class)
			.optional()
			.map(text -> merge(Policy.DEFAULTS, this.json.readTree(text)))
			.orElse(Policy.DEFAULTS);
	}

	/**
	 * Changes the named fields of the policy (fields not given keep their value) and returns the result. Throws
	 * {@link InvalidPolicyException} without storing anything when the result is invalid.
	 */
	@Transactional
	public Policy update(String installationId, JsonNode changes) {
		if (!changes.isObject()) {
			throw new InvalidPolicyException(List.of("the policy must be a JSON object"));
		}
		Policy current = stored(installationId, true);
		Policy next = merge(current, changes);
		String text = this.json.writeValueAsString(next);
		var now = this.clock.instant().atOffset(ZoneOffset.UTC);
		int updated = this.jdbc.sql("update installation_policy set policy = ?, updated_at = ? where installation_id = ?")
			.params(text, now, installationId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into installation_policy (installation_id, policy, updated_at) values (?, ?, ?)")
				.params(installationId, text, now)
				.update();
		}
		this.cache.invalidate(installationId);
		return next;
	}

	private Policy merge(Policy base, JsonNode changes) {
		ObjectNode tree = this.json.valueToTree(base);
		changes.properties().forEach(e -> {
			if (!tree.has(e.getKey())) {
				throw new InvalidPolicyException(List.of(e.getKey() + ": not a policy setting"));
			}
			tree.set(e.getKey(), e.getValue());
		});
		try {
			return this.json.treeToValue(tree, Policy.class);
		}
		catch (InvalidPolicyException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof InvalidPolicyException invalid) {
				throw invalid;
			}
			throw new InvalidPolicyException(List.of("cannot read the policy: " + ex.getOriginalMessage()));
		}
	}

}

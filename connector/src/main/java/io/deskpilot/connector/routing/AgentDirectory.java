package io.deskpilot.connector.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.Assigner;
import io.deskpilot.connector.platform.Person;
import io.deskpilot.connector.policy.InvalidPolicyException;
import io.deskpilot.connector.policy.WorkingHours;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The agents of each installation: synced from the platform, tuned (capacity, skills, hours, presence) by admins. */
@Service
public class AgentDirectory {

	/** States in which a request counts against its assignee's capacity (ESCALATED with an assignee: reserved). */
	static final String OPEN_STATES = "('ASSIGNED', 'ESCALATED')";

	private final JdbcClient jdbc;

	private final Installations installations;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	AgentDirectory(JdbcClient jdbc, Installations installations, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.installations = installations;
		this.clock = clock;
		this.events = events;
	}

	/** Brings the agent list in line with the platform: new agents added with defaults, missing ones deactivated. */
	@Transactional
	public List<Agent> sync(String installationId) {
		var assigner = this.installations.connection(installationId).assignments();
		if (assigner.isEmpty()) {
			return agents(installationId);
		}
		List<Person> people = assigner.map(Assigner::assignableAgents).orElse(List.of());
		Set<String> seen = new HashSet<>();
		var now = this.clock.instant().atOffset(ZoneOffset.UTC);
		for (Person p : people) {
			seen.add(p.id());
			int updated = this.jdbc.sql("""
					update agent set display_name = ?, email = ?, active = true, updated_at = ?
					where installation_id = ? and agent_id = ?""")
				.params(p.displayName(), p.email(), now, installationId, p.id())
				.update();
			if (updated == 0) {
				this.jdbc.sql("""
						insert into agent (installation_id, agent_id, display_name, email, active, updated_at)
						values (?, ?, ?, ?, true, ?)""")
					.params(installationId, p.id(), p.displayName(), p.email(), now)
					.update();
			}
		}
		for (Agent a : agents(installationId)) {
			if (a.active() && !seen.contains(a.id())) {
				this.jdbc.sql("update agent set active = false, updated_at = ? where installation_id = ? and agent_id = ?")
					.params(now, installationId, a.id())
					.update();
			}
		}
		this.events.publishEvent(new AgentsChanged(installationId));
		return agents(installationId);
	}

	/** All agents of an installation. */
	public List<Agent> agents(String installationId) {
		return this.jdbc.sql("select * from agent where installation_id = ? order by agent_id")
			.param(installationId)
			.query(AgentDirectory::map)
			.list();
	}

	/** One agent. */
	public Optional<Agent> agent(String installationId, String agentId) {
		return this.jdbc.sql("select * from agent where installation_id = ? and agent_id = ?")
			.params(installationId, agentId)
			.query(AgentDirectory::map)
			.optional();
	}

	/** The agents who lead the team (they get SLA escalations). */
	public List<Agent> leads(String installationId) {
		return agents(installationId).stream().filter(a -> a.active() && a.lead()).toList();
	}

	/** Open requests each agent owns (or has reserved). */
	public Map<String, Integer> loads(String installationId) {
		Map<String, Integer> loads = new HashMap<>();
		this.jdbc.sql("select assignee_id, count(*) n from request_state where installation_id = ? and assignee_id is not null and state in "
				+ OPEN_STATES + " group by assignee_id")
			.param(installationId)
			.query((ResultSet rs) -> {
				loads.put(rs.getString("assignee_id"), rs.getInt("n"));
			});
		return loads;
	}

	/** Open requests one agent owns. */
	public int load(String installationId, String agentId) {
		return loads(installationId).getOrDefault(agentId, 0);
	}

	/**
	 * Changes an agent's routing settings; null leaves a setting as it is. Throws {@link InvalidPolicyException} with
	 * every problem when a value is invalid, changing nothing.
	 */
	@Transactional
	public Agent update(String installationId, String agentId, Settings s) {
		Agent current = agent(installationId, agentId)
			.orElseThrow(() -> new InvalidPolicyException(List.of("agent: no agent '" + agentId + "' in " + installationId)));
		List<String> problems = new ArrayList<>();
		if (s.capacity() != null && (s.capacity() < 0 || s.capacity() > 1000)) {
			problems.add("capacity: " + s.capacity() + " is outside 0..1000");
		}
		if (s.presence() != null && !Agent.PRESENCES.contains(s.presence())) {
			problems.add("presence: '" + s.presence() + "' is not one of " + Agent.PRESENCES);
		}
		if (s.timeZone() != null) {
			try {
				ZoneId.of(s.timeZone());
			}
			catch (DateTimeException ex) {
				problems.add("timeZone: '" + s.timeZone() + "' is not a time zone (use an IANA name such as Europe/Berlin)");
			}
		}
		if (s.workingHours() != null) {
			try {
				WorkingHours.parse(s.workingHours());
			}
			catch (IllegalArgumentException ex) {
				problems.add("workingHours: " + ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidPolicyException(problems);
		}
		List<String> skills = s.skills() == null ? current.skills()
				: s.skills().stream().map(String::strip).filter(x -> !x.isEmpty() && !x.contains(",")).distinct().toList();
		this.jdbc.sql("""
				update agent set capacity = ?, presence = ?, time_zone = ?, skills = ?, working_hours = ?, is_lead = ?, updated_at = ?
				where installation_id = ? and agent_id = ?""")
			.params(s.capacity() == null ? current.capacity() : s.capacity(),
					s.presence() == null ? current.presence() : s.presence(),
					s.timeZone() == null ? current.timeZone() : s.timeZone(), String.join(",", skills),
					s.workingHours() == null ? current.workingHours() : s.workingHours().strip(),
					s.lead() == null ? current.lead() : s.lead(), this.clock.instant().atOffset(ZoneOffset.UTC),
					installationId, agentId)
			.update();
		this.events.publishEvent(new AgentsChanged(installationId));
		return agent(installationId, agentId).orElseThrow();
	}

	/** Records that routing just gave the agent a request. */
	void markAssigned(String installationId, String agentId, Instant at) {
		this.jdbc.sql("update agent set last_assigned_at = ? where installation_id = ? and agent_id = ?")
			.params(at.atOffset(ZoneOffset.UTC), installationId, agentId)
			.update();
	}

	private static Agent map(ResultSet rs, int row) throws SQLException {
		String skills = rs.getString("skills");
		Timestamp last = rs.getTimestamp("last_assigned_at");
		return new Agent(rs.getString("installation_id"), rs.getString("agent_id"), rs.getString("display_name"),
				rs.getString("email"), rs.getBoolean("active"), rs.getInt("capacity"), rs.getString("presence"),
				rs.getString("time_zone"),
				skills == null || skills.isBlank() ? List.of() : Arrays.stream(skills.split(",")).map(String::strip).toList(),
				rs.getString("working_hours"), rs.getBoolean("is_lead"), last == null ? null : last.toInstant());
	}

	/**
	 * Changes to an agent's routing settings; null keeps the current value.
	 *
	 * @param capacity most open requests
	 * @param presence ONLINE, AWAY or OFFLINE
	 * @param timeZone IANA zone of the working hours
	 * @param skills skill tags
	 * @param workingHours e.g. {@code Mon-Fri 09:00-17:00}
	 * @param lead whether the agent leads the team
	 */
	public record Settings(@Nullable Integer capacity, @Nullable String presence, @Nullable String timeZone,
			@Nullable List<String> skills, @Nullable String workingHours, @Nullable Boolean lead) {
	}

	/**
	 * Published when agents' availability may have grown (presence, capacity, hours, new agents): queued requests
	 * are offered again at once.
	 *
	 * @param installationId the installation
	 */
	public record AgentsChanged(String installationId) {
	}

}

package io.deskpilot.connector.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.Assigner;
import io.deskpilot.connector.platform.Person;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The agents of each installation: synced from the platform, tuned (capacity, skills, hours) in the console. */
@Service
public class AgentDirectory {

	private final JdbcClient jdbc;

	private final Installations installations;

	private final Clock clock;

	AgentDirectory(JdbcClient jdbc, Installations installations, Clock clock) {
		this.jdbc = jdbc;
		this.installations = installations;
		this.clock = clock;
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
		return agents(installationId);
	}

	/** All agents of an installation. */
	public List<Agent> agents(String installationId) {
		return this.jdbc.sql("select * from agent where installation_id = ? order by agent_id")
			.param(installationId)
			.query(AgentDirectory::map)
			.list();
	}

	/** Open requests each agent owns. */
	public int load(String installationId, String agentId) {
		return this.jdbc.sql("select count(*) from request_state where installation_id = ? and assignee_id = ? and state = 'ASSIGNED'")
			.params(installationId, agentId)
			.query(Integer.class)
			.single();
	}

	private static Agent map(ResultSet rs, int row) throws SQLException {
		String skills = rs.getString("skills");
		return new Agent(rs.getString("installation_id"), rs.getString("agent_id"), rs.getString("display_name"),
				rs.getString("email"), rs.getBoolean("active"), rs.getInt("capacity"), rs.getString("presence"),
				rs.getString("time_zone"),
				skills == null || skills.isBlank() ? List.of() : Arrays.stream(skills.split(",")).map(String::strip).toList(),
				rs.getString("working_hours"));
	}

}

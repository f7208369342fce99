package io.deskpilot.connector.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Assigns requests to agents, and lists the agents who can take them. */
public interface Assigner {

	/** Assigns the request to the agent (null: unassign). */
	void assign(String key, @Nullable String agentId);

	/** The agents requests can be assigned to. */
	List<Person> assignableAgents();

}

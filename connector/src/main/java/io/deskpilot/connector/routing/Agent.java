package io.deskpilot.connector.routing;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An agent as routing sees them.
 *
 * @param installationId the installation
 * @param id the platform's agent id
 * @param displayName name
 * @param email address, if known
 * @param active whether the agent still exists on the platform and may get work
 * @param capacity most open requests the agent should own at once
 * @param presence ONLINE, AWAY or OFFLINE
 * @param timeZone IANA time zone of the agent's working hours
 * @param skills skill tags (request types, components, labels)
 * @param workingHours working hours, e.g. {@code Mon-Fri 09:00-17:00}; empty means always
 * @param lead whether the agent is a team lead (gets first-response SLA escalations)
 * @param lastAssignedAt when routing last gave the agent a request (round-robin among equals)
 */
public record Agent(String installationId, String id, String displayName, @Nullable String email, boolean active,
		int capacity, String presence, String timeZone, List<String> skills, String workingHours, boolean lead,
		@Nullable Instant lastAssignedAt) {

	/** Presence values. */
	public static final List<String> PRESENCES = List.of("ONLINE", "AWAY", "OFFLINE");

	public Agent {
		skills = List.copyOf(skills);
	}

}

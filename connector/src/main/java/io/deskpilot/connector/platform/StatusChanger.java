package io.deskpilot.connector.platform;

import org.jspecify.annotations.Nullable;

/** Moves requests through the platform's workflow. */
public interface StatusChanger {

	/**
	 * Moves the request to the status matching the target; a request already there is left alone.
	 * @param key the request
	 * @param target where to move it
	 * @param resolution resolution name when resolving, if the platform needs one
	 */
	void transition(String key, TargetStatus target, @Nullable String resolution);

}

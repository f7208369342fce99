package io.deskpilot.connector.platform;

import org.jspecify.annotations.Nullable;

/** Polls for request events, the fallback that catches whatever a webhook missed. */
public interface ChangeFeed {

	/**
	 * Returns events after the cursor (null: start from now, returning no history). Pages may overlap earlier ones;
	 * callers deduplicate by {@link RequestEvent#dedupeKey()}.
	 */
	ChangePage changesSince(@Nullable String cursor, int limit);

}

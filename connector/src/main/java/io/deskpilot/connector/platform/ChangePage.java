package io.deskpilot.connector.platform;

import java.util.List;

/**
 * Events found by polling, and the cursor to poll from next time.
 *
 * @param events events, oldest first; may repeat events seen before (they are deduplicated)
 * @param cursor opaque position to pass to the next poll
 */
public record ChangePage(List<RequestEvent> events, String cursor) {

	public ChangePage {
		events = List.copyOf(events);
	}

}

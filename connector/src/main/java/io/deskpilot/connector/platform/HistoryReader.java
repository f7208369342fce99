package io.deskpilot.connector.platform;

import org.jspecify.annotations.Nullable;

/** Reads resolved tickets with their conversations, resumable from a watermark. */
public interface HistoryReader {

	/** Returns the page of resolved tickets after the cursor (null: from the beginning). */
	HistoryPage resolved(@Nullable String cursor, int pageSize);

}

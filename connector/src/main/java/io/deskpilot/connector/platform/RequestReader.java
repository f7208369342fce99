package io.deskpilot.connector.platform;

import java.util.List;

/** Reads requests and their conversation. */
public interface RequestReader {

	/** Returns the request as the platform reports it now. */
	PlatformRequest request(String key);

	/** Returns the request's comments, oldest first, internal notes included (flagged). */
	List<PlatformComment> comments(String key);

}

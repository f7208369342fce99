package io.deskpilot.connector.platform;

/** Links related requests (an outage's reports to their master), so agents see them together. */
public interface Linker {

	/** Links the request to another one; linking twice has no further effect. */
	void link(String key, String otherKey);

}

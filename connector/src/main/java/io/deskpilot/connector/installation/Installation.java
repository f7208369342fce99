package io.deskpilot.connector.installation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A desk Deskpilot is connected to: one tenant. Holds only non-secret settings; secrets stay encrypted in the store.
 *
 * @param id stable id, used in webhook URLs and index paths
 * @param platform the {@link io.deskpilot.connector.platform.PlatformAdapter#type()}
 * @param name name shown to admins
 * @param config non-secret settings
 * @param enabled whether Deskpilot acts on this desk
 * @param createdAt when it was added
 * @param updatedAt when it last changed
 */
public record Installation(String id, String platform, String name, Map<String, String> config, boolean enabled,
		Instant createdAt, Instant updatedAt) {

	public Installation {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(platform, "platform");
		config = Map.copyOf(config);
	}

}

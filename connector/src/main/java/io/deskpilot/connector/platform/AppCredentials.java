package io.deskpilot.connector.platform;

import java.util.Optional;

/**
 * The newest token an app runtime handed over for an installation (Forge sends one with every call): adapters of
 * app-installed desks authenticate their API calls with it.
 */
public interface AppCredentials {

	/** The installation's current app token, if the runtime has sent one. */
	Optional<Secret> token(String installationId);

}

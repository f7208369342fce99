package io.deskpilot.connector.installation;

/** No installation has the given id. */
public class UnknownInstallationException extends RuntimeException {

	public UnknownInstallationException(String id) {
		super("No installation '" + id + "'");
	}

}

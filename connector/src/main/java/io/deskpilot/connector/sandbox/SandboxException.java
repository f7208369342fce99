package io.deskpilot.connector.sandbox;

/** The sandbox desk refused an operation; {@code status} is the HTTP status its API answers with. */
class SandboxException extends RuntimeException {

	private final int status;

	SandboxException(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}

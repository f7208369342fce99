package io.deskpilot.connector.platform;

/**
 * The platform refused a call for a reason retrying will not fix: bad credentials, missing permission, unknown request,
 * invalid input (HTTP 400, 401, 403, 404, 409, 422) or a failure reported in a success response.
 */
public class PlatformRejectedException extends RuntimeException {

	private final int status;

	public PlatformRejectedException(String message, int status) {
		super(message);
		this.status = status;
	}

	public PlatformRejectedException(String message, int status, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/** HTTP-like status of the refusal (400 when the platform gave none). */
	public int status() {
		return this.status;
	}

}

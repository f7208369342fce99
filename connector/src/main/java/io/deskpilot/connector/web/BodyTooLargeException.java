package io.deskpilot.connector.web;

import java.io.IOException;

/** A request body over its path's limit ({@link BodyLimits}); answered 413. */
public final class BodyTooLargeException extends IOException {

	private final long limit;

	BodyTooLargeException(long limit) {
		super("the request body is larger than " + limit + " bytes, the limit here");
		this.limit = limit;
	}

	/** The limit that was exceeded, in bytes. */
	public long limit() {
		return this.limit;
	}

}

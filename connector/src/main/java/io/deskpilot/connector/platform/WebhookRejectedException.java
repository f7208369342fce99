package io.deskpilot.connector.platform;

/** A webhook delivery failed verification: missing or wrong signature or token. Answered with 401. */
public class WebhookRejectedException extends PlatformRejectedException {

	public WebhookRejectedException(String message) {
		super(message, 401);
	}

}

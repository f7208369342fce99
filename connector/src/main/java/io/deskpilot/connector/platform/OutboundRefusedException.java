package io.deskpilot.connector.platform;

/**
 * Deskpilot refused to send a call, before anything left: the destination is one the outbound policy forbids (loopback,
 * link-local, private without the operator's allowance, ...) or the desk answered with a redirect. Retrying does not
 * help; the message names the rule and the setting that allows the destination.
 */
public class OutboundRefusedException extends PlatformRejectedException {

	public OutboundRefusedException(String message) {
		super(message, 400);
	}

}

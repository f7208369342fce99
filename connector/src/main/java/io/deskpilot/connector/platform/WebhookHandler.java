package io.deskpilot.connector.platform;

import java.util.List;

/** Verifies and parses a platform's webhook deliveries. Verification always comes first, on the raw bytes. */
public interface WebhookHandler {

	/** Throws {@link WebhookRejectedException} unless the delivery is authentic. Must not parse the body first. */
	void verify(WebhookDelivery delivery);

	/** The events a verified delivery reports (empty when it is about nothing Deskpilot handles). */
	List<RequestEvent> parse(WebhookDelivery delivery);

}

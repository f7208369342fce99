package io.deskpilot.connector.platform;

import java.util.List;
import java.util.Map;

/**
 * Calls from a desk's app runtime (Forge on Jira Cloud) to the fixed endpoint {@code POST /apps/{platform}/events}.
 * Unlike webhooks, which name their installation in the URL, such a call names it inside a signed token: the adapter
 * verifies the call first, and Deskpilot maps the app installation to a tenant (creating a disabled one on first
 * contact, for an admin to finish setting up).
 */
public interface AppEvents {

	/**
	 * Verifies a call on its raw headers and body before anything parses it.
	 * @throws WebhookRejectedException when the call is not authentic (missing, forged, expired, for another app)
	 */
	AppInvocation verify(WebhookDelivery delivery);

	/** Whether the call came from the app's admin page (shown to site admins only), the one place settings may change. */
	boolean fromAdminPage(AppInvocation invocation);

	/** The settings a tenant created for a new app installation starts with (it stays disabled until completed). */
	Map<String, String> initialSettings(AppInvocation invocation);

	/**
	 * The request events of a verified call, for the tenant with these settings; empty for lifecycle and scheduled
	 * calls, and for other projects' issues.
	 */
	List<RequestEvent> parse(WebhookDelivery delivery, Map<String, String> settings);

}

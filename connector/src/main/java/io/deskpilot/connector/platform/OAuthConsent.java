package io.deskpilot.connector.platform;

import java.net.URI;

/**
 * An adapter whose installations authorize with an OAuth 2.0 authorization-code grant: an admin consents on the desk's
 * own page, the desk sends the browser back with a code, and the adapter exchanges it for tokens it keeps in
 * {@link OAuthGrants} (Jira Cloud's OAuth 2.0 "3LO").
 */
public interface OAuthConsent {

	/** Whether an installation with these settings authorizes through consent (rather than a token typed in). */
	boolean uses(ConnectionSettings settings);

	/**
	 * The desk's consent page for this installation.
	 * @param redirectUri where the desk sends the browser back (registered with the desk's OAuth app)
	 * @param state the one-time value the callback must carry back
	 */
	URI authorizationUri(ConnectionSettings settings, URI redirectUri, String state);

	/**
	 * Exchanges the code for tokens, finds the site the settings name among those the grant reaches, and stores the
	 * grant. Throws {@link PlatformRejectedException} when the desk refuses the code or the grant does not reach the
	 * site, {@link TransientPlatformException} when the desk cannot be reached.
	 * @return what was connected, for the admin ("Connected to https://acme.atlassian.net as …")
	 */
	String complete(ConnectionSettings settings, String code, URI redirectUri);

	/**
	 * Whether a grant obtained with the settings {@code before} still serves the settings {@code after} (same site,
	 * same app, same servers). When not, the grant is dropped and an admin connects again.
	 */
	boolean sameConsent(ConnectionSettings before, ConnectionSettings after);

}

package io.deskpilot.connector.installation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.OAuthConsent;
import io.deskpilot.connector.platform.OAuthGrants;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.system.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * An admin's OAuth consent for an installation, start to finish: {@link #begin} issues a one-time state (kept in the
 * shared database for {@link #STATE_TTL}, so the desk may send the browser back to any replica) and returns the desk's
 * consent page; {@link #complete} checks the state, lets the adapter exchange the code, and reopens the connection.
 */
@Component
public class OAuthConsents {

	/** How long an admin has between leaving for the consent page and coming back. */
	static final Duration STATE_TTL = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(OAuthConsents.class);

	private final Installations installations;

	private final OAuthGrantStore store;

	private final Clock clock;

	OAuthConsents(Installations installations, OAuthGrantStore store, Clock clock) {
		this.installations = installations;
		this.store = store;
		this.clock = clock;
	}

	/** Whether the installation authorizes by consent (and so shows "Connect with Atlassian"). */
	public boolean uses(String installationId) {
		ConnectionSettings settings = this.installations.settings(installationId);
		return consent(installationId).map(c -> c.uses(settings)).orElse(false);
	}

	/** The installation's grant, if any (for the console: which site, since when, whether it needs consent again). */
	public Optional<OAuthGrants.Grant> grant(String installationId) {
		return this.store.find(installationId);
	}

	/** Starts a consent and returns the desk's consent page to send the admin's browser to. */
	public URI begin(String installationId, URI redirectUri) {
		ConnectionSettings settings = this.installations.settings(installationId);
		OAuthConsent consent = consent(installationId).filter(c -> c.uses(settings))
			.orElseThrow(() -> new PlatformRejectedException(
					"Installation " + installationId + " does not authorize with OAuth (choose the 'oauth' deployment)", 400));
		String state = SecretCipher.randomToken();
		this.store.rememberState(state, installationId, redirectUri, this.clock.instant().plus(STATE_TTL));
		return consent.authorizationUri(settings, redirectUri, state);
	}

	/**
	 * Finishes a consent the desk sent back: the state must be one {@link #begin} issued, unused and fresh.
	 * @return the installation and what was connected
	 */
	public Completed complete(String state, String code) {
		if (state == null || state.isBlank() || code == null || code.isBlank()) {
			throw new PlatformRejectedException("The consent callback must carry 'code' and 'state'", 400);
		}
		OAuthGrantStore.PendingConsent pending = this.store.takeState(state.strip())
			.orElseThrow(() -> new PlatformRejectedException(
					"Unknown or expired consent (state): start again with 'Connect with Atlassian'", 400));
		String id = pending.installationId();
		ConnectionSettings settings = this.installations.settings(id);
		OAuthConsent consent = consent(id).orElseThrow();
		String message = consent.complete(settings, code.strip(), pending.redirectUri());
		this.installations.reconnect(id);
		log.info("OAuth consent for installation {} completed: {}", id, message);
		return new Completed(id, message);
	}

	private Optional<OAuthConsent> consent(String installationId) {
		return this.installations.adapter(this.installations.require(installationId).platform()).oauthConsent();
	}

	/** A finished consent. */
	public record Completed(String installationId, String message) {
	}

}

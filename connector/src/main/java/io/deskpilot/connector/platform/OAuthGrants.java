package io.deskpilot.connector.platform;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Where OAuth grants live: one per installation, encrypted in the shared database, so that every replica calls the
 * desk with the same tokens. Refresh tokens that rotate (each use returns a new one and retires the old) must be used
 * by one caller at a time across all replicas: {@link #refresh} runs the exchange under the installation's row lock.
 */
public interface OAuthGrants {

	/** The installation's grant, if an admin has consented. */
	Optional<Grant> find(String installationId);

	/** Stores a new grant (after consent), replacing any earlier one. */
	void save(Grant grant);

	/**
	 * Returns a fresh grant: the stored one if {@code fresh} accepts it, else the result of {@code exchange} applied to
	 * the stored one, saved before it is returned. The whole step holds the installation's lock, so concurrent callers
	 * on any replica exchange a refresh token once and share the result.
	 * @throws PlatformRejectedException when there is no grant (no consent yet) or it needs consent again
	 */
	Grant refresh(String installationId, Predicate<Grant> fresh, UnaryOperator<Grant> exchange);

	/** The refusal for an installation no admin has connected yet. */
	static PlatformRejectedException notConsented(String installationId) {
		return new PlatformRejectedException("Installation " + installationId
				+ " has no OAuth grant yet: an admin must press 'Connect with Atlassian' in the console", 401);
	}

	/** Marks the grant as needing consent again (the desk refused its refresh token), with the desk's reason. */
	void broken(String installationId, String reason);

	/**
	 * One installation's OAuth grant.
	 * @param installationId the installation
	 * @param resourceId the desk's id for the site the grant reaches (Jira's cloud id)
	 * @param apiBaseUrl where API calls go ({@code https://api.atlassian.com/ex/jira/<cloud id>})
	 * @param accessToken the bearer token
	 * @param accessExpiresAt when the access token expires
	 * @param refreshToken the current refresh token (rotates on every use)
	 * @param scopes the scopes granted, space-separated
	 * @param grantedAt when the admin consented
	 * @param refreshedAt when the tokens were last exchanged
	 * @param problem why the grant needs consent again, or null while it works
	 */
	record Grant(String installationId, String resourceId, URI apiBaseUrl, Secret accessToken, Instant accessExpiresAt,
			Secret refreshToken, String scopes, Instant grantedAt, Instant refreshedAt, @Nullable String problem) {

		/**
		 * Whether the access token is good to use at {@code now}: it works and has more than a tenth of its life (at
		 * most a minute) left, so no call goes out with a token about to lapse.
		 */
		public boolean freshAt(Instant now) {
			long life = java.time.Duration.between(this.refreshedAt, this.accessExpiresAt).toMillis();
			java.time.Duration margin = java.time.Duration.ofMillis(Math.min(60_000, Math.max(0, life / 10)));
			return this.problem == null && this.accessExpiresAt.isAfter(now.plus(margin));
		}

		@Override
		public String toString() {
			return "Grant[" + this.installationId + ", " + this.resourceId + ", " + this.apiBaseUrl + ", expires "
					+ this.accessExpiresAt + ", tokens=******" + (this.problem == null ? "" : ", problem=" + this.problem) + "]";
		}

	}

}

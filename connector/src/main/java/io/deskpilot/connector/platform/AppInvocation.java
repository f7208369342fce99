package io.deskpilot.connector.platform;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A verified call from a desk's app runtime (for Jira Cloud: Forge, whose invocation token has been checked): which
 * installation of the app made it, where that installation's API is, and the short-lived token the runtime handed
 * over for calling it back.
 *
 * @param appInstallationId the runtime's id of the app installation (one per site)
 * @param apiBaseUrl where API calls for that installation go
 * @param siteId the site's id on the platform (Jira's cloud id), when known
 * @param systemToken the token to call the API with as the app, when the runtime sent one
 * @param tokenExpiresAt when that token expires, when known
 * @param module the kind of app module that made the call (Forge: {@code xen:trigger}, {@code jira:adminPage}, ...)
 */
public record AppInvocation(String appInstallationId, URI apiBaseUrl, @Nullable String siteId, @Nullable Secret systemToken,
		@Nullable Instant tokenExpiresAt, @Nullable String module) {

	public AppInvocation {
		Objects.requireNonNull(appInstallationId, "appInstallationId");
		Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
	}

	@Override
	public String toString() {
		return "AppInvocation[" + this.appInstallationId + ", " + this.apiBaseUrl + ", site=" + this.siteId + ", module="
				+ this.module + ", token="
				+ (this.systemToken == null ? "none" : "******") + "]";
	}

}

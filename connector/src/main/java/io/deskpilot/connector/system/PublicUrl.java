package io.deskpilot.connector.system;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address desks and browsers reach this service at ({@code deskpilot.public-url}), for the URLs admins paste
 * and follow; without it, the address of the request being answered.
 */
@Component
public class PublicUrl {

	private final @Nullable String configured;

	PublicUrl(@Value("${deskpilot.public-url:}") @Nullable String configured) {
		this.configured = configured == null || configured.isBlank() ? null : configured.strip().replaceAll("/+$", "");
	}

	/** The configured public URL, without a trailing slash. */
	public Optional<String> configured() {
		return Optional.ofNullable(this.configured);
	}

	/** The configured public URL, or the scheme, host and port this request came to. */
	public String of(HttpServletRequest request) {
		return configured().orElseGet(() -> request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
	}

	/** Where a desk's OAuth consent page sends the admin's browser back (registered with the desk's OAuth app). */
	public String oauthCallback(HttpServletRequest request) {
		return of(request) + OAUTH_CALLBACK;
	}

	/** The path of the OAuth consent callback. */
	public static final String OAUTH_CALLBACK = "/oauth/callback";

	/** Where an installation's desk sends its webhooks. */
	public String webhook(HttpServletRequest request, String installationId) {
		return of(request) + "/webhooks/" + installationId;
	}

}

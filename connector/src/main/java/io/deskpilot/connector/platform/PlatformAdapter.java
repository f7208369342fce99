package io.deskpilot.connector.platform;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of help desk Deskpilot can connect to (one bean per platform type). It describes its settings for the admin
 * console, validates them, and opens {@link PlatformConnection}s, one per installation.
 */
public interface PlatformAdapter {

	/** Stable type id stored with each installation, e.g. {@code jira}, {@code sandbox}. */
	String type();

	/** Name shown to admins. */
	String label();

	/** The settings a connection needs, in form order. */
	List<ConfigField> configFields();

	/** What connections of this type can do. */
	PlatformCapabilities capabilities();

	/** How this platform's app runtime calls Deskpilot, for desks installed as an app (Forge on Jira Cloud). */
	default Optional<AppEvents> appEvents() {
		return Optional.empty();
	}

	/** How installations that authorize by OAuth consent (rather than a typed-in token) get their grant. */
	default Optional<OAuthConsent> oauthConsent() {
		return Optional.empty();
	}

	/**
	 * What an admin does on the desk so it reaches Deskpilot (webhooks, tokens), with the exact values for an
	 * installation with these settings whose webhook endpoint is {@code webhookUrl}.
	 */
	default List<SetupStep> setup(Map<String, String> settings, String webhookUrl) {
		return List.of();
	}

	/**
	 * The setup steps, for adapters whose installations may authorize by OAuth consent: {@code oauthRedirectUrl} is
	 * the callback the admin registers with the desk's OAuth app.
	 */
	default List<SetupStep> setup(Map<String, String> settings, String webhookUrl, String oauthRedirectUrl) {
		return setup(settings, webhookUrl);
	}

	/** Opens a connection with validated settings. Does not call the platform; {@link PlatformConnection#test()} does. */
	PlatformConnection connect(ConnectionSettings settings);

	/**
	 * Returns the problems with a set of values (empty when valid): required fields missing, malformed URLs and
	 * numbers, values outside the choices. Secrets are validated for presence only.
	 */
	default List<String> validate(Map<String, String> values) {
		List<String> problems = new ArrayList<>();
		for (ConfigField field : configFields()) {
			String v = values.get(field.name());
			if (v == null || v.isBlank()) {
				if (field.required() && field.defaultValue() == null) {
					problems.add(field.label() + " is required");
				}
				continue;
			}
			switch (field.type()) {
				case URL -> {
					try {
						URI uri = URI.create(v.strip());
						if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
							problems.add(field.label() + " must be an absolute http(s) URL");
						}
					}
					catch (IllegalArgumentException ex) {
						problems.add(field.label() + " is not a valid URL");
					}
				}
				case NUMBER -> {
					try {
						Long.parseLong(v.strip());
					}
					catch (NumberFormatException ex) {
						problems.add(field.label() + " must be a whole number");
					}
				}
				case BOOLEAN -> {
					if (!"true".equalsIgnoreCase(v.strip()) && !"false".equalsIgnoreCase(v.strip())) {
						problems.add(field.label() + " must be true or false");
					}
				}
				case CHOICE -> {
					if (!field.options().contains(v.strip())) {
						problems.add(field.label() + " must be one of " + field.options());
					}
				}
				default -> {
				}
			}
		}
		return problems;
	}

}

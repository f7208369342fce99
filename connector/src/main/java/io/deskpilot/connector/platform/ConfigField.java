package io.deskpilot.connector.platform;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One setting an adapter needs to connect, described so the admin console can render a form for it without knowing
 * the platform.
 *
 * @param name key in the installation's configuration
 * @param label what the form shows
 * @param type how to edit and validate it
 * @param required whether a value must be given
 * @param help a sentence on where to find the value
 * @param defaultValue value used when none is given
 * @param options allowed values for {@link Type#CHOICE}
 * @param destination whether the value decides where or as whom the installation's secrets are sent (a host, an
 * endpoint, a deployment, an account): changing it drops the stored secrets unless new ones come with it, and a URL
 * here must pass the outbound policy
 */
public record ConfigField(String name, String label, Type type, boolean required, String help,
		@Nullable String defaultValue, List<String> options, boolean destination) {

	public ConfigField {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(type, "type");
		help = Objects.requireNonNullElse(help, "");
		options = options == null ? List.of() : List.copyOf(options);
		if (destination && type == Type.SECRET) {
			throw new IllegalArgumentException("a secret cannot be a destination: " + name);
		}
	}

	/** A field that is not a destination. */
	public ConfigField(String name, String label, Type type, boolean required, String help, @Nullable String defaultValue,
			List<String> options) {
		this(name, label, type, required, help, defaultValue, options, false);
	}

	/** This field, marked as deciding where or as whom secrets are sent (see {@link #destination()}). */
	public ConfigField asDestination() {
		return new ConfigField(this.name, this.label, this.type, this.required, this.help, this.defaultValue, this.options, true);
	}

	/** Whether the value is a secret: masked on read, kept when the mask is posted back, never logged. */
	public boolean secret() {
		return this.type == Type.SECRET;
	}

	/** A required field of the given type. */
	public static ConfigField required(String name, String label, Type type, String help) {
		return new ConfigField(name, label, type, true, help, null, List.of());
	}

	/** An optional field with a default. */
	public static ConfigField optional(String name, String label, Type type, String help, @Nullable String defaultValue) {
		return new ConfigField(name, label, type, false, help, defaultValue, List.of());
	}

	/** Field types the console can render. */
	public enum Type {

		/** Free text. */
		TEXT,

		/** An absolute http(s) URL. */
		URL,

		/** A password, token or key. */
		SECRET,

		/** A whole number. */
		NUMBER,

		/** true or false. */
		BOOLEAN,

		/** One of {@link ConfigField#options()}. */
		CHOICE

	}

}

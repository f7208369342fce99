package io.deskpilot.connector.platform;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The settings an adapter connects with: plain values and secrets, per installation. Its {@link #toString()} lists
 * secret names only.
 *
 * @param installationId the installation (tenant) these settings belong to
 * @param values non-secret settings by {@link ConfigField#name()}
 * @param secrets secret settings by {@link ConfigField#name()}
 * @param webhookSecret the secret Deskpilot gave the platform for signing or authenticating webhooks
 */
public record ConnectionSettings(String installationId, Map<String, String> values, Map<String, Secret> secrets,
		Secret webhookSecret) {

	public ConnectionSettings {
		Objects.requireNonNull(installationId, "installationId");
		values = Map.copyOf(values);
		secrets = Map.copyOf(secrets);
		Objects.requireNonNull(webhookSecret, "webhookSecret");
	}

	/** A plain value, or null. */
	public @Nullable String value(String name) {
		return this.values.get(name);
	}

	/** A plain value, or the default. */
	public String value(String name, String defaultValue) {
		String v = this.values.get(name);
		return v == null || v.isBlank() ? defaultValue : v;
	}

	/** A secret, or null. */
	public @Nullable Secret secret(String name) {
		return this.secrets.get(name);
	}

	@Override
	public String toString() {
		return "ConnectionSettings[installationId=" + this.installationId + ", values=" + new TreeMap<>(this.values)
				+ ", secrets=" + new TreeMap<>(this.secrets).keySet() + "]";
	}

}

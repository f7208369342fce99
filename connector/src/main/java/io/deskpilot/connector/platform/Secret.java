package io.deskpilot.connector.platform;

import java.util.Objects;

/** A secret value (token, password, key) whose {@link #toString()} never reveals it. */
public final class Secret {

	private final String value;

	private Secret(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	/** Wraps a secret value. */
	public static Secret of(String value) {
		return new Secret(value);
	}

	/** The secret itself; call only where it is sent to the platform or compared. */
	public String reveal() {
		return this.value;
	}

	/** Whether the secret is empty. */
	public boolean isEmpty() {
		return this.value.isEmpty();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret s && java.security.MessageDigest.isEqual(
				this.value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Override
	public int hashCode() {
		return 0;
	}

	@Override
	public String toString() {
		return "******";
	}

}

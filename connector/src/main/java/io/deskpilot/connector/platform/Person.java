package io.deskpilot.connector.platform;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A customer or an agent as the platform knows them.
 *
 * @param id the platform's stable id (account id, user name, numeric id)
 * @param displayName name for people to read
 * @param email e-mail address, when the platform shares it
 */
public record Person(String id, String displayName, @Nullable String email) {

	public Person {
		Objects.requireNonNull(id, "id");
		displayName = displayName == null || displayName.isBlank() ? id : displayName;
	}

	/** A person known only by id. */
	public static Person of(String id) {
		return new Person(id, id, null);
	}

}

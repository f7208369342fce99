package io.deskpilot.connector.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step an admin takes on the desk to connect it, with the exact values to paste (shown by the admin API and
 * console). Never carries a secret's value: where one is to be pasted, the field says which secret.
 *
 * @param title what to do, where (e.g. "Jira administration → System → WebHooks → Create a WebHook")
 * @param fields the form's fields and the values to enter, in form order
 * @param notes anything else to know
 */
public record SetupStep(String title, Map<String, String> fields, List<String> notes) {

	public SetupStep {
		Objects.requireNonNull(title, "title");
		fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
		notes = List.copyOf(notes);
	}

}

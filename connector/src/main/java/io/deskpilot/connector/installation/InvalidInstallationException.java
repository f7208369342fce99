package io.deskpilot.connector.installation;

import java.util.List;

/** Installation settings failed validation; {@link #problems()} lists each problem for the admin. */
public class InvalidInstallationException extends RuntimeException {

	private final List<String> problems;

	public InvalidInstallationException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}

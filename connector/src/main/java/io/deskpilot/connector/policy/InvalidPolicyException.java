package io.deskpilot.connector.policy;

import java.util.List;

/** A policy failed validation; {@link #problems()} lists each problem for the admin. */
public class InvalidPolicyException extends RuntimeException {

	private final List<String> problems;

	public InvalidPolicyException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}

package io.deskpilot.connector.sandbox;

import java.util.Arrays;
import java.util.Optional;

import io.deskpilot.connector.platform.StatusCategory;

/** The sandbox desk's workflow, modelled on a service desk's default one. */
enum SandboxStatus {

	WAITING_FOR_SUPPORT("Waiting for support", StatusCategory.NEW),

	IN_PROGRESS("In progress", StatusCategory.IN_PROGRESS),

	WAITING_FOR_CUSTOMER("Waiting for customer", StatusCategory.WAITING_FOR_CUSTOMER),

	RESOLVED("Resolved", StatusCategory.DONE);

	private final String label;

	private final StatusCategory category;

	SandboxStatus(String label, StatusCategory category) {
		this.label = label;
		this.category = category;
	}

	String label() {
		return this.label;
	}

	StatusCategory category() {
		return this.category;
	}

	static Optional<SandboxStatus> ofLabel(String label) {
		return Arrays.stream(values()).filter(s -> s.label.equalsIgnoreCase(label.strip()) || s.name().equalsIgnoreCase(label.strip())).findFirst();
	}

}

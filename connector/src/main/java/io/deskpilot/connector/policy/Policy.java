package io.deskpilot.connector.policy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.deskpilot.connector.conversation.Templates;
import org.jspecify.annotations.Nullable;

/**
 * How Deskpilot behaves on one installation. Validated on construction: an invalid policy never exists, so everything
 * that reads one can trust it.
 *
 * @param shadowMode draft only: the bot never posts publicly, its answers become internal notes for agents
 * @param shadowRequestTypes request types in shadow mode even when the installation is not
 * @param confirmationDays days of silence after the bot's answer before the request is resolved as unconfirmed
 * @param timeZone the desk's business time zone (IANA name)
 * @param businessHours the desk's business hours, e.g. {@code Mon-Fri 09:00-17:00}; empty means around the clock
 * @param firstResponseMinutes the first-response target in business minutes (the SLA when the platform has none)
 * @param slaWarningMinutes how long before the first-response target a lead is alerted
 * @param noticeIntervalMinutes shortest gap between two status notices to the same customer
 * @param defaultLanguage language of replies when the request's language cannot be told
 * @param affinity send a customer's request to the agent who handled their previous one, when available
 * @param clusterSize how many similar new requests within the window make an outage cluster (0: off)
 * @param clusterWindowMinutes the window in which similar requests are clustered
 * @param templates reply template overrides: language → template name → text
 * @param answerThreshold confidence (0..1) from which the bot answers publicly; null: the service's default
 * @param suggestThreshold confidence (0..1) from which it suggests to the agent; null: the service's default
 */
public record Policy(boolean shadowMode, List<String> shadowRequestTypes, int confirmationDays, String timeZone,
		String businessHours, int firstResponseMinutes, int slaWarningMinutes, int noticeIntervalMinutes,
		String defaultLanguage, boolean affinity, int clusterSize, int clusterWindowMinutes,
		Map<String, Map<String, String>> templates, @Nullable Double answerThreshold, @Nullable Double suggestThreshold) {

	/** The policy of a new installation. */
	public static final Policy DEFAULTS = new Policy(false, List.of(), 3, "UTC", "Mon-Fri 09:00-17:00", 240, 30, 10,
			"en", true, 3, 30, Map.of(), null, null);

	public Policy {
		shadowRequestTypes = shadowRequestTypes == null ? List.of() : List.copyOf(shadowRequestTypes);
		timeZone = Objects.requireNonNullElse(timeZone, "UTC");
		businessHours = Objects.requireNonNullElse(businessHours, "");
		defaultLanguage = Objects.requireNonNullElse(defaultLanguage, "en");
		templates = templates == null ? Map.of() : Map.copyOf(templates);
		List<String> problems = new ArrayList<>();
		range(problems, "confirmationDays", confirmationDays, 1, 60);
		range(problems, "firstResponseMinutes", firstResponseMinutes, 1, 7 * 24 * 60);
		range(problems, "slaWarningMinutes", slaWarningMinutes, 0, 7 * 24 * 60);
		range(problems, "noticeIntervalMinutes", noticeIntervalMinutes, 0, 24 * 60);
		range(problems, "clusterWindowMinutes", clusterWindowMinutes, 1, 24 * 60);
		if (clusterSize != 0) {
			range(problems, "clusterSize", clusterSize, 2, 50);
		}
		try {
			ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			problems.add("timeZone: '" + timeZone + "' is not a time zone (use an IANA name such as Europe/Berlin)");
		}
		try {
			WorkingHours.parse(businessHours);
		}
		catch (IllegalArgumentException ex) {
			problems.add("businessHours: " + ex.getMessage());
		}
		if (!Templates.LANGUAGES.contains(defaultLanguage)) {
			problems.add("defaultLanguage: '" + defaultLanguage + "' is not one of " + Templates.LANGUAGES);
		}
		problems.addAll(Templates.check(templates));
		if (answerThreshold != null && !(answerThreshold >= 0 && answerThreshold <= 1)) {
			problems.add("answerThreshold: " + answerThreshold + " is outside 0..1");
		}
		if (suggestThreshold != null && !(suggestThreshold >= 0 && suggestThreshold <= 1)) {
			problems.add("suggestThreshold: " + suggestThreshold + " is outside 0..1");
		}
		if (answerThreshold != null && suggestThreshold != null && suggestThreshold > answerThreshold) {
			problems.add("suggestThreshold: " + suggestThreshold + " is above the answer threshold " + answerThreshold);
		}
		if (!problems.isEmpty()) {
			throw new InvalidPolicyException(problems);
		}
	}

	private static void range(List<String> problems, String name, int value, int min, int max) {
		if (value < min || value > max) {
			problems.add(name + ": " + value + " is outside " + min + ".." + max);
		}
	}

	/** The business time zone. */
	public ZoneId zone() {
		return ZoneId.of(this.timeZone);
	}

	/** The business hours. */
	public WorkingHours hours() {
		return WorkingHours.parse(this.businessHours);
	}

	/** Whether requests of this type are only drafted. */
	public boolean shadowFor(String requestType) {
		return this.shadowMode || (requestType != null && this.shadowRequestTypes.stream().anyMatch(t -> t.equalsIgnoreCase(requestType)));
	}

	public Duration firstResponseTarget() {
		return Duration.ofMinutes(this.firstResponseMinutes);
	}

	public Duration slaWarning() {
		return Duration.ofMinutes(this.slaWarningMinutes);
	}

	public Duration noticeInterval() {
		return Duration.ofMinutes(this.noticeIntervalMinutes);
	}

	public Duration clusterWindow() {
		return Duration.ofMinutes(this.clusterWindowMinutes);
	}

}

package io.deskpilot.connector.routing;

/** What a never-auto-answer rule looks at. */
public enum RuleKind {

	/** A customer, by platform id or e-mail address. */
	VIP_CUSTOMER,

	/** A customer organization, by name. */
	VIP_ORGANIZATION,

	/** A request type, queue or tracker, by name. */
	REQUEST_TYPE,

	/** A topic: a built-in one ({@code security}, {@code legal}, {@code billing}) or comma-separated keywords. */
	TOPIC,

	/** An angry tone (the value is ignored). */
	ANGRY_TONE

}

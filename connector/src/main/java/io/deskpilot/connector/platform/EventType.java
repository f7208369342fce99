package io.deskpilot.connector.platform;

/** Kinds of request events Deskpilot reacts to. */
public enum EventType {

	/** A new request was filed. */
	REQUEST_CREATED,

	/** A comment was added (public or internal, by anyone). */
	COMMENT_ADDED,

	/** Status, assignee or fields changed. */
	REQUEST_UPDATED

}

package io.deskpilot.connector.conversation;

/** What a customer's reply to the bot's answer means. */
public enum ReplyIntent {

	/** The answer solved it. */
	CONFIRMED,

	/** The answer did not help; the customer wants a person. */
	NOT_SOLVED,

	/** Something else: a follow-up question, more detail. Goes to a person too. */
	OTHER

}

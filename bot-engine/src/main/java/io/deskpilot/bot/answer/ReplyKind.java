package io.deskpilot.bot.answer;

/** What an agent's reply is, seen by the next customer with the same problem. */
public enum ReplyKind {

	/** Steps, explanations or settings anyone with the problem can follow: reusable. */
	INSTRUCTIONS,

	/** Instructions that stand on their own beside a report of what the agent did: only the instructions are reusable. */
	MIXED,

	/**
	 * A report of what the agent did for that customer ("I've reset your password", "you're now in the group"): the
	 * next customer needs the same done for them, by a person. Never an answer.
	 */
	ACTION_REPORT

}

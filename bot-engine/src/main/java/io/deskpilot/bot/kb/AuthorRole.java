package io.deskpilot.bot.kb;

/** Who wrote a comment on a ticket. */
public enum AuthorRole {

	/** The requester, or someone on the customer's side. */
	CUSTOMER,

	/** A human agent of the help desk. */
	AGENT,

	/** Deskpilot itself. Bot comments are never used as answer sources. */
	BOT

}

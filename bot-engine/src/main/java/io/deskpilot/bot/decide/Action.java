package io.deskpilot.bot.decide;

/** What the bot does with a new request. */
public enum Action {

	/** Post the answer as a public reply and ask the customer to confirm. */
	ANSWER,

	/** Post the answer as an internal note for the agent, and route. */
	SUGGEST,

	/** Say nothing to the customer; route to an agent with the similar tickets attached. */
	ROUTE

}

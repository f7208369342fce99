package io.deskpilot.bot.decide;

/**
 * Thresholds of the decision policy.
 *
 * @param answerThreshold confidence at or above which the bot answers the customer
 * @param suggestThreshold confidence at or above which the bot suggests an answer to the agent
 */
public record PolicySettings(double answerThreshold, double suggestThreshold) {

	public PolicySettings {
		if (!(answerThreshold >= 0 && answerThreshold <= 1)) {
			throw new IllegalArgumentException("answerThreshold must be within [0, 1], was " + answerThreshold);
		}
		if (!(suggestThreshold >= 0 && suggestThreshold <= answerThreshold)) {
			throw new IllegalArgumentException(
					"suggestThreshold must be within [0, answerThreshold], was " + suggestThreshold);
		}
	}

	/**
	 * The product defaults: answer from 60% calibrated confidence (StackFAQ: 0.996 precision at 0.66 coverage, and 3%
	 * of requests without an answer in the knowledge base answered anyway), suggest to the agent from 30%.
	 */
	public static PolicySettings defaults() {
		return new PolicySettings(0.60, 0.30);
	}

}

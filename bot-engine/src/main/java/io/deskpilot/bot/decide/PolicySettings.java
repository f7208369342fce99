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

	/** The product's defaults. */
	public static PolicySettings defaults() {
		return new PolicySettings(0.80, 0.45);
	}

}

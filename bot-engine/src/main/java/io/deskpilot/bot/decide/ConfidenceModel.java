package io.deskpilot.bot.decide;

import java.util.List;

import io.deskpilot.bot.kb.Match;

/** Turns the evidence of a result list into the probability that its first match answers the request. */
@FunctionalInterface
public interface ConfidenceModel {

	/** Returns a probability in [0, 1]; 0 for an empty list. */
	double confidence(List<Match> matches);

}

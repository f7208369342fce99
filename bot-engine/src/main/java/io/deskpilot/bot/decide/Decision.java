package io.deskpilot.bot.decide;

import java.util.List;

import io.deskpilot.bot.kb.Match;

import org.jspecify.annotations.Nullable;

/**
 * The bot's decision on one request, with everything needed to explain it in the audit log.
 *
 * @param action what to do
 * @param confidence calibrated probability (0..1) that the chosen ticket answers the request
 * @param chosen the ticket whose answer would be used; null when there is none
 * @param answer the answer text to post (already scrubbed); empty for {@link Action#ROUTE} without a candidate
 * @param evidence the retrieved tickets, best first
 * @param rule the rule that fired, e.g. {@code confidence>=answerThreshold}
 * @param explanation one human sentence for agents and admins
 */
public record Decision(Action action, double confidence, @Nullable Match chosen, String answer, List<Match> evidence,
		String rule, String explanation) {

	public Decision {
		evidence = List.copyOf(evidence);
	}

}

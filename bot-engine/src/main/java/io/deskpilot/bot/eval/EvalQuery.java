package io.deskpilot.bot.eval;

import java.util.Set;

import io.deskpilot.bot.kb.RequestText;

/**
 * A new request of an evaluation set and the history tickets a triager linked to it.
 *
 * @param request what the request said when it was filed
 * @param relevant ids of the relevant history tickets
 */
public record EvalQuery(RequestText request, Set<String> relevant) {

	public EvalQuery {
		relevant = Set.copyOf(relevant);
	}

}

package io.deskpilot.bot.eval;

import java.util.Set;

import io.deskpilot.bot.kb.RequestText;

/**
 * A new request of an evaluation set and the history tickets a triager linked to it.
 *
 * @param request what the request said when it was filed
 * @param relevant ids of the relevant history tickets
 * @param mustNotPost texts an answer to it must never contain (the earlier customer's details, an action's words);
 *        optional {@code must_not_post} in the queries file
 */
public record EvalQuery(RequestText request, Set<String> relevant, java.util.List<String> mustNotPost) {

	public EvalQuery {
		relevant = Set.copyOf(relevant);
		mustNotPost = java.util.List.copyOf(mustNotPost);
	}

	public EvalQuery(RequestText request, Set<String> relevant) {
		this(request, relevant, java.util.List.of());
	}

}

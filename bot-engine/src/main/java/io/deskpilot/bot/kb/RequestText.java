package io.deskpilot.bot.kb;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a new request says when it is filed: the text the knowledge base is asked about.
 *
 * @param id the request's own key, never returned as its own match
 * @param created when it was filed; only tickets created before it are eligible (null: no time limit)
 * @param summary title
 * @param description body (raw markup)
 */
public record RequestText(@Nullable String id, @Nullable Instant created, String summary, String description) {

	public RequestText {
		summary = Objects.requireNonNullElse(summary, "");
		description = Objects.requireNonNullElse(description, "");
	}

	/** A request with no id and no time limit, as typed into a playground. */
	public static RequestText of(String summary, String description) {
		return new RequestText(null, null, summary, description);
	}

}

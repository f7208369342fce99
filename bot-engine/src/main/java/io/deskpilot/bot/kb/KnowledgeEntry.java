package io.deskpilot.bot.kb;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A ticket as the knowledge base keeps it: cleaned problem text, the answer that may be shown to another customer
 * (already scrubbed of personal data), and what the entry may be used for.
 *
 * @param id the platform's ticket key
 * @param created when the original request was filed, if known
 * @param resolved when it was resolved, if it was and that is known
 * @param summary cleaned title
 * @param description cleaned problem description
 * @param answer cleaned, scrubbed public answer; empty when the entry has none
 * @param discussion the public conversation (cleaned, logs condensed, scrubbed, bot comments left out), searched
 * with a low weight: follow-ups often restate the symptoms
 * @param kind what the entry may be used for
 * @param resolution the platform's resolution name, if any
 * @param duplicateOf for duplicates, the master ticket's key
 * @param tags project, request type, components and labels, for filtering and skills
 */
public record KnowledgeEntry(String id, @Nullable Instant created, @Nullable Instant resolved, String summary,
		String description, String answer, String discussion, EntryKind kind, @Nullable String resolution,
		@Nullable String duplicateOf, List<String> tags) {

	public KnowledgeEntry {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(kind, "kind");
		summary = Objects.requireNonNullElse(summary, "");
		description = Objects.requireNonNullElse(description, "");
		answer = Objects.requireNonNullElse(answer, "");
		discussion = Objects.requireNonNullElse(discussion, "");
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

	/** Whether this entry carries an answer of its own that may be posted to a customer. */
	public boolean hasAnswer() {
		return this.kind.answerSource() && !this.answer.isBlank();
	}

}

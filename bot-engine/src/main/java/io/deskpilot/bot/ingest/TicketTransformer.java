package io.deskpilot.bot.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.KnowledgeEntry;
import io.deskpilot.bot.text.PiiScrubber;
import io.deskpilot.bot.text.TextCleaner;

import org.jspecify.annotations.Nullable;

/**
 * Turns a platform ticket into a knowledge entry: cleans the problem text, picks the answer, scrubs everything that may
 * be shown to another customer, and decides what the entry may be used for.
 */
public final class TicketTransformer {

	/** Longer descriptions are cut: the start says what the problem is, the rest is usually logs. */
	static final int MAX_DESCRIPTION_CHARS = 20_000;

	/** The indexed conversation is cut here: the early follow-ups say most about the problem. */
	static final int MAX_DISCUSSION_CHARS = 8_000;

	private static final Set<String> NEVER_ANSWER = Set.of("won't fix", "wont fix", "won't do", "wontfix", "won't implement",
			"cannot reproduce", "can't reproduce", "cant reproduce", "could not reproduce", "worksforme",
			"works for me", "invalid", "incomplete", "rejected", "declined", "obsolete", "expired", "abandoned",
			"timed out", "unresolved", "spam", "moved", "inactive", "not an issue");

	private static final Set<String> DUPLICATE = Set.of("duplicate", "duplicated", "dup", "duplicate of");

	private final AnswerExtractor answers = new AnswerExtractor();

	/** Maps one ticket; the outcome says whether it became an entry. */
	public Result transform(HistoryTicket ticket) {
		String summary = TextCleaner.clean(ticket.summary());
		String description = TextCleaner.forSearch(ticket.description());
		if (summary.isBlank() && description.isBlank()) {
			return new Result(null, new IngestOutcome.Skipped(ticket.id(), "empty"));
		}
		if (description.length() > MAX_DESCRIPTION_CHARS) {
			description = description.substring(0, MAX_DESCRIPTION_CHARS);
		}
		EntryKind kind = kindOf(ticket);
		// each comment is cleaned once, for the answer and the discussion
		List<String> cleaned = new ArrayList<>(ticket.comments().size());
		for (HistoryComment c : ticket.comments()) {
			cleaned.add(c.isPublic() && c.role() != AuthorRole.BOT ? TextCleaner.clean(c.body()) : "");
		}
		String answer = kind.answerSource() ? PiiScrubber.scrub(this.answers.extract(ticket, cleaned)) : "";
		if (kind == EntryKind.ANSWERED && answer.isBlank()) {
			kind = EntryKind.UNANSWERED;
		}
		List<String> tags = new ArrayList<>();
		addTag(tags, "project", ticket.project());
		addTag(tags, "type", ticket.requestType());
		ticket.components().forEach(c -> addTag(tags, "component", c));
		ticket.labels().forEach(l -> addTag(tags, "label", l));
		KnowledgeEntry entry = new KnowledgeEntry(ticket.id(), ticket.created(), ticket.resolved(), summary, description,
				answer, discussion(cleaned), kind, ticket.resolution(), ticket.duplicateOf(), tags);
		return new Result(entry, new IngestOutcome.Indexed(ticket.id(), kind));
	}

	/** The public, human part of the conversation (cleaned comments; internal and bot ones are empty), scrubbed. */
	static String discussion(List<String> cleaned) {
		StringBuilder out = new StringBuilder();
		for (String comment : cleaned) {
			if (comment.isEmpty()) {
				continue;
			}
			String text = TextCleaner.normalizeSpace(io.deskpilot.bot.text.LogCondenser.condense(comment));
			if (!text.isEmpty()) {
				out.append(text).append("\n\n");
			}
			if (out.length() >= MAX_DISCUSSION_CHARS) {
				break;
			}
		}
		String all = out.length() > MAX_DISCUSSION_CHARS ? out.substring(0, MAX_DISCUSSION_CHARS) : out.toString();
		return PiiScrubber.scrub(all.strip());
	}

	static EntryKind kindOf(HistoryTicket ticket) {
		String resolution = ticket.resolution() == null ? "" : ticket.resolution().strip().toLowerCase(Locale.ROOT);
		if (DUPLICATE.contains(resolution)) {
			return EntryKind.DUPLICATE;
		}
		if (NEVER_ANSWER.contains(resolution)) {
			return EntryKind.KNOWN_ISSUE;
		}
		boolean resolved = ticket.resolved() != null || !resolution.isEmpty() || isDoneStatus(ticket.status());
		return resolved ? EntryKind.ANSWERED : EntryKind.OPEN;
	}

	private static boolean isDoneStatus(@Nullable String status) {
		if (status == null) {
			return false;
		}
		String s = status.toLowerCase(Locale.ROOT);
		return s.equals("resolved") || s.equals("closed") || s.equals("done") || s.equals("verified")
				|| s.equals("solved");
	}

	private static void addTag(List<String> tags, String prefix, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			tags.add(prefix + ":" + value.strip().toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * The entry (null when the ticket was not indexable) and the outcome to count.
	 *
	 * @param entry the knowledge entry, if any
	 * @param outcome what happened
	 */
	public record Result(@Nullable KnowledgeEntry entry, IngestOutcome outcome) {
	}

}

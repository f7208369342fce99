package io.deskpilot.bot.kb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Answer outcomes held in memory, as a replay file gives them ({@code eval --feedback}): CONFIRMED counts for an
 * answer; REJECTED, REOPENED and OVERRIDDEN against it; other outcomes (a follow-up question, no reply) say nothing.
 */
public final class RecordedOutcomes implements AnswerOutcomes {

	/** One outcome of an answer taken from {@code ticket}. */
	public record Outcome(String ticket, String outcome, Instant at) {
	}

	private final Map<String, List<Outcome>> byTicket = new HashMap<>();

	public RecordedOutcomes(List<Outcome> outcomes) {
		for (Outcome o : outcomes) {
			this.byTicket.computeIfAbsent(o.ticket(), t -> new ArrayList<>()).add(o);
		}
	}

	@Override
	public Standing standing(KnowledgeEntry entry, @Nullable Instant before) {
		int confirmed = 0;
		int rejected = 0;
		for (Outcome o : this.byTicket.getOrDefault(entry.id(), List.of())) {
			if (before != null && !o.at().isBefore(before) || entry.resolved() != null && !o.at().isAfter(entry.resolved())) {
				continue;
			}
			switch (o.outcome().toUpperCase(Locale.ROOT)) {
				case "CONFIRMED" -> confirmed++;
				case "REJECTED", "REOPENED", "OVERRIDDEN" -> rejected++;
				default -> {
				}
			}
		}
		return confirmed == 0 && rejected == 0 ? Standing.NONE : new Standing(confirmed, rejected);
	}

}

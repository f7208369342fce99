package io.deskpilot.connector.conversation;

import java.util.List;
import java.util.Locale;

import io.deskpilot.bot.decide.Decision;
import io.deskpilot.bot.decide.DecisionPolicy;
import io.deskpilot.bot.kb.Match;

/** The internal notes Deskpilot posts for agents (what customers read comes from {@link Templates}). */
public final class Messages {

	private static final int NOTE_TICKETS = 3;

	private Messages() {
	}

	/** The internal note for the agent: the suggested answer and why. */
	public static String suggestion(Decision decision) {
		StringBuilder s = new StringBuilder("Deskpilot suggestion (")
			.append(percent(decision.confidence()))
			.append(" confidence, not sent to the customer).\n\nSuggested reply, from ")
			.append(decision.chosen() == null ? "a similar ticket" : decision.chosen().id())
			.append(":\n\n")
			.append(decision.answer().strip())
			.append("\n\n");
		similar(s, decision.evidence());
		return s.append("Why: ").append(decision.explanation()).toString();
	}

	/** The internal note for the agent when the bot has no answer: the most similar tickets. */
	public static String assist(Decision decision) {
		StringBuilder s = new StringBuilder("Deskpilot found no answer it is confident about. ");
		if (decision.evidence().isEmpty()) {
			return s.append("No similar ticket exists yet.").toString();
		}
		s.append("These tickets look similar:\n\n");
		similar(s, decision.evidence());
		if (DecisionPolicy.ACTION_REPORT.equals(decision.rule()) && decision.chosen() != null) {
			// the earlier answer reports what an agent did: the agent does it again, then tells the customer
			String precedent = decision.answer().strip();
			s.append("Last time an agent did this for the customer (").append(decision.chosen().id()).append("), and replied:\n\n")
				.append(precedent.length() > 1200 ? precedent.substring(0, 1200) + "..." : precedent)
				.append("\n\nDo the same for this customer before you reply; the customer has not been told it is done.\n\n");
			return s.append("Why: ").append(decision.explanation()).toString();
		}
		decision.evidence().stream().filter(m -> m.entry().hasAnswer()).findFirst().ifPresent(m -> {
			String answer = m.entry().answer().strip();
			s.append("A starting point for the reply (the answer of ").append(m.id()).append(", not checked for this request):\n\n")
				.append(answer.length() > 1200 ? answer.substring(0, 1200) + "..." : answer)
				.append("\n\n");
		});
		return s.append("Why: ").append(decision.explanation()).toString();
	}

	/** The internal note when a customer says the bot's answer did not help. */
	public static String answerRejected(String customerReply) {
		String quoted = customerReply.strip();
		if (quoted.length() > 500) {
			quoted = quoted.substring(0, 500) + "...";
		}
		return "The customer replied to Deskpilot's answer and needs a person:\n\n> " + quoted.replace("\n", "\n> ");
	}

	private static void similar(StringBuilder s, List<Match> evidence) {
		s.append("Similar tickets:\n");
		for (Match m : evidence.subList(0, Math.min(NOTE_TICKETS, evidence.size()))) {
			s.append("- ").append(m.id()).append(": ").append(m.entry().summary());
			if (m.open()) {
				s.append(" (open: the same problem may be being worked on there)");
			}
			else if (!m.entry().hasAnswer()) {
				s.append(" (").append(m.entry().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(")");
			}
			s.append('\n');
		}
		s.append('\n');
	}

	private static String percent(double p) {
		return String.format(Locale.ROOT, "%.0f%%", p * 100);
	}

}

package io.deskpilot.bot.answer;

import java.util.ArrayList;
import java.util.List;

import io.deskpilot.bot.answer.Sentences.Sentence;
import org.jspecify.annotations.Nullable;

/**
 * Makes an earlier agent's reply fit a new request, or says why it cannot: the reply's kind (instructions, mixed, or
 * a report of what an agent did), the text a new customer may read (instructions only, the earlier customer's
 * details, greetings and sign-offs taken out), and whether the earlier ticket was about another platform or version.
 */
public final class AnswerFit {

	/** Below this many characters what is left of a reply answers nothing. */
	static final int MIN_CHARS = 25;

	/**
	 * What a reply is for a new request.
	 *
	 * @param kind what the reply is, whatever the request
	 * @param text what the new customer may read; empty when nothing is left
	 * @param actions the sentences that report what was done for the earlier customer, in order
	 * @param withheld the earlier customer's details that took a sentence out
	 * @param conflict how the earlier ticket's platform differs from the request's; null when it does not
	 */
	public record Fitted(ReplyKind kind, String text, List<String> actions, List<String> withheld, @Nullable String conflict) {

		public Fitted {
			actions = List.copyOf(actions);
			withheld = List.copyOf(withheld);
		}

		/** Whether {@link #text()} may be posted to the new customer. */
		public boolean postable() {
			return this.kind != ReplyKind.ACTION_REPORT && this.conflict == null && !this.text.isBlank();
		}

	}

	private AnswerFit() {
	}

	/** What a reply is, whatever the request. */
	public static ReplyKind classify(String reply) {
		return fit(reply, "", "").kind();
	}

	/**
	 * Fits {@code reply}, the answer of an earlier ticket about {@code source} (its summary and description), to a
	 * new request's text.
	 */
	public static Fitted fit(String reply, String request, String source) {
		List<Sentence> content = new ArrayList<>();
		List<String> actions = new ArrayList<>();
		boolean afterAction = false;
		for (Sentence sentence : Sentences.split(reply)) {
			String text = ReplySentences.withoutGreeting(sentence.text());
			Sentence s = new Sentence(text, sentence.startsLine());
			if (text.isBlank() || ReplySentences.isCourtesy(text)) {
				continue;
			}
			if (ReplySentences.isAction(text) || afterAction && ReplySentences.continuesAnAction(text)) {
				actions.add(text);
				afterAction = true;
				continue;
			}
			afterAction = false;
			content.add(s);
		}
		ReplyKind kind = actions.isEmpty() ? ReplyKind.INSTRUCTIONS
				: content.stream().anyMatch(s -> ReplySentences.isInstruction(s.text())) ? ReplyKind.MIXED : ReplyKind.ACTION_REPORT;
		List<Sentence> kept = new ArrayList<>();
		List<String> withheld = new ArrayList<>();
		if (kind != ReplyKind.ACTION_REPORT) {
			for (Sentence s : content) {
				if (kind == ReplyKind.MIXED && ReplySentences.narratesThatCase(s.text())) {
					continue;
				}
				String text = CustomerSpecifics.neutralPaths(s.text());
				List<String> foreign = CustomerSpecifics.foreign(text, request);
				if (foreign.isEmpty()) {
					kept.add(new Sentence(text, s.startsLine()));
				}
				else {
					withheld.addAll(foreign);
				}
			}
		}
		String text = Sentences.join(kept);
		boolean enough = text.length() >= MIN_CHARS
				&& (kind == ReplyKind.INSTRUCTIONS || kept.stream().anyMatch(s -> ReplySentences.isInstruction(s.text())));
		String conflict = Facets.conflict(Facets.of(request), Facets.of(source + "\n" + reply));
		return new Fitted(kind, enough ? text : "", actions, withheld, conflict);
	}

}

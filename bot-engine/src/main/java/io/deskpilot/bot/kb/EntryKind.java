package io.deskpilot.bot.kb;

/** What a knowledge entry can be used for. */
public enum EntryKind {

	/** Resolved with a public agent answer: may be offered to another customer. */
	ANSWERED(true),

	/** Resolved as a duplicate: answers with its master's answer when the master has one. */
	DUPLICATE(true),

	/** Resolved as Won't Fix, Cannot Reproduce, Invalid and the like: findable as a known issue, never an answer. */
	KNOWN_ISSUE(false),

	/** Resolved, but no public agent reply can serve as an answer. */
	UNANSWERED(false),

	/** Not resolved yet: findable (a known, open problem), never an answer. */
	OPEN(false);

	private final boolean answerSource;

	EntryKind(boolean answerSource) {
		this.answerSource = answerSource;
	}

	/** Whether entries of this kind may carry an answer that is shown to customers. */
	public boolean answerSource() {
		return this.answerSource;
	}

}

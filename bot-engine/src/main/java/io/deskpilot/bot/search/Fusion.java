package io.deskpilot.bot.search;

/** How lexical and dense evidence are put on one scale before they are weighted. */
public enum Fusion {

	/** Each signal min-max normalised over the candidates (best 1, worst 0). */
	MIN_MAX,

	/** Each signal standardised over the candidates (mean 0, standard deviation 1). */
	Z_SCORE,

	/** Reciprocal rank fusion: {@code 1 / (60 + rank)} per retriever, scaled so rank 1 of one retriever is 0.5. */
	RRF

}

package io.deskpilot.bot.kb;

/**
 * A knowledge entry retrieved for a request, with the evidence of each retriever.
 *
 * @param entry the entry
 * @param rank 1-based rank in the fused list
 * @param score fused score (higher is better; comparable only within one result list)
 * @param lexicalScore BM25 score, 0 when the lexical retriever did not return it
 * @param lexicalRank 1-based BM25 rank, 0 when absent
 * @param denseScore cosine similarity of the embeddings, 0 when the dense retriever did not return it
 * @param denseRank 1-based dense rank, 0 when absent
 * @param titleScore cosine similarity of the summaries alone, 0 when not computed
 * @param coverage share (0..1) of the request's distinctive words, weighted by rarity, that the entry contains
 * @param mentioned whether the request mentions this ticket's key
 * @param open whether the ticket was still open when the request was filed (then it cannot answer it)
 */
public record Match(KnowledgeEntry entry, int rank, double score, double lexicalScore, int lexicalRank,
		double denseScore, int denseRank, double titleScore, double coverage, boolean mentioned,
		boolean open) {

	/** The ticket key. */
	public String id() {
		return this.entry.id();
	}

}

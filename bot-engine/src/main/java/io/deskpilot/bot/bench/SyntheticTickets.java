package io.deskpilot.bot.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.RequestText;

/**
 * Deterministic synthetic help-desk tickets for benchmarks. Words follow a Zipf distribution over a vocabulary of IT
 * words and generated ones; each ticket belongs to one of many topics that favour their own words, so term statistics
 * and neighbourhoods look like a real desk's. Some tickets carry error codes, exception names, versions and log lines.
 */
public final class SyntheticTickets {

	private static final String[] BASE = ("vpn connect password reset login account locked printer offline email outlook "
			+ "mailbox calendar teams zoom meeting audio camera laptop battery charger monitor dock keyboard mouse wifi "
			+ "network dns proxy certificate browser chrome cache cookie sso saml okta mfa code phone app crash update "
			+ "install license admin rights access share folder drive file sync onedrive sharepoint excel word pdf export "
			+ "import csv report dashboard slow timeout error fails cannot unable broken missing blank wrong invoice billing "
			+ "payment refund order api webhook token key integration database server service restart deploy build git "
			+ "docker kubernetes pod cluster node disk memory cpu backup restore ticket request customer agent portal").split(" ");

	private static final String[] SYLLABLES = { "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "pa", "zu", "ge",
			"ri", "to", "ba", "ne", "ko", "la", "fu", "si" };

	private final String[] vocabulary;

	private final double[] cumulative;

	private final int topics;

	private final long seed;

	/**
	 * @param vocabularySize distinct words
	 * @param topics number of topics
	 * @param seed random seed; the same seed gives the same tickets
	 */
	public SyntheticTickets(int vocabularySize, int topics, long seed) {
		this.topics = topics;
		this.seed = seed;
		this.vocabulary = new String[vocabularySize];
		Random r = new Random(seed);
		for (int i = 0; i < vocabularySize; i++) {
			if (i < BASE.length) {
				this.vocabulary[i] = BASE[i];
			}
			else {
				StringBuilder w = new StringBuilder();
				int syllables = 2 + r.nextInt(3);
				for (int s = 0; s < syllables; s++) {
					w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
				}
				this.vocabulary[i] = w.toString() + (i % 7 == 0 ? "" : String.valueOf((char) ('a' + i % 26)));
			}
		}
		this.cumulative = new double[vocabularySize];
		double sum = 0;
		for (int i = 0; i < vocabularySize; i++) {
			sum += 1.0 / Math.pow(i + 1, 1.07);
			this.cumulative[i] = sum;
		}
		for (int i = 0; i < vocabularySize; i++) {
			this.cumulative[i] /= sum;
		}
	}

	/** The n-th ticket (resolved, with one public agent answer). */
	public HistoryTicket ticket(int n) {
		Random r = new Random(this.seed * 31 + n);
		int topic = topic(r);
		Instant created = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(n * 97L);
		String summary = words(r, topic, 5 + r.nextInt(7));
		StringBuilder description = new StringBuilder(words(r, topic, 25 + r.nextInt(120)));
		if (r.nextInt(4) == 0) {
			description.append("\nError ERR_").append(1000 + topic % 500).append(" in module ").append(this.vocabulary[topic % 300])
				.append(".Service version 3.").append(topic % 9).append('.').append(r.nextInt(5));
		}
		if (r.nextInt(8) == 0) {
			description.append("\njava.lang.IllegalStateException: ").append(words(r, topic, 6))
				.append("\n\tat com.example.").append(this.vocabulary[topic % 200]).append(".Handler.run(Handler.java:")
				.append(40 + topic % 60).append(")");
		}
		String answer = words(r, topic, 20 + r.nextInt(40));
		return new HistoryTicket("SYN-" + n, created, created.plusSeconds(7200), "Resolved", "Fixed", summary,
				description.toString(),
				List.of(new HistoryComment("agent-" + (n % 40), AuthorRole.AGENT, true, created.plusSeconds(3600), answer)),
				null, "BENCH", "Support", List.of(), List.of());
	}

	/** A new request shaped like the tickets (after all of them in time). */
	public RequestText request(int n) {
		Random r = new Random(this.seed * 131 + n + 1_000_003);
		int topic = topic(r);
		return new RequestText("REQ-" + n, Instant.parse("2030-01-01T00:00:00Z"), words(r, topic, 4 + r.nextInt(8)),
				words(r, topic, 10 + r.nextInt(60)));
	}

	/** Tickets {@code from} (inclusive) to {@code to} (exclusive). */
	public List<HistoryTicket> tickets(int from, int to) {
		List<HistoryTicket> out = new ArrayList<>(to - from);
		for (int i = from; i < to; i++) {
			out.add(ticket(i));
		}
		return out;
	}

	private int topic(Random r) {
		// topics are Zipf-distributed too: a few common problems, a long tail
		double u = r.nextDouble();
		return (int) Math.min(this.topics - 1, Math.floor(Math.pow(this.topics, u)) - 1 + r.nextInt(2));
	}

	private String words(Random r, int topic, int count) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < count; i++) {
			int index;
			if (r.nextInt(3) == 0) {
				// a topic word: a small window of the vocabulary the topic owns
				index = (BASE.length + topic * 7 + r.nextInt(12)) % this.vocabulary.length;
			}
			else {
				index = zipf(r.nextDouble());
			}
			s.append(i == 0 ? "" : " ").append(this.vocabulary[index]);
		}
		return s.toString();
	}

	private int zipf(double u) {
		int lo = 0;
		int hi = this.cumulative.length - 1;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (this.cumulative[mid] < u) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

}

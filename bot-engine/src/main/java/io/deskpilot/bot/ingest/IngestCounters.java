package io.deskpilot.bot.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.deskpilot.bot.kb.EntryKind;

/** Thread-safe counts of ingestion outcomes, by outcome and by reason. */
public final class IngestCounters {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	/** Counts one outcome and returns it. */
	public IngestOutcome record(IngestOutcome outcome) {
		String key = switch (outcome) {
			case IngestOutcome.Indexed i -> "indexed." + i.kind().name().toLowerCase(java.util.Locale.ROOT);
			case IngestOutcome.Skipped s -> "skipped." + s.reason();
			case IngestOutcome.Invalid i -> "invalid";
		};
		this.counts.computeIfAbsent(key, k -> new LongAdder()).increment();
		return outcome;
	}

	/** Tickets now in the index. */
	public long indexed() {
		long n = 0;
		for (EntryKind kind : EntryKind.values()) {
			n += get("indexed." + kind.name().toLowerCase(java.util.Locale.ROOT));
		}
		return n;
	}

	/** Tickets left out on purpose. */
	public long skipped() {
		return this.counts.entrySet().stream().filter(e -> e.getKey().startsWith("skipped.")).mapToLong(e -> e.getValue().sum()).sum();
	}

	/** Tickets that could not be read. */
	public long invalid() {
		return get("invalid");
	}

	/** All counters by key ({@code indexed.answered}, {@code skipped.empty}, {@code invalid}, ...), sorted. */
	public Map<String, Long> snapshot() {
		Map<String, Long> out = new TreeMap<>();
		this.counts.forEach((k, v) -> out.put(k, v.sum()));
		return out;
	}

	private long get(String key) {
		LongAdder a = this.counts.get(key);
		return a == null ? 0 : a.sum();
	}

}

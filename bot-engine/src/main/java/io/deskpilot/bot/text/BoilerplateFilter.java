package io.deskpilot.bot.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Learns which lines are form boilerplate — lines (digits and spacing ignored) that recur in a large share of a
 * desk's tickets, such as template headers and generated metadata — and removes them from text. Such lines carry no
 * information about the problem but fill the dense model's limited input window.
 */
public final class BoilerplateFilter {

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private static final Pattern SPACE = Pattern.compile("\\s+");

	private static final int MAX_LINE = 300;

	private final Map<String, Integer> counts = new HashMap<>();

	private int documents;

	private final double share;

	private final int minDocuments;

	/**
	 * @param share a line counts as boilerplate when it occurs in at least this share of the documents
	 * @param minDocuments ... and in at least this many documents
	 */
	public BoilerplateFilter(double share, int minDocuments) {
		this.share = share;
		this.minDocuments = minDocuments;
	}

	/** Counts the distinct lines of one document. */
	public synchronized void observe(String text) {
		this.documents++;
		Set<String> seen = new HashSet<>();
		for (String line : text.split("\n")) {
			String key = key(line);
			if (!key.isEmpty() && seen.add(key)) {
				this.counts.merge(key, 1, Integer::sum);
			}
		}
	}

	/** The text without its boilerplate lines. */
	public synchronized String strip(String text) {
		int threshold = Math.max(this.minDocuments, (int) Math.ceil(this.share * this.documents));
		if (this.documents < threshold) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (String line : text.split("\n")) {
			Integer count = this.counts.get(key(line));
			if (count == null || count < threshold) {
				out.append(line).append('\n');
			}
		}
		return out.toString().strip();
	}

	/** Writes the counts (lines seen more than once) to a file, replacing it atomically. */
	public synchronized void save(java.nio.file.Path file) {
		java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		try (java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.UTF_8)) {
			w.write("documents\t" + this.documents + "\n");
			for (Map.Entry<String, Integer> e : this.counts.entrySet()) {
				if (e.getValue() > 1) {
					w.write(e.getValue() + "\t" + e.getKey() + "\n");
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("Cannot save " + file, ex);
		}
		try {
			java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("Cannot save " + file, ex);
		}
	}

	/** Replaces the counts with those saved in a file (no-op when it does not exist). */
	public synchronized void load(java.nio.file.Path file) {
		if (!java.nio.file.Files.exists(file)) {
			return;
		}
		try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
			this.counts.clear();
			String line;
			while ((line = r.readLine()) != null) {
				int tab = line.indexOf('\t');
				if (tab < 0) {
					continue;
				}
				if (line.startsWith("documents\t")) {
					this.documents = Integer.parseInt(line.substring(tab + 1));
				}
				else {
					this.counts.put(line.substring(tab + 1), Integer.parseInt(line.substring(0, tab)));
				}
			}
		}
		catch (java.io.IOException | NumberFormatException ex) {
			throw new IllegalStateException("Cannot read " + file + "; rebuild the index", ex);
		}
	}

	/** Forgets everything (before a rebuild). */
	public synchronized void clear() {
		this.counts.clear();
		this.documents = 0;
	}

	static String key(String line) {
		String s = line.strip();
		if (s.isEmpty() || s.length() > MAX_LINE) {
			return "";
		}
		return SPACE.matcher(DIGITS.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("#")).replaceAll(" ");
	}

}

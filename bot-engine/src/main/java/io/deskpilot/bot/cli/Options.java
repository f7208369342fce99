package io.deskpilot.bot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskpilot.bot.embed.BgeSmallEmbedder;
import io.deskpilot.bot.embed.CachingEmbedder;
import io.deskpilot.bot.embed.Embedder;
import org.jspecify.annotations.Nullable;

/** Parsed command-line options: {@code --name value} pairs, flags, and repeatable multi-value options. */
final class Options {

	private final Map<String, String> values = new HashMap<>();

	private final Map<String, List<List<String>>> multi = new HashMap<>();

	private Options() {
	}

	/**
	 * Parses arguments.
	 * @param args the arguments
	 * @param single options taking one value
	 * @param flags options taking none
	 * @param pairs options taking two values, repeatable
	 * @throws UsageException naming the first problem
	 */
	static Options parse(String[] args, Set<String> single, Set<String> flags, Set<String> pairs) {
		Options o = new Options();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (flags.contains(name)) {
				o.values.put(name, "true");
			}
			else if (single.contains(name)) {
				if (i + 1 >= args.length) {
					throw new UsageException("Option " + name + " needs a value.");
				}
				o.values.put(name, args[++i]);
			}
			else if (pairs.contains(name)) {
				if (i + 2 >= args.length) {
					throw new UsageException("Option " + name + " needs two values.");
				}
				o.multi.computeIfAbsent(name, k -> new ArrayList<>()).add(List.of(args[++i], args[++i]));
			}
			else {
				throw new UsageException("Unknown option '" + name + "'.");
			}
		}
		return o;
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

	boolean has(String name) {
		return this.values.containsKey(name);
	}

	List<List<String>> pairs(String name) {
		return this.multi.getOrDefault(name, List.of());
	}

	double number(String name, double fallback) {
		String v = this.values.get(name);
		if (v == null) {
			return fallback;
		}
		try {
			return Double.parseDouble(v);
		}
		catch (NumberFormatException ex) {
			throw new UsageException(name + " must be a number, not '" + v + "'.");
		}
	}

	int integer(String name, int fallback) {
		String v = this.values.get(name);
		if (v == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(v);
		}
		catch (NumberFormatException ex) {
			throw new UsageException(name + " must be a whole number, not '" + v + "'.");
		}
	}

	/** A whole number within [min, max], or the fallback when the option is absent. */
	int integer(String name, int fallback, int min, int max) {
		int v = integer(name, fallback);
		if (v < min || v > max) {
			throw new UsageException(name + " must be within [" + min + ", " + max + "].");
		}
		return v;
	}

	/** A number within [min, max], or the fallback when the option is absent. */
	double number(String name, double fallback, double min, double max) {
		double v = number(name, fallback);
		if (!(v >= min && v <= max)) {
			throw new UsageException(name + " must be within [" + plain(min) + ", " + plain(max) + "].");
		}
		return v;
	}

	/** 1 rather than 1.0, 0.5 as it is. */
	private static String plain(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}

	/** The embedder the options ask for: none with --lexical-only, else the product's model (cached if asked). */
	@Nullable Embedder embedder() {
		if (has("--lexical-only")) {
			return null;
		}
		int maxTokens = integer("--max-tokens", BgeSmallEmbedder.DEFAULT_MAX_TOKENS, 8, 512);
		Embedder model = BgeSmallEmbedder.load(maxTokens, Runtime.getRuntime().availableProcessors());
		String cache = get("--embedding-cache");
		return cache == null ? model : new CachingEmbedder(model, Path.of(cache));
	}

	/** A usage error: the message says what to fix. */
	static final class UsageException extends RuntimeException {

		private final String problem;

		UsageException(String message) {
			super(message);
			this.problem = message;
		}

		@Override
		public String getMessage() {
			return this.problem;
		}

	}

}

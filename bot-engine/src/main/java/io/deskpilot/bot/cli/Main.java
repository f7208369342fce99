package io.deskpilot.bot.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar bot-engine.jar <command> [options]}. Commands: {@code eval}. Usage errors exit with 2, failures
 * with 1; the message says what to fix.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs a command; returns the exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
			err.println(usage());
			return args.length == 0 ? 2 : 0;
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		return switch (args[0]) {
			case "eval" -> new EvalCommand(out, err).run(rest);
			case "calibrate" -> new CalibrateCommand(out, err).run(rest);
			case "bench" -> new BenchCommand(out, err).run(rest);
			default -> {
				err.println("Unknown command '" + args[0] + "'.");
				err.println(usage());
				yield 2;
			}
		};
	}

	static String usage() {
		return """
				Usage: java -jar bot-engine.jar <command> [options]

				Commands:
				  eval --history FILE --queries FILE [options]
				      Measures retrieval and the answer policy on an evaluation set (.jsonl or .jsonl.gz).
				      The last line on stdout is one JSON object with the metrics; progress goes to stderr.
				      Options:
				        --answer-threshold X   confidence needed to answer (default: the product's)
				        --suggest-threshold X  confidence needed to suggest (default: the product's)
				        --details FILE         write one tab-separated line per query
				        --candidates FILE      write each query's top 100 with every ranking signal (JSON lines)
				        --lexical-only         BM25 only, no dense model
				        --max-tokens N         dense model input limit in word pieces (default 128)
				        --request-tokens N     word pieces of a request the dense model reads (default 128)
				        --coverage-weight X    weight of the share of the request's terms a ticket contains (default 0.15)
				        --open-weight X        added for tickets still open when the request was filed (default 0.1)
				        --feedback FILE        replay answer outcomes (JSON lines: ticket, outcome, at) before each query
				        --calibrate P          answer at the threshold guaranteeing precision P (95% confidence), chosen
				                               for each half of the queries on the other half, as a desk's own is
				        --embedding-cache DIR  remember embeddings between runs

				  calibrate --set HISTORY QUERIES [--set HISTORY QUERIES ...] [--embedding-cache DIR]
				      Fits the confidence model on labelled sets and reports precision and coverage per threshold,
				      in-sample and with each set held out. The last line on stdout is the fitted model as JSON.

				  bench [--tickets 10000,100000] [--mode bm25|hybrid|both] [--queries 2000] [--dir DIR]
				        [--request-tokens N] [--model-threads N] [--embedding-sample N]
				      Indexes synthetic tickets and measures indexing throughput, decision latency and heap
				      (docs/BENCHMARKS.md). Run it with the heap limit you want to prove, e.g. java -Xmx512m -jar ...
				""";
	}

}

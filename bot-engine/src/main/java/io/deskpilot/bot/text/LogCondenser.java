package io.deskpilot.bot.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shortens logs and stack traces in ticket text to what identifies a problem: exception types and messages, the top
 * frames of each trace, warning and error lines. Timestamps, thread and process ids, deep frames, "... n more" lines
 * and repeated lines are dropped. Prose passes through unchanged.
 */
public final class LogCondenser {

	/** Frames kept at the top of each stack trace. */
	static final int TOP_FRAMES = 3;

	/** Log lines kept from a run of log lines, besides warnings and errors. */
	static final int LOG_HEAD = 3;

	/** Warnings and errors kept from a run of log lines. */
	static final int LOG_PROBLEMS = 8;

	private static final Pattern JAVA_FRAME = Pattern.compile("^\\s*at\\s+[\\w$.<>/]+\\(.*\\)\\s*$");

	private static final Pattern MORE_FRAMES = Pattern.compile("^\\s*\\.\\.\\.\\s*\\d+\\s+(more|common frames omitted).*$");

	private static final Pattern PY_FRAME = Pattern.compile("^\\s*File \"[^\"]+\", line \\d+.*$");

	private static final Pattern TIMESTAMP = Pattern.compile(
			"(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}([.,]\\d+)?(Z|[+-]\\d{2}:?\\d{2})?"
					+ "|(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d+ \\d{2}:\\d{2}:\\d{2}( \\d{4})?"
					+ "|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d+ \\d{2}:\\d{2}:\\d{2}"
					+ "|\\[\\d{1,2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}[^\\]]*\\])");

	private static final Pattern LOG_LINE = Pattern.compile("^\\s*(\\[?\\d{4}-\\d{2}-\\d{2}|\\[?(Mon|Tue|Wed|Thu|Fri|Sat|Sun) |"
			+ "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d+ \\d{2}:|\\d{2}:\\d{2}:\\d{2}[.,]?\\d*\\s|"
			+ "\\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE)\\]?[\\s:|])");

	private static final Pattern PROBLEM = Pattern
		.compile("(?i)\\b(warn|warning|error|fatal|severe|exception|failed|failure|refused|denied|timeout|timed out|cannot|can't|unable)\\b");

	private static final Pattern NOISE = Pattern.compile("\\b(0x[0-9a-fA-F]{6,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d{6,})\\b");

	private LogCondenser() {
	}

	/** Returns the text with its logs and stack traces condensed. */
	public static String condense(String text) {
		String[] lines = text.split("\n", -1);
		List<String> out = new ArrayList<>(lines.length);
		Set<String> seen = new HashSet<>();
		int frames = 0;
		List<String> logRun = new ArrayList<>();
		for (String line : lines) {
			boolean frame = JAVA_FRAME.matcher(line).matches() || PY_FRAME.matcher(line).matches();
			if (frame) {
				flushLogRun(logRun, out, seen);
				if (frames++ < TOP_FRAMES) {
					out.add(line.strip());
				}
				continue;
			}
			frames = 0;
			if (MORE_FRAMES.matcher(line).matches()) {
				continue;
			}
			if (LOG_LINE.matcher(line).find()) {
				logRun.add(line);
				continue;
			}
			flushLogRun(logRun, out, seen);
			out.add(line);
		}
		flushLogRun(logRun, out, seen);
		return String.join("\n", out);
	}

	private static void flushLogRun(List<String> run, List<String> out, Set<String> seen) {
		if (run.isEmpty()) {
			return;
		}
		int head = 0;
		int problems = 0;
		for (String line : run) {
			String bare = NOISE.matcher(TIMESTAMP.matcher(line).replaceAll("")).replaceAll("").strip();
			if (bare.isEmpty() || !seen.add(bare)) {
				continue;
			}
			boolean problem = PROBLEM.matcher(bare).find();
			if (problem ? problems++ < LOG_PROBLEMS : head++ < LOG_HEAD) {
				out.add(bare);
			}
		}
		run.clear();
	}

}

package io.deskpilot.bot.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import io.deskpilot.bot.kb.AuthorRole;
import io.deskpilot.bot.kb.HistoryComment;
import io.deskpilot.bot.kb.HistoryTicket;
import io.deskpilot.bot.kb.RequestText;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads evaluation files: {@code history.jsonl} and {@code queries.jsonl}, plain or gzip-compressed, one JSON object per
 * line (see the data's FORMAT.md). A malformed line is an error naming the file and line.
 */
public final class EvalFiles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EvalFiles() {
	}

	/** Reads history tickets. */
	public static List<HistoryTicket> history(Path file) throws IOException {
		return read(file, EvalFiles::ticket);
	}

	/**
	 * The optional {@code answer_kind} of each history ticket that has one: what its answer is ({@code instructions},
	 * {@code mixed} or {@code action}), as a person labelled it. Sets with labels measure whether action reports are
	 * ever posted and how many reusable repeats are answered.
	 */
	public static Map<String, String> answerKinds(Path file) throws IOException {
		Map<String, String> out = new HashMap<>();
		for (Map.Entry<String, String> e : read(file, n -> Map.entry(id(n), n.path("answer_kind").asString("")))) {
			if (!e.getValue().isBlank()) {
				out.put(e.getKey(), e.getValue().strip().toLowerCase(java.util.Locale.ROOT));
			}
		}
		return out;
	}

	/**
	 * Reads answer outcomes to replay: one JSON object per line, {@code {"ticket": "T-1", "outcome": "REJECTED",
	 * "at": "2026-11-02T10:00:00Z"}} (CONFIRMED, REJECTED, REOPENED, OVERRIDDEN, as the connector's feedback table).
	 */
	public static io.deskpilot.bot.kb.RecordedOutcomes outcomes(Path file) throws IOException {
		return new io.deskpilot.bot.kb.RecordedOutcomes(read(file, n -> {
			Instant at = instant(n.path("at"));
			String ticket = n.path("ticket").asString("");
			String outcome = n.path("outcome").asString("");
			if (at == null || ticket.isBlank() || outcome.isBlank()) {
				throw new IllegalArgumentException("an outcome needs ticket, outcome and at");
			}
			return new io.deskpilot.bot.kb.RecordedOutcomes.Outcome(ticket, outcome, at);
		}));
	}

	/** Reads queries. */
	public static List<EvalQuery> queries(Path file) throws IOException {
		return read(file, EvalFiles::query);
	}

	private static <T> List<T> read(Path file, Function<JsonNode, T> mapper) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new NoSuchFileException(file.toString(), null, "no such file");
		}
		List<T> out = new ArrayList<>();
		try (InputStream raw = Files.newInputStream(file);
				InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				try {
					out.add(mapper.apply(JSON.readTree(line)));
				}
				catch (JacksonException | IllegalArgumentException ex) {
					throw new IOException(file + " line " + number + ": " + ex.getMessage(), ex);
				}
			}
		}
		return out;
	}

	private static HistoryTicket ticket(JsonNode n) {
		List<HistoryComment> comments = new ArrayList<>();
		for (JsonNode c : n.path("comments")) {
			AuthorRole role = "customer".equalsIgnoreCase(c.path("role").asString("")) ? AuthorRole.CUSTOMER : AuthorRole.AGENT;
			comments.add(new HistoryComment(c.path("author").asString("unknown"), role, c.path("public").asBoolean(true),
					instant(c.path("created")), c.path("body").asString("")));
		}
		return new HistoryTicket(id(n), instant(n.path("created")), instant(n.path("resolved")), text(n, "status"),
				text(n, "resolution"), n.path("summary").asString(""), n.path("description").asString(""), comments,
				null, text(n, "project"), text(n, "type"), strings(n.path("components")), strings(n.path("labels")));
	}

	private static EvalQuery query(JsonNode n) {
		Set<String> relevant = new LinkedHashSet<>(strings(n.path("relevant")));
		return new EvalQuery(new RequestText(id(n), instant(n.path("created")), n.path("summary").asString(""),
				n.path("description").asString("")), relevant, strings(n.path("must_not_post")));
	}

	private static String id(JsonNode n) {
		String id = n.path("id").asString("");
		if (id.isBlank()) {
			throw new IllegalArgumentException("missing id");
		}
		return id;
	}

	private static @Nullable String text(JsonNode n, String field) {
		JsonNode v = n.path(field);
		return v.isNull() || v.isMissingNode() ? null : v.asString();
	}

	private static List<String> strings(JsonNode array) {
		List<String> out = new ArrayList<>();
		for (JsonNode v : array) {
			out.add(v.asString());
		}
		return out;
	}

	/** ISO-8601 with a zone, or a local date-time read as UTC; null stays null. */
	static @Nullable Instant instant(JsonNode v) {
		if (v.isNull() || v.isMissingNode() || v.asString("").isBlank()) {
			return null;
		}
		String s = v.asString().strip();
		try {
			return OffsetDateTime.parse(s).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex2) {
				throw new IllegalArgumentException("unreadable time '" + s + "'");
			}
		}
	}

}

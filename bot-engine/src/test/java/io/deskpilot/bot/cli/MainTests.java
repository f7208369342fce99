package io.deskpilot.bot.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MainTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path tmp;

	@Test
	void eval_printsTheMetricsAsTheLastJsonLine() throws IOException {
		Path queries = this.tmp.resolve("queries.jsonl");
		Files.write(queries, List.of(
				"{\"id\":\"Q1\",\"created\":\"2025-03-01T09:00:00Z\",\"summary\":\"Getting HTTP 429 from the orders API\",\"description\":\"Too Many Requests\",\"relevant\":[\"G-03\",\"G-14\"]}",
				"{\"id\":\"Q2\",\"created\":\"2025-03-01T09:00:00Z\",\"summary\":\"Okta SAML sign-in error\",\"description\":\"InvalidNameIDPolicy\",\"relevant\":[\"G-06\"]}"));
		int code = run("eval", "--lexical-only", "--history", "src/test/resources/fixtures/tickets.jsonl", "--queries",
				queries.toString(), "--details", this.tmp.resolve("details.tsv").toString(), "--candidates",
				this.tmp.resolve("candidates.jsonl").toString());

		assertThat(code).as(this.err.toString()).isZero();
		List<String> lines = this.out.toString(StandardCharsets.UTF_8).strip().lines().toList();
		JsonNode report = JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
		for (String key : List.of("queries", "recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "coverage",
				"answer_precision", "p50_ms", "p99_ms", "index_seconds")) {
			assertThat(report.has(key)).as(key).isTrue();
		}
		assertThat(report.get("queries").asInt()).isEqualTo(2);
		assertThat(report.get("recall@1").asDouble()).isEqualTo(1.0);
		assertThat(this.err.toString()).contains("indexed 20 tickets");
		assertThat(Files.readAllLines(this.tmp.resolve("details.tsv"))).hasSize(3);
		List<String> candidates = Files.readAllLines(this.tmp.resolve("candidates.jsonl"));
		assertThat(candidates).hasSize(2);
		JsonNode first = JsonMapper.builder().build().readTree(candidates.get(0));
		assertThat(first.get("query").asString()).isEqualTo("Q1");
		JsonNode top = first.get("candidates").get(0);
		assertThat(top.get("id").asString()).isIn("G-03", "G-14");
		assertThat(top.get("lexRank").asInt()).isEqualTo(1);
		assertThat(top.get("lex").asDouble()).isPositive();
	}

	@Test
	void eval_acceptsGzip() throws IOException {
		Path gz = this.tmp.resolve("tickets.jsonl.gz");
		try (var o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
			o.write(Files.readAllBytes(Path.of("src/test/resources/fixtures/tickets.jsonl")));
		}
		Path queries = this.tmp.resolve("q.jsonl");
		Files.writeString(queries, "{\"id\":\"Q1\",\"created\":null,\"summary\":\"CSV export empty\",\"description\":\"\",\"relevant\":[\"G-02\"]}\n");
		assertThat(run("eval", "--lexical-only", "--history", gz.toString(), "--queries", queries.toString())).isZero();
	}

	@Test
	void badInput_isAClearErrorWithANonZeroExit() throws IOException {
		assertThat(run()).isEqualTo(2);
		assertThat(run("evaluate")).isEqualTo(2);
		assertThat(this.err.toString()).contains("Unknown command 'evaluate'");
		assertThat(run("eval", "--history", "x.jsonl")).isEqualTo(2);
		assertThat(this.err.toString()).contains("Both --history and --queries are required");
		assertThat(run("eval", "--history", "x", "--queries", "y", "--answer-threshold", "high")).isEqualTo(2);
		assertThat(this.err.toString()).contains("--answer-threshold must be a number");
		assertThat(run("eval", "--history", "x", "--queries", "y", "--request-tokens", "4")).isEqualTo(2);
		assertThat(this.err.toString()).contains("--request-tokens must be within [8, 512]");
		assertThat(run("eval", "--history", "x", "--queries", "y", "--coverage-weight", "2")).isEqualTo(2);
		assertThat(this.err.toString()).contains("--coverage-weight must be within [0, 1]");
		assertThat(run("eval", "--lexical-only", "--history", "missing.jsonl", "--queries", "missing.jsonl")).isEqualTo(1);
		assertThat(this.err.toString()).contains("No such file: missing.jsonl");
		Path broken = this.tmp.resolve("broken.jsonl");
		Files.writeString(broken, "{\"id\":\"A\",\"summary\":\"ok\"}\nnot json\n");
		assertThat(run("eval", "--lexical-only", "--history", broken.toString(), "--queries", broken.toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("broken.jsonl line 2");
	}

	private int run(String... args) {
		return Main.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8), new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}

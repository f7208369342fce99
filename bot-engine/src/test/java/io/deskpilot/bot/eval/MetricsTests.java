package io.deskpilot.bot.eval;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTests {

	@Test
	void recallMrrAndNdcg_followTheProtocol() {
		Metrics m = new Metrics();
		m.add(List.of("a", "b", "c"), Set.of("a"), "a", 1);
		m.add(List.of("x", "y", "z", "b"), Set.of("b"), "x", 2);
		m.add(List.of("p", "q"), Set.of("r"), null, 3);
		Map<String, Object> s = m.summary();
		assertThat(s.get("recall@1")).isEqualTo(0.3333);
		assertThat(s.get("recall@5")).isEqualTo(0.6667);
		assertThat((double) s.get("mrr")).isCloseTo((1 + 0.25) / 3, within(1e-4));
		assertThat((double) s.get("ndcg@10")).isCloseTo((1 + 1 / (Math.log(5) / Math.log(2))) / 3, within(1e-4));
		assertThat(s.get("coverage")).isEqualTo(0.6667);
		assertThat(s.get("answer_precision")).isEqualTo(0.5);
		assertThat(s.get("p50_ms")).isEqualTo(2.0);
		assertThat(s.get("p99_ms")).isEqualTo(3.0);
	}

	@Test
	void ndcg_usesTheIdealOrderOfAllRelevantTickets() {
		assertThat(Metrics.ndcgAt10(List.of("a", "b"), Set.of("a", "b"))).isEqualTo(1.0);
		assertThat(Metrics.ndcgAt10(List.of("x", "a"), Set.of("a", "b"))).isCloseTo(
				(1 / (Math.log(3) / Math.log(2))) / (1 + 1 / (Math.log(3) / Math.log(2))), within(1e-9));
	}

	@Test
	void noAnswers_meansNoPrecision() {
		Metrics m = new Metrics();
		m.add(List.of("a"), Set.of("a"), null, 1);
		assertThat(m.summary().get("answer_precision")).isNull();
		assertThat(m.summary().get("coverage")).isEqualTo(0.0);
	}

}

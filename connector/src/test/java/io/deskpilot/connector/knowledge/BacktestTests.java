package io.deskpilot.connector.knowledge;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestTests {

	@Test
	void sameAnswer_needsHalfOfTheShorterAnswersDistinctWords() {
		String actual = "Install VPN client 6.2 from the Software Center and restart the laptop.";
		assertThat(Backtest.sameAnswer(actual, "Please install the VPN client 6.2 from Software Center, then restart.")).isTrue();
		assertThat(Backtest.sameAnswer(actual, "Pull the yellow tape off the toner cartridge and print a test page.")).isFalse();
		assertThat(Backtest.sameAnswer(actual, "")).isFalse();
	}

	@Test
	void curve_sweepsThresholds_precisionAmongAnswered_coverageAmongAll() {
		List<Backtest.Replay> replays = List.of(new Backtest.Replay("A", 0.9, true, true, "X"),
				new Backtest.Replay("B", 0.7, true, false, "Y"), new Backtest.Replay("C", 0.3, true, true, "Z"),
				new Backtest.Replay("D", 0.95, false, false, null));
		Backtest.Result result = Backtest.of(replays, 2);

		assertThat(result.curve()).hasSize(19);
		Backtest.Point at50 = result.curve().get(9);
		assertThat(at50.threshold()).isEqualTo(0.5, within(1e-9));
		assertThat(at50.answered()).isEqualTo(2);
		assertThat(at50.coverage()).isEqualTo(0.5, within(1e-9));
		assertThat(at50.precision()).isEqualTo(0.5, within(1e-9));
		Backtest.Point at95 = result.curve().get(18);
		assertThat(at95.answered()).as("D has no answer to give").isZero();
		assertThat(at95.precision()).isNaN();
		assertThat(result.skipped()).isEqualTo(2);
	}

}

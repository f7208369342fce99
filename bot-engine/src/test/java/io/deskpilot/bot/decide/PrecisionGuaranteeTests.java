package io.deskpilot.bot.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.deskpilot.bot.decide.PrecisionGuarantee.Case;
import io.deskpilot.bot.decide.PrecisionGuarantee.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrecisionGuaranteeTests {

	@Test
	void theBinomialTailAndTheBound_matchPublishedValues() {
		// 0 errors in 300: precision >= 0.990 with 95% confidence (answer-quality.md); 0.95^59 < 0.05 < 0.95^58
		assertThat(PrecisionGuarantee.lowerBound(300, 300, 0.05)).isCloseTo(0.99006, within(1e-4));
		assertThat(PrecisionGuarantee.lowerBound(700, 697, 0.05)).isCloseTo(0.9887, within(1e-3));
		assertThat(PrecisionGuarantee.upperTail(59, 59, 0.95)).isLessThan(0.05);
		assertThat(PrecisionGuarantee.upperTail(58, 58, 0.95)).isGreaterThan(0.05);
		assertThat(PrecisionGuarantee.upperTail(10, 0, 0.3)).isEqualTo(1);
		assertThat(PrecisionGuarantee.upperTail(20, 10, 0.5)).isCloseTo(0.5881, within(1e-4));
	}

	@Test
	void aDeskWhoseConfidentAnswersAreRight_getsTheLowestThresholdTheDataSupports() {
		List<Case> cases = new ArrayList<>();
		// 200 replays: from 0.5 up always right, below 0.5 right only half the time
		for (int i = 0; i < 200; i++) {
			double c = i / 200.0;
			cases.add(new Case(c, true, c >= 0.5 || i % 2 == 0));
		}

		PrecisionGuarantee.Result r = PrecisionGuarantee.choose(cases, Target.defaults());

		assertThat(r.guaranteed()).isTrue();
		assertThat(r.threshold()).isBetween(0.4, 0.5);
		assertThat(r.lowerBound()).isGreaterThanOrEqualTo(0.95);
		assertThat(r.coverage()).isEqualTo(r.answered() / 200.0);
		assertThat(r.reason()).contains("precision is at least");
	}

	@Test
	void tooLittleHistory_meansSuggestOnly() {
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			cases.add(new Case(0.9, true, true));
		}

		PrecisionGuarantee.Result r = PrecisionGuarantee.choose(cases, Target.defaults());

		assertThat(r.guaranteed()).isFalse();
		assertThat(r.reason()).startsWith("Too little history: 40 of 40").contains("only suggests");
	}

	@Test
	void aDeskThatIsOftenWrong_getsNoThreshold() {
		// one answer in ten is wrong, at every confidence
		Random random = new Random(11);
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			cases.add(new Case(0.5 + random.nextDouble() / 2, true, i % 10 != 0));
		}
		assertThat(PrecisionGuarantee.choose(cases, Target.defaults()).guaranteed()).isFalse();
	}

	@Test
	void repliesThatCannotBePosted_areNeverCountedAsAnswered() {
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			cases.add(new Case(0.95, true, true));
			cases.add(new Case(0.99, false, false));
		}
		PrecisionGuarantee.Result r = PrecisionGuarantee.choose(cases, Target.defaults());
		assertThat(r.answered()).isEqualTo(100);
		assertThat(r.coverage()).isEqualTo(0.5);
	}

	/** Over many simulated desks whose true precision above every threshold is 0.93, the guarantee fails rarely. */
	@Test
	void theGuaranteeHolds_inSimulation() {
		Random random = new Random(7);
		int wrongGuarantees = 0;
		int runs = 400;
		for (int run = 0; run < runs; run++) {
			List<Case> cases = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				cases.add(new Case(random.nextDouble(), true, random.nextDouble() < 0.93));
			}
			if (PrecisionGuarantee.choose(cases, Target.defaults()).guaranteed()) {
				wrongGuarantees++;
			}
		}
		assertThat(wrongGuarantees / (double) runs).isLessThanOrEqualTo(0.05);
	}

}

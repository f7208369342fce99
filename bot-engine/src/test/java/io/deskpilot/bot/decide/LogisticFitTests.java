package io.deskpilot.bot.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogisticFitTests {

	@Test
	void recoversTheCoefficientsOfALogisticProcess() {
		Random random = new Random(7);
		double[] truth = { 3.0, -2.0, 0, 0, 1.0, 0 };
		double bias = -0.5;
		List<double[]> x = new ArrayList<>();
		List<Boolean> y = new ArrayList<>();
		List<Double> w = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			double[] row = new double[6];
			double z = bias;
			for (int j = 0; j < 6; j++) {
				row[j] = random.nextGaussian();
				z += truth[j] * row[j];
			}
			x.add(row);
			y.add(random.nextDouble() < 1 / (1 + Math.exp(-z)));
			w.add(1.0);
		}
		CalibratedConfidence fitted = LogisticFit.fit(x, y, w, 0.01);
		assertThat(fitted.intercept()).isCloseTo(bias, within(0.1));
		for (int j = 0; j < 6; j++) {
			assertThat(fitted.weights()[j]).as("weight %d", j).isCloseTo(truth[j], within(0.15));
		}
	}

	@Test
	void solve_handlesPivoting() {
		double[] x = LogisticFit.solve(new double[][] { { 0, 2 }, { 3, 1 } }, new double[] { 4, 5 });
		assertThat(x[0]).isCloseTo(1.0, within(1e-9));
		assertThat(x[1]).isCloseTo(2.0, within(1e-9));
	}

}

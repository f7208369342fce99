package io.deskpilot.bot.decide;

import java.util.List;

/**
 * Fits a logistic regression by Newton's method (iteratively reweighted least squares) with a small L2 penalty, on
 * standardised features; returns coefficients on the original scale. Enough for a handful of features and a few
 * thousand examples.
 */
public final class LogisticFit {

	private LogisticFit() {
	}

	/**
	 * Fits {@code P(y=1|x)}.
	 * @param x feature rows
	 * @param y labels
	 * @param weights per-example weights (e.g. to give every data set the same total weight)
	 * @param l2 penalty on the standardised coefficients (not on the intercept)
	 */
	public static CalibratedConfidence fit(List<double[]> x, List<Boolean> y, List<Double> weights, double l2) {
		int n = x.size();
		int d = x.get(0).length;
		double[] mean = new double[d];
		double[] sd = new double[d];
		double total = 0;
		for (int i = 0; i < n; i++) {
			total += weights.get(i);
			for (int j = 0; j < d; j++) {
				mean[j] += weights.get(i) * x.get(i)[j];
			}
		}
		for (int j = 0; j < d; j++) {
			mean[j] /= total;
		}
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < d; j++) {
				double dev = x.get(i)[j] - mean[j];
				sd[j] += weights.get(i) * dev * dev;
			}
		}
		for (int j = 0; j < d; j++) {
			sd[j] = Math.sqrt(sd[j] / total);
			if (sd[j] < 1e-9) {
				sd[j] = 1;
			}
		}
		double[] beta = new double[d + 1];
		for (int iteration = 0; iteration < 50; iteration++) {
			double[] gradient = new double[d + 1];
			double[][] hessian = new double[d + 1][d + 1];
			for (int i = 0; i < n; i++) {
				double[] z = row(x.get(i), mean, sd);
				double p = sigmoid(dot(beta, z));
				double w = weights.get(i);
				double err = (y.get(i) ? 1 : 0) - p;
				for (int a = 0; a <= d; a++) {
					gradient[a] += w * err * z[a];
					for (int b = 0; b <= d; b++) {
						hessian[a][b] += w * p * (1 - p) * z[a] * z[b];
					}
				}
			}
			for (int a = 1; a <= d; a++) {
				gradient[a] -= l2 * beta[a];
				hessian[a][a] += l2;
			}
			double[] step = solve(hessian, gradient);
			double change = 0;
			for (int a = 0; a <= d; a++) {
				beta[a] += step[a];
				change = Math.max(change, Math.abs(step[a]));
			}
			if (change < 1e-8) {
				break;
			}
		}
		double intercept = beta[0];
		double[] out = new double[d];
		for (int j = 0; j < d; j++) {
			out[j] = beta[j + 1] / sd[j];
			intercept -= out[j] * mean[j];
		}
		return new CalibratedConfidence(intercept, out);
	}

	private static double[] row(double[] x, double[] mean, double[] sd) {
		double[] z = new double[x.length + 1];
		z[0] = 1;
		for (int j = 0; j < x.length; j++) {
			z[j + 1] = (x[j] - mean[j]) / sd[j];
		}
		return z;
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}

	private static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-z));
	}

	/** Solves A x = b by Gaussian elimination with partial pivoting. */
	static double[] solve(double[][] a, double[] b) {
		int n = b.length;
		double[][] m = new double[n][n + 1];
		for (int i = 0; i < n; i++) {
			System.arraycopy(a[i], 0, m[i], 0, n);
			m[i][n] = b[i];
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int r = col + 1; r < n; r++) {
				if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
					pivot = r;
				}
			}
			double[] tmp = m[col];
			m[col] = m[pivot];
			m[pivot] = tmp;
			if (Math.abs(m[col][col]) < 1e-12) {
				continue;
			}
			for (int r = 0; r < n; r++) {
				if (r != col) {
					double f = m[r][col] / m[col][col];
					for (int c = col; c <= n; c++) {
						m[r][c] -= f * m[col][c];
					}
				}
			}
		}
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = Math.abs(m[i][i]) < 1e-12 ? 0 : m[i][n] / m[i][i];
		}
		return x;
	}

}

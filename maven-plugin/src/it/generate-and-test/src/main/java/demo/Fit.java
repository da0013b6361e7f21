package demo;

import demo.regression.Mse;

/** Main code that calls a generated class: gradient descent on the mean squared error. */
public final class Fit {
    private Fit() {}

    /** Fits w and b to the rows of X (N × n, row-major) and y; returns {w..., b}. */
    public static double[] fit(double[] X, double[] y, int N, int n, int steps, double rate) {
        Mse mse = new Mse(N, n);
        double[] w = new double[n];
        double[] b = new double[1];
        double[] gradW = new double[n];
        double[] gradB = new double[1];
        for (int step = 0; step < steps; step++) {
            mse.valueAndGradient(X, w, b[0], y, gradW, gradB);
            for (int j = 0; j < n; j++) {
                w[j] -= rate * gradW[j];
            }
            b[0] -= rate * gradB[0];
        }
        double[] result = new double[n + 1];
        System.arraycopy(w, 0, result, 0, n);
        result[n] = b[0];
        return result;
    }
}

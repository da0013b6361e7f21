package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import demo.regression.Mse;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeneratedGradientTest {
    private static final double H = 1e-6;

    @Test
    void mseGradientMatchesFiniteDifferences() {
        int N = 6;
        int n = 3;
        Random random = new Random(1);
        double[] X = gaussian(random, N * n);
        double[] w = gaussian(random, n);
        double[] y = gaussian(random, N);
        double b = 0.25;
        Mse mse = new Mse(N, n);
        double[] gradW = new double[n];
        double[] gradB = new double[1];
        double value = mse.valueAndGradient(X, w, b, y, gradW, gradB);
        assertEquals(mse.value(X, w, b, y), value, 1e-12);
        for (int j = 0; j < n; j++) {
            double[] plus = w.clone();
            double[] minus = w.clone();
            plus[j] += H;
            minus[j] -= H;
            assertEquals((mse.value(X, plus, b, y) - mse.value(X, minus, b, y)) / (2 * H), gradW[j], 1e-6);
        }
        assertEquals((mse.value(X, w, b + H, y) - mse.value(X, w, b - H, y)) / (2 * H), gradB[0], 1e-6);
    }

    @Test
    void logisticGradientMatchesFiniteDifferences() {
        int N = 5;
        int n = 4;
        Random random = new Random(2);
        double[] X = gaussian(random, N * n);
        double[] w = gaussian(random, n);
        double[] y = {1, -1, 1, 1, -1};
        LogisticLoss loss = new LogisticLoss(n, N);
        double[] grad = new double[n];
        loss.valueAndGradient(w, X, y, grad);
        for (int j = 0; j < n; j++) {
            double[] plus = w.clone();
            double[] minus = w.clone();
            plus[j] += H;
            minus[j] -= H;
            assertEquals((loss.value(plus, X, y) - loss.value(minus, X, y)) / (2 * H), grad[j], 1e-6);
        }
    }

    @Test
    void mainCodeFitsALineWithTheGeneratedGradient() {
        // y = 2x - 1, exactly.
        double[] X = {0, 1, 2, 3};
        double[] y = {-1, 1, 3, 5};
        double[] wb = Fit.fit(X, y, 4, 1, 5000, 0.05);
        assertEquals(2, wb[0], 1e-6);
        assertEquals(-1, wb[1], 1e-6);
    }

    private static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}

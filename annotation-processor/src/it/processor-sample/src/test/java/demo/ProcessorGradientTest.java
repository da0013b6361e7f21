package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProcessorGradientTest {
    private static final double H = 1e-6;

    @Test
    void mseGradientMatchesFiniteDifferences() {
        int N = 6;
        int n = 3;
        Random random = new Random(3);
        double[] X = gaussian(random, N * n);
        double[] w = gaussian(random, n);
        double[] y = gaussian(random, N);
        double b = -0.5;
        Mse mse = Mse.create(N, n);
        double[] gradW = new double[n];
        double[] gradB = new double[1];
        assertEquals(mse.value(X, w, b, y), mse.valueAndGradient(X, w, b, y, gradW, gradB), 1e-12);
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
    void quadraticGradientAndHessian() {
        int n = 2;
        double[] A = {1, 2, 3, 4};
        double[] x = {0.5, -1};
        Quadratic q = new ChainruleQuadratic(n);
        double[] grad = new double[n];
        double[] hessian = new double[n * n];
        q.valueAndGradient(x, A, grad);
        q.hessianX(x, A, hessian);
        // (A + Aᵀ)x and A + Aᵀ
        assertEquals(2 * 0.5 + 5 * -1, grad[0], 1e-12);
        assertEquals(5 * 0.5 + 8 * -1, grad[1], 1e-12);
        assertEquals(2, hessian[0], 1e-12);
        assertEquals(5, hessian[1], 1e-12);
        assertEquals(5, hessian[2], 1e-12);
        assertEquals(8, hessian[3], 1e-12);
    }

    private static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}

package ${package};

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Fits a logistic regression with an L2 penalty by gradient descent, on synthetic data, with the class
 * {@link LogisticLoss} that chainrule generates from {@code src/main/calculus/logistic.calc}.
 *
 * <p>After {@code mvn package}, {@code java -cp target/classes ${package}.Train} prints the loss every
 * 20 steps as it falls, then the accuracy and the weights found.
 */
public final class Train {
    /** The weights that label the synthetic data; training should find their direction. */
    static final double[] TRUE_WEIGHTS = {2.0, -1.0, 0.5, 0.0, 1.5};

    private Train() {}

    /**
     * Trains on 500 synthetic samples and prints the progress.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        int N = 500;
        int n = TRUE_WEIGHTS.length;
        Random random = new Random(42);
        double[] X = features(random, N, n);
        double[] y = labels(random, X, TRUE_WEIGHTS, 0.5);
        double lambda = 0.001;

        double[] w = new double[n];
        double[] losses = descend(new LogisticLoss(N, n), X, y, lambda, w, 200, 1.0);
        for (int step = 0; step < losses.length; step += 20) {
            System.out.printf(Locale.ROOT, "step %3d  loss %.6f%n", step, losses[step]);
        }
        System.out.printf(Locale.ROOT, "accuracy on the training data: %.3f%n", accuracy(X, y, w));
        System.out.println("weights found: " + format(w));
        System.out.println("weights true:  " + format(TRUE_WEIGHTS));
    }

    /**
     * Gradient descent: {@code steps} times, {@code w -= rate * gradient}, in place.
     *
     * @return the loss before each step and after the last ({@code steps + 1} values)
     */
    static double[] descend(LogisticLoss loss, double[] X, double[] y, double lambda, double[] w,
                            int steps, double rate) {
        double[] gradW = new double[w.length];
        double[] losses = new double[steps + 1];
        for (int step = 0; step < steps; step++) {
            // The generated method returns the value and writes the gradient into gradW.
            losses[step] = loss.valueAndGradient(X, y, w, lambda, gradW);
            for (int j = 0; j < w.length; j++) {
                w[j] -= rate * gradW[j];
            }
        }
        losses[steps] = loss.value(X, y, w, lambda);
        return losses;
    }

    /** N samples of n standard normal features: an N × n matrix, row-major as generated classes take it. */
    static double[] features(Random random, int N, int n) {
        double[] X = new double[N * n];
        for (int k = 0; k < X.length; k++) {
            X[k] = random.nextGaussian();
        }
        return X;
    }

    /** A label ±1 per row of X: the sign of its product with w, plus Gaussian noise of the given spread. */
    static double[] labels(Random random, double[] X, double[] w, double noise) {
        double[] y = new double[X.length / w.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = dot(X, i, w) + noise * random.nextGaussian() >= 0 ? 1 : -1;
        }
        return y;
    }

    /** The fraction of rows of X whose label is the sign of their product with w. */
    static double accuracy(double[] X, double[] y, double[] w) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            if ((dot(X, i, w) >= 0 ? 1 : -1) == y[i]) {
                right++;
            }
        }
        return (double) right / y.length;
    }

    private static double dot(double[] X, int row, double[] w) {
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            sum += X[row * w.length + j] * w[j];
        }
        return sum;
    }

    private static String format(double[] values) {
        String[] entries = new String[values.length];
        for (int j = 0; j < values.length; j++) {
            entries[j] = String.format(Locale.ROOT, "%6.3f", values[j]);
        }
        return Arrays.toString(entries);
    }
}

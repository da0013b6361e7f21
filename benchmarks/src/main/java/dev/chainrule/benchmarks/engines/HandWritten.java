package dev.chainrule.benchmarks;

/**
 * The same math as the generated classes, written by hand with the best loops we know: the speed
 * limit the generated code is measured against. Each method computes value and gradient together.
 */
public final class HandWritten {
    private HandWritten() {}

    /**
     * The paper's loss (1/N) Σ (yᵢ − max(0, w·xᵢ + b))² and its gradient, in one pass over the rows
     * of X, skipping the gradient work for samples the rectifier switches off.
     */
    public static double paperLoss(double[] w, double b, double[] X, double[] y, int samples, int features,
                                   double[] gradW, double[] gradB) {
        java.util.Arrays.fill(gradW, 0.0);
        double sum = 0;
        double biasSum = 0;
        for (int i = 0; i < samples; i++) {
            int row = i * features;
            double z = b;
            for (int j = 0; j < features; j++) {
                z += X[row + j] * w[j];
            }
            double error = Math.max(z, 0.0) - y[i];
            sum += error * error;
            if (z > 0) {
                for (int j = 0; j < features; j++) {
                    gradW[j] += error * X[row + j];
                }
                biasSum += error;
            }
        }
        double scale = 2.0 / samples;
        for (int j = 0; j < features; j++) {
            gradW[j] *= scale;
        }
        gradB[0] = scale * biasSum;
        return sum / samples;
    }

    /** The neuron max(0, w·x + b) and its gradient: x and 1 where it is active, zeros elsewhere. */
    public static double activation(double[] w, double b, double[] x, double[] gradW, double[] gradB) {
        double z = b;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * x[j];
        }
        if (z > 0) {
            System.arraycopy(x, 0, gradW, 0, x.length);
            gradB[0] = 1.0;
            return z;
        }
        java.util.Arrays.fill(gradW, 0.0);
        gradB[0] = 0.0;
        return 0.0;
    }
}

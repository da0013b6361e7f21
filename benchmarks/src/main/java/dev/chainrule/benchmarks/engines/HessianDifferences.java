package dev.chainrule.benchmarks.engines;

import dev.chainrule.testing.CentralDifferences;
import java.util.function.DoubleSupplier;

/**
 * A Hessian by central differences of the gradient, (∇f(x + hεⱼ) − ∇f(x − hεⱼ)) / 2h for each
 * unknown j: 2n + 1 gradient calls for n unknowns, and approximate, as {@link FiniteDifferences}.
 */
public final class HessianDifferences {
    private final DoubleSupplier gradient;
    private final double[] gradientOut;
    private final double[] x;
    private final double[] hessian;
    private final double[] plus;

    /**
     * @param gradient computes the gradient into {@code gradientOut}, reading {@code x}; returns the value
     * @param x the unknowns, perturbed in place and restored
     */
    public HessianDifferences(DoubleSupplier gradient, double[] gradientOut, double[] x) {
        this.gradient = gradient;
        this.gradientOut = gradientOut;
        this.x = x;
        this.hessian = new double[x.length * x.length];
        this.plus = new double[x.length];
    }

    public double[] hessian() {
        return hessian;
    }

    /** The value, with the Hessian (row-major, column j from the differences in xⱼ) in {@link #hessian()}. */
    public double run() {
        double value = gradient.getAsDouble();
        int n = x.length;
        for (int j = 0; j < n; j++) {
            double saved = x[j];
            double h = CentralDifferences.step(saved, CentralDifferences.STEP);
            double up = saved + h;
            double down = saved - h;
            try {
                x[j] = up;
                gradient.getAsDouble();
                System.arraycopy(gradientOut, 0, plus, 0, n);
                x[j] = down;
                gradient.getAsDouble();
            } finally {
                x[j] = saved;
            }
            for (int i = 0; i < n; i++) {
                hessian[i * n + j] = (plus[i] - gradientOut[i]) / (up - down);
            }
        }
        return value;
    }
}

package dev.chainrule.testing;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Central differences, the independent oracle for derivatives: {@code ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) −
 * f(x − hᵢeᵢ)) / 2hᵢ}, with {@code hᵢ = step · max(1, |xᵢ|)}. The truncation error is of order
 * {@code hᵢ²} and the rounding error of order {@code ε|f|/hᵢ}; the default step, ∛ε ≈ 6e-6,
 * balances the two. The one home of the formula for chainrule's own tests, its benchmarks and the
 * users' {@link GradientCheck}.
 *
 * <p>The function reads the array it is given: each entry is perturbed in place and restored, so
 * that a function of several arrays (a generated class's method) is differentiated by each of them
 * without copying. x ± h are rounded to doubles; the quotient divides by their difference, the
 * step actually taken.
 */
public final class CentralDifferences {
    /** The default relative step, ∛ε. */
    public static final double STEP = Math.cbrt(Math.ulp(1.0));

    private CentralDifferences() {}

    /** The step for an entry of value x: {@code relativeStep · max(1, |x|)}. */
    public static double step(double x, double relativeStep) {
        return relativeStep * Math.max(1, Math.abs(x));
    }

    /**
     * ∂f/∂x[i] of a scalar function that reads {@code x}, with the default step.
     *
     * @param f called twice, with x[i] raised and lowered; x[i] is restored afterwards, whatever f does
     */
    public static double partial(DoubleSupplier f, double[] x, int i) {
        return partial(f, x, i, STEP);
    }

    /** ∂f/∂x[i] of a scalar function that reads {@code x}, with {@code hᵢ = relativeStep · max(1, |xᵢ|)}. */
    public static double partial(DoubleSupplier f, double[] x, int i, double relativeStep) {
        return difference(f, x, i, relativeStep).quotient();
    }

    /**
     * One central difference and what it was made of, for judging its rounding error: the values at
     * x ± h and the step h.
     */
    public record Difference(double quotient, double plus, double minus, double step) {}

    /** The central difference of a scalar function that reads {@code x}, with its parts. */
    public static Difference difference(DoubleSupplier f, double[] x, int i, double relativeStep) {
        double saved = x[i];
        double h = step(saved, relativeStep);
        double up = saved + h;
        double down = saved - h;
        try {
            x[i] = up;
            double plus = f.getAsDouble();
            x[i] = down;
            double minus = f.getAsDouble();
            return new Difference((plus - minus) / (up - down), plus, minus, h);
        } finally {
            x[i] = saved;
        }
    }

    /**
     * ∂f/∂x[i] of a function of several outputs that reads {@code x}: a column of its Jacobian, one
     * entry per output.
     */
    public static double[] partials(Supplier<double[]> f, double[] x, int i, double relativeStep) {
        double saved = x[i];
        double h = step(saved, relativeStep);
        double up = saved + h;
        double down = saved - h;
        try {
            x[i] = up;
            double[] plus = f.get().clone();
            x[i] = down;
            double[] minus = f.get();
            double[] column = new double[plus.length];
            for (int k = 0; k < column.length; k++) {
                column[k] = (plus[k] - minus[k]) / (up - down);
            }
            return column;
        } finally {
            x[i] = saved;
        }
    }
}

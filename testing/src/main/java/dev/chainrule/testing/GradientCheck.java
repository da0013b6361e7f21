package dev.chainrule.testing;

import dev.chainrule.testing.property.Settings;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Checks a gradient against central finite differences, the way a good assertion library checks a
 * value: on failure an {@link AssertionError} names the worst component, both values, the error
 * and the tolerance, and the point.
 *
 * <p>A function of one array:
 *
 * <pre>{@code
 * GradientCheck.of(x -> f.value(x), (x, gradient) -> f.valueAndGradient(x, gradient))
 *         .at(0.5, -1.0, 2.0);
 * }</pre>
 *
 * <p>A function of several variables, such as a generated class (generated classes have no common
 * interface, so the check takes two lambdas): the point is {@link Variables}, the gradient
 * {@link Variables} of the same shapes for the gradient lambda to fill.
 *
 * <pre>{@code
 * Loss loss = new Loss(3, 5);
 * GradientCheck.forVariables(
 *         v -> loss.value(v.array("w"), v.scalar("b"), X, y),
 *         (v, g) -> loss.valueAndGradient(v.array("w"), v.scalar("b"), X, y, g.array("w"), g.array("b")))
 *     .at(Variables.of().vector("w", 0.5, -1.0, 2.0).scalar("b", 0.1));
 * }</pre>
 *
 * <p>Each component {@code i} is compared with the central difference
 * {@code (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ}, {@code hᵢ = step · max(1, |xᵢ|)}, whose truncation error
 * is of order {@code hᵢ²} and rounding error of order {@code ε|f|/hᵢ}; the default step, ∛ε ≈ 6e-6,
 * balances the two. A component passes when
 * {@code |analytic − numeric| ≤ absolute + relative · max(|analytic|, |numeric|) + 8ε · max|f| / hᵢ}:
 * a mixed absolute and relative tolerance (1e-6 and 1e-6 unless set) plus the rounding error the
 * difference quotient cannot avoid. Points where the function is not smooth (kinks of abs, relu or
 * max within a step) give meaningless differences: check away from them.
 */
public final class GradientCheck {

    /** A scalar function of an array. */
    @FunctionalInterface
    public interface ValueFunction {
        double value(double[] x);
    }

    /** A gradient of an array function, written into {@code gradient} (as long as x). */
    @FunctionalInterface
    public interface GradientFunction {
        void gradient(double[] x, double[] gradient);
    }

    /** A scalar function of named variables. */
    @FunctionalInterface
    public interface VariablesFunction {
        double value(Variables point);
    }

    /** A gradient of a function of named variables, written into {@code gradient}'s arrays. */
    @FunctionalInterface
    public interface VariablesGradient {
        void gradient(Variables point, Variables gradient);
    }

    /** One component's comparison. */
    public record Component(String name, int index, double analytic, double numeric, double error,
                            double tolerance) {
        /** The error as a fraction of the tolerance: above 1 fails. */
        public double ratio() {
            return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error / tolerance;
        }

        public boolean passes() {
            return ratio() <= 1;
        }
    }

    /** The outcome at one point: the worst component, and how many there were. */
    public record Result(Variables point, Component worst, int components, double step) {
        public boolean passes() {
            return worst == null || worst.passes();
        }
    }

    private final VariablesFunction value;
    private final VariablesGradient gradient;
    private double absolute = 1e-6;
    private double relative = 1e-6;
    private double step = CentralDifferences.STEP;

    private GradientCheck(VariablesFunction value, VariablesGradient gradient) {
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
    }

    /** A check of a function of one array. */
    public static GradientCheck of(ValueFunction value, GradientFunction gradient) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
        return new GradientCheck(p -> value.value(p.array("x")), (p, g) -> gradient.gradient(p.array("x"), g.array("x")));
    }

    /** A check of a function of named variables. */
    public static GradientCheck forVariables(VariablesFunction value, VariablesGradient gradient) {
        return new GradientCheck(value, gradient);
    }

    /** The mixed tolerance: absolute plus relative times the larger magnitude (1e-6 and 1e-6 unless set). */
    public GradientCheck tolerance(double absolute, double relative) {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("tolerances must not be negative");
        }
        this.absolute = absolute;
        this.relative = relative;
        return this;
    }

    /** The relative step of the differences, {@code hᵢ = step · max(1, |xᵢ|)} (∛ε ≈ 6e-6 unless set). */
    public GradientCheck step(double step) {
        if (!(step > 0) || step > 0.1) {
            throw new IllegalArgumentException("the step must be in (0, 0.1], not " + step);
        }
        this.step = step;
        return this;
    }

    /**
     * Checks the gradient at a point of a function of one array.
     *
     * @throws AssertionError naming the worst component if any is out of tolerance
     */
    public void at(double... x) {
        at(Variables.of().vector("x", x.clone()));
    }

    /**
     * Checks the gradient at a point.
     *
     * @throws AssertionError naming the worst component if any is out of tolerance
     */
    public void at(Variables point) {
        Result result = compare(point);
        if (!result.passes()) {
            throw new AssertionError(message(result));
        }
    }

    /**
     * Checks the gradient at {@code count} random points of a function of one array of length
     * {@code dimension}, entries uniform in [-1, 1]; the seed is the run's (see {@link Settings}).
     */
    public void atRandomPoints(int dimension, int count) {
        atRandomPoints(Variables.of().vector("x", new double[dimension]), count);
    }

    /**
     * Checks the gradient at {@code count} random points with the variables and shapes of
     * {@code template} (its values are not used), entries uniform in [-1, 1]; the seed is the
     * run's: fresh, or {@code -Dchainrule.seed}. The message of a failure gives the seed.
     */
    public void atRandomPoints(Variables template, int count) {
        long seed = Settings.seed(null);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            Variables point = template.zeros();
            for (Variables.Variable v : point.variables()) {
                double[] data = point.array(v.name());
                for (int k = 0; k < data.length; k++) {
                    data[k] = 2 * random.nextDouble() - 1;
                }
            }
            Result result = compare(point);
            if (!result.passes()) {
                throw new AssertionError(message(result) + "\n(random point " + (i + 1) + " of " + count
                        + ", seed " + seed + ": replay with -Dchainrule.seed=" + seed + ")");
            }
        }
    }

    /** Compares every component at {@code point} without throwing. The point is not changed. */
    public Result compare(Variables point) {
        Variables x = point.copy();
        Variables analytic = point.zeros();
        gradient.gradient(x.copy(), analytic);
        double[] a = analytic.flatten();
        double f0 = value.value(x.copy());
        Component worst = null;
        int n = x.size();
        for (int i = 0; i < n; i++) {
            Map.Entry<Variables.Variable, Integer> at = x.locate(i);
            double[] data = x.array(at.getKey().name());
            int k = at.getValue();
            CentralDifferences.Difference d = CentralDifferences.difference(() -> value.value(x.copy()), data, k, step);
            double numeric = d.quotient();
            double magnitude = Math.max(Math.abs(f0), Math.max(Math.abs(d.plus()), Math.abs(d.minus())));
            double rounding = 8 * Math.ulp(1.0) * magnitude / d.step();
            double error = Math.abs(a[i] - numeric);
            double tolerance = absolute + relative * Math.max(Math.abs(a[i]), Math.abs(numeric)) + rounding;
            if (!Double.isFinite(a[i]) || !Double.isFinite(numeric)) {
                error = Double.NaN;
            }
            Component c = new Component(at.getKey().entry(k), i, a[i], numeric, error, tolerance);
            if (worst == null || c.ratio() > worst.ratio()) {
                worst = c;
            }
        }
        return new Result(point.copy(), worst, n, step);
    }

    private String message(Result r) {
        Component c = r.worst();
        Map.Entry<Variables.Variable, Integer> at = r.point().locate(c.index());
        Variables.Variable v = at.getKey();
        String where = v.kind() == Variables.Variable.Kind.SCALAR ? c.name()
                : c.name() + " (entry " + at.getValue() + " of " + v.name() + ", " + v.shape() + ")";
        return String.format(Locale.ROOT,
                "gradient differs from central finite differences at %s, the worst of %d components:%n"
                        + "  analytic  %s%n"
                        + "  numeric   %s%n"
                        + "  error     %s %s tolerance %s (absolute %s + relative %s × %s + rounding)%n"
                        + "at %s",
                where, r.components(), num(c.analytic()), num(c.numeric()), num(c.error()),
                Double.isNaN(c.error()) ? "(not finite), needs" : ">", num(c.tolerance()),
                brief(absolute), brief(relative), num(Math.max(Math.abs(c.analytic()), Math.abs(c.numeric()))),
                r.point());
    }

    private static String brief(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    private static String num(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.9g", x) : Double.toString(x);
    }
}

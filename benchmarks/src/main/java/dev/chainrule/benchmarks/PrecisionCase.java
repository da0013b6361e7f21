package dev.chainrule.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * A model of the suite in one precision: its generated class ({@code examples.*} for double,
 * {@code examples.single.*} for float, from the same formula) called for the value and gradient
 * on seeded Gaussian inputs that are floats already, so that both precisions compute from the same
 * numbers. The gradient is read back as doubles, for the check that the two agree.
 */
public final class PrecisionCase {
    /** The models {@link FloatBenchmark} compares, in the page's order: the suite's sizes, then two past the caches. */
    public static final List<String> KEYS = List.of("paperLoss", "logistic", "softmax", "quadratic",
            "logistic:large", "quadratic:large");

    /** The precisions, as the benchmark's parameter spells them. */
    public static final List<String> PRECISIONS = List.of("double", "float");

    private static final int FEATURES = 100;

    private final DoubleSupplier call;
    private final java.util.function.Supplier<double[]> gradient;

    private PrecisionCase(DoubleSupplier call, java.util.function.Supplier<double[]> gradient) {
        this.call = call;
        this.gradient = gradient;
    }

    /** The value and gradient, once. */
    public double run() {
        return call.getAsDouble();
    }

    /** The gradient the last {@link #run()} wrote, in double (every variable's, one after the other). */
    public double[] gradient() {
        return gradient.get();
    }

    /**
     * The number of terms the longest sum of a model adds in one accumulator: the rows N of a loss over
     * samples, n of the softmax's sums and of a row of the quadratic form. A float sum of k terms is
     * within (k − 1)·2⁻²⁴·Σ|terms| of the exact one (Higham's bound for recursive summation), so its
     * relative error may grow with k, where a double sum's stays negligible.
     */
    public static int terms(String key) {
        return switch (key) {
            case "paperLoss", "logistic", "softmax" -> 1000;
            case "quadratic" -> 500;
            case "logistic:large" -> 100_000;
            case "quadratic:large" -> 4000;
            default -> throw new IllegalArgumentException("no model " + key + "; models: " + KEYS);
        };
    }

    /** How the page names a model, sizes included. */
    public static String title(String key) {
        return switch (key) {
            case "paperLoss" -> "paper's loss, N = 1,000, n = 100";
            case "logistic" -> "logistic regression, N = 1,000, n = 100";
            case "softmax" -> "softmax cross-entropy, n = 1000";
            case "quadratic" -> "quadratic form xᵀAx, n = 500";
            case "logistic:large" -> "logistic regression, N = 100,000, n = 100";
            case "quadratic:large" -> "quadratic form xᵀAx, n = 4,000";
            default -> throw new IllegalArgumentException("no model " + key + "; models: " + KEYS);
        };
    }

    public static PrecisionCase of(String key, String precision) {
        boolean single = switch (precision) {
            case "double" -> false;
            case "float" -> true;
            default -> throw new IllegalArgumentException("no precision " + precision + "; precisions: " + PRECISIONS);
        };
        Random random = new Random(42);
        return switch (key) {
            case "paperLoss" -> paperLoss(1000, single, random);
            case "logistic" -> logistic(1000, single, random);
            case "logistic:large" -> logistic(100_000, single, random);
            case "softmax" -> softmax(1000, single, random);
            case "quadratic" -> quadratic(500, single, random);
            case "quadratic:large" -> quadratic(4000, single, random);
            default -> throw new IllegalArgumentException("no model " + key + "; models: " + KEYS);
        };
    }

    private static PrecisionCase paperLoss(int samples, boolean single, Random random) {
        double[] w = gaussian(random, FEATURES);
        double[] X = gaussian(random, samples * FEATURES);
        double[] y = gaussian(random, samples);
        double b = 0.1;
        if (single) {
            examples.single.Loss loss = new examples.single.Loss(FEATURES, samples);
            float[] fw = narrow(w);
            float[] fX = narrow(X);
            float[] fy = narrow(y);
            float[] gw = new float[FEATURES];
            float[] gb = new float[1];
            return new PrecisionCase(() -> loss.valueAndGradient(fw, (float) b, fX, fy, gw, gb), () -> widen(gw, gb));
        }
        examples.paper.Loss loss = new examples.paper.Loss(FEATURES, samples);
        double[] gw = new double[FEATURES];
        double[] gb = new double[1];
        return new PrecisionCase(() -> loss.valueAndGradient(w, b, X, y, gw, gb), () -> concat(gw, gb));
    }

    private static PrecisionCase logistic(int samples, boolean single, Random random) {
        double[] w = gaussian(random, FEATURES);
        double[] X = gaussian(random, samples * FEATURES);
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = random.nextBoolean() ? 1 : -1;
        }
        if (single) {
            examples.single.LogisticLoss loss = new examples.single.LogisticLoss(FEATURES, samples);
            float[] fw = narrow(w);
            float[] fX = narrow(X);
            float[] fy = narrow(y);
            float[] gw = new float[FEATURES];
            return new PrecisionCase(() -> loss.valueAndGradient(fw, fX, fy, gw), () -> widen(gw));
        }
        examples.logistic.LogisticLoss loss = new examples.logistic.LogisticLoss(FEATURES, samples);
        double[] gw = new double[FEATURES];
        return new PrecisionCase(() -> loss.valueAndGradient(w, X, y, gw), gw::clone);
    }

    private static PrecisionCase softmax(int n, boolean single, Random random) {
        double[] x = gaussian(random, n);
        double[] y = new double[n];
        y[random.nextInt(n)] = 1;
        if (single) {
            examples.single.SoftmaxCrossEntropy loss = new examples.single.SoftmaxCrossEntropy(n);
            float[] fx = narrow(x);
            float[] fy = narrow(y);
            float[] gx = new float[n];
            return new PrecisionCase(() -> loss.valueAndGradient(fx, fy, gx), () -> widen(gx));
        }
        examples.softmax.SoftmaxCrossEntropy loss = new examples.softmax.SoftmaxCrossEntropy(n);
        double[] gx = new double[n];
        return new PrecisionCase(() -> loss.valueAndGradient(x, y, gx), gx::clone);
    }

    private static PrecisionCase quadratic(int n, boolean single, Random random) {
        double[] A = gaussian(random, n * n);
        double[] x = gaussian(random, n);
        if (single) {
            examples.single.Quadratic form = new examples.single.Quadratic(n);
            float[] fA = narrow(A);
            float[] fx = narrow(x);
            float[] gx = new float[n];
            return new PrecisionCase(() -> form.valueAndGradient(fA, fx, gx), () -> widen(gx));
        }
        examples.ridge.Quadratic form = new examples.ridge.Quadratic(n);
        double[] gx = new double[n];
        return new PrecisionCase(() -> form.valueAndGradient(A, x, gx), gx::clone);
    }

    /** Gaussian numbers that are floats: the same inputs in both precisions. */
    private static double[] gaussian(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static float[] narrow(double[] values) {
        float[] narrowed = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrowed[i] = (float) values[i];
        }
        return narrowed;
    }

    private static double[] widen(float[]... arrays) {
        int length = 0;
        for (float[] a : arrays) {
            length += a.length;
        }
        double[] widened = new double[length];
        int k = 0;
        for (float[] a : arrays) {
            for (float v : a) {
                widened[k++] = v;
            }
        }
        return widened;
    }

    private static double[] concat(double[]... arrays) {
        return java.util.Arrays.stream(arrays).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}

package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.softmax.SoftmaxCrossEntropy;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** Softmax cross-entropy log Σ exp(x) − y·x against a one-hot target, n = 1000. */
final class SoftmaxCrossEntropyModel extends Model {
    private static final int N = 1000;
    private final SoftmaxCrossEntropy generated = new SoftmaxCrossEntropy(N);
    private final double[] x;
    private final double[] y;

    SoftmaxCrossEntropyModel() {
        super("softmax", "softmax cross-entropy, n = 1000", "softmax.calc", "softmax_cross_entropy",
                Map.of("n", N), List.of("x"));
        x = argument("x", gaussian(N));
        y = argument("y", new double[N]);
        y[7] = 1.0;
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> generated.valueAndGradient(x, y, gx));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(x, y);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> HandWritten.softmaxCrossEntropy(x, y, gx));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> ForwardMode.softmaxCrossEntropy(x, y, gx));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

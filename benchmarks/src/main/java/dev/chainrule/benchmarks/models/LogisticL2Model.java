package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.logistic.LogisticL2;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** Logistic regression with an L2 penalty, N = 1000 samples of n = 100 features, λ = 0.01. */
final class LogisticL2Model extends Model {
    private static final int SAMPLES = 1000;
    private static final int FEATURES = 100;
    private final LogisticL2 generated = new LogisticL2(FEATURES, SAMPLES);
    private final double[] w;
    private final double[] X;
    private final double[] y;
    private final double[] lambda;

    LogisticL2Model() {
        super("logisticL2", "logistic regression + L2 penalty, N = 1000, n = 100", "logistic.calc", "logistic_l2",
                Map.of("n", FEATURES, "N", SAMPLES), List.of("w"));
        w = argument("w", gaussian(FEATURES));
        X = argument("X", gaussian(SAMPLES * FEATURES));
        y = argument("y", signs(SAMPLES));
        lambda = argument("lambda", new double[] {0.01});
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        return Evaluation.of(g, () -> generated.valueAndGradient(w, X, y, lambda[0], gw));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(w, X, y, lambda[0]);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        return Evaluation.of(g, () -> HandWritten.logisticL2(w, X, y, lambda[0], SAMPLES, FEATURES, gw));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        return Evaluation.of(g, () -> ForwardMode.logisticL2(w, X, y, lambda[0], SAMPLES, FEATURES, gw));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

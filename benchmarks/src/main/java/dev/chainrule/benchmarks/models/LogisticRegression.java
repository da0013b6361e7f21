package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.logistic.LogisticLoss;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** Logistic regression's mean negative log-likelihood, N = 1000 samples of n = 100 features. */
final class LogisticRegression extends Model {
    private static final int SAMPLES = 1000;
    private static final int FEATURES = 100;
    private final LogisticLoss generated = new LogisticLoss(FEATURES, SAMPLES);
    private final double[] w;
    private final double[] X;
    private final double[] y;

    LogisticRegression() {
        super("logistic", "logistic regression, N = 1000, n = 100", "logistic.calc", "logistic_loss",
                Map.of("n", FEATURES, "N", SAMPLES), List.of("w"));
        w = argument("w", gaussian(FEATURES));
        X = argument("X", gaussian(SAMPLES * FEATURES));
        y = argument("y", signs(SAMPLES));
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        return Evaluation.of(g, () -> generated.valueAndGradient(w, X, y, gw));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(w, X, y);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        return Evaluation.of(g, () -> HandWritten.logisticLoss(w, X, y, SAMPLES, FEATURES, gw));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        return Evaluation.of(g, () -> ForwardMode.logisticLoss(w, X, y, SAMPLES, FEATURES, gw));
    }
}

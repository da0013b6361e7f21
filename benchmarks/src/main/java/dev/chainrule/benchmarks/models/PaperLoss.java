package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.paper.Loss;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The paper's loss (1/N) Σ (yᵢ − max(0, w·xᵢ + b))², N = 1000 samples of n = 100 features. */
final class PaperLoss extends Model {
    private static final int SAMPLES = 1000;
    private static final int FEATURES = 100;
    private final Loss generated = new Loss(FEATURES, SAMPLES);
    private final double[] w;
    private final double[] b;
    private final double[] X;
    private final double[] y;

    PaperLoss() {
        super("paperLoss", "paper's loss, N = 1000, n = 100", "paper.calc", "loss",
                Map.of("n", FEATURES, "N", SAMPLES), List.of("w", "b"));
        w = argument("w", gaussian(FEATURES));
        b = argument("b", new double[] {0.1});
        X = argument("X", gaussian(SAMPLES * FEATURES));
        y = argument("y", gaussian(SAMPLES));
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        double[] gb = g.get("b");
        return Evaluation.of(g, () -> generated.valueAndGradient(w, b[0], X, y, gw, gb));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(w, b[0], X, y);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        double[] gb = g.get("b");
        return Evaluation.of(g, () -> HandWritten.paperLoss(w, b[0], X, y, SAMPLES, FEATURES, gw, gb));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        double[] gb = g.get("b");
        return Evaluation.of(g, () -> ForwardMode.paperLoss(w, b[0], X, y, SAMPLES, FEATURES, gw, gb));
    }
}

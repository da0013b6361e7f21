package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.paper.Loss;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The paper's loss (1/N) Σ (yᵢ − max(0, w·xᵢ + b))², N samples of n = 100 features: N = 1000 in
 * the suite, N = 100,000 (X of 80 MB, past every cache) for the roofline.
 */
final class PaperLoss extends Model {
    private static final int FEATURES = 100;
    private final int samples;
    private final Loss generated;
    private final double[] w;
    private final double[] b;
    private final double[] X;
    private final double[] y;

    PaperLoss() {
        this("paperLoss", 1000);
    }

    PaperLoss(String key, int samples) {
        super(key, String.format(Locale.ROOT, "paper's loss, N = %,d, n = %d", samples, FEATURES), "paper.calc", "loss",
                Map.of("n", FEATURES, "N", samples), List.of("w", "b"));
        this.samples = samples;
        generated = new Loss(FEATURES, samples);
        w = argument("w", gaussian(FEATURES));
        b = argument("b", new double[] {0.1});
        X = argument("X", gaussian(samples * FEATURES));
        y = argument("y", gaussian(samples));
    }

    /** X and y read, w read and its gradient written; w·xᵢ and the gradient's rᵢxᵢ, 2n flops each per sample. */
    @Override
    public Optional<Work> work() {
        double n = samples;
        return Optional.of(new Work(8 * (n * FEATURES + n + 2 * FEATURES + 2), n * (4.0 * FEATURES + 6)));
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
        return Evaluation.of(g, () -> HandWritten.paperLoss(w, b[0], X, y, samples, FEATURES, gw, gb));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        double[] gb = g.get("b");
        return Evaluation.of(g, () -> ForwardMode.paperLoss(w, b[0], X, y, samples, FEATURES, gw, gb));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.logistic.LogisticLoss;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Logistic regression's mean negative log-likelihood, N samples of n = 100 features: N = 1000 in
 * the suite, N = 100,000 (X of 80 MB, past every cache) for the roofline.
 */
final class LogisticRegression extends Model {
    private static final int FEATURES = 100;
    private final int samples;
    private final LogisticLoss generated;
    private final double[] w;
    private final double[] X;
    private final double[] y;

    LogisticRegression() {
        this("logistic", 1000);
    }

    LogisticRegression(String key, int samples) {
        super(key, String.format(Locale.ROOT, "logistic regression, N = %,d, n = %d", samples, FEATURES),
                "logistic.calc", "logistic_loss", Map.of("n", FEATURES, "N", samples), List.of("w"));
        this.samples = samples;
        generated = new LogisticLoss(FEATURES, samples);
        w = argument("w", gaussian(FEATURES));
        X = argument("X", gaussian(samples * FEATURES));
        y = argument("y", signs(samples));
    }

    /**
     * X and y read, w read and its gradient written; w·xᵢ and the gradient's sᵢxᵢ, 2n flops each per
     * sample (the exp and log of the softplus and sigmoid not counted).
     */
    @Override
    public Optional<Work> work() {
        double n = samples;
        return Optional.of(new Work(8 * (n * FEATURES + n + 2 * FEATURES), n * (4.0 * FEATURES + 4)));
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
        return Evaluation.of(g, () -> HandWritten.logisticLoss(w, X, y, samples, FEATURES, gw));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        return Evaluation.of(g, () -> ForwardMode.logisticLoss(w, X, y, samples, FEATURES, gw));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

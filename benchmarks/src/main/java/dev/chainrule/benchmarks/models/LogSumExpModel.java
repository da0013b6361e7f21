package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.reductions.LogSumExp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** log Σ exp(x) and its gradient softmax(x): a reduction, n = 1000 in the suite, 10⁵ past the second-level cache. */
final class LogSumExpModel extends Model {
    private final LogSumExp generated;
    private final double[] x;

    LogSumExpModel(String key, int n) {
        super(key, String.format(Locale.ROOT, "log-sum-exp log Σ exp(x), n = %,d", n), "reductions.calc", "log_sum_exp",
                Map.of("n", n), List.of("x"));
        generated = new LogSumExp(n);
        x = argument("x", gaussian(n));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> generated.valueAndGradient(x, gx));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(x);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> HandWritten.logSumExp(x, gx));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> ForwardMode.logSumExp(x, gx));
    }
}

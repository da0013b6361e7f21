package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.reductions.Dot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The dot product xᵀy and its gradient (y, x): a reduction, n = 1000 in the suite, 10⁵ past the second-level cache. */
final class DotProduct extends Model {
    private final Dot generated;
    private final double[] x;
    private final double[] y;

    DotProduct(String key, int n) {
        super(key, String.format(Locale.ROOT, "dot product xᵀy, n = %,d", n), "reductions.calc", "dot",
                Map.of("n", n), List.of("x", "y"));
        generated = new Dot(n);
        x = argument("x", gaussian(n));
        y = argument("y", gaussian(n));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        double[] gy = g.get("y");
        return Evaluation.of(g, () -> generated.valueAndGradient(x, y, gx, gy));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(x, y);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        double[] gy = g.get("y");
        return Evaluation.of(g, () -> HandWritten.dot(x, y, gx, gy));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        double[] gy = g.get("y");
        return Evaluation.of(g, () -> ForwardMode.dot(x, y, gx, gy));
    }
}

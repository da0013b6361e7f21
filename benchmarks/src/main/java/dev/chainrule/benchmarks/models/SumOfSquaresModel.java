package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.reductions.SumOfSquares;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The sum of squares ‖x‖² and its gradient 2x: a reduction, n = 1000 in the suite, 10⁵ past the second-level cache. */
final class SumOfSquaresModel extends Model {
    private final SumOfSquares generated;
    private final double[] x;

    SumOfSquaresModel(String key, int n) {
        super(key, String.format(Locale.ROOT, "sum of squares ‖x‖², n = %,d", n), "reductions.calc", "sum_of_squares",
                Map.of("n", n), List.of("x"));
        generated = new SumOfSquares(n);
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
        return Evaluation.of(g, () -> HandWritten.sumOfSquares(x, gx));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> ForwardMode.sumOfSquares(x, gx));
    }
}

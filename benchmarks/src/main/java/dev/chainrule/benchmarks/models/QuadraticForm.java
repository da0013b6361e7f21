package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.ridge.Quadratic;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The quadratic form xᵀAx, n = 500. */
final class QuadraticForm extends Model {
    private static final int N = 500;
    private final Quadratic generated = new Quadratic(N);
    private final double[] A;
    private final double[] x;

    QuadraticForm() {
        super("quadratic", "quadratic form xᵀAx, n = 500", "ridge.calc", "quadratic", Map.of("n", N), List.of("x"));
        A = argument("A", gaussian(N * N));
        x = argument("x", gaussian(N));
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> generated.valueAndGradient(A, x, gx));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(A, x);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> HandWritten.quadratic(A, x, N, gx));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> ForwardMode.quadratic(A, x, N, gx));
    }
}

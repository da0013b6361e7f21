package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.ridge.Quadratic;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** The quadratic form xᵀAx: n = 500 in the suite, n = 4000 (A of 128 MB, past every cache) for the roofline. */
final class QuadraticForm extends Model {
    private final int n;
    private final Quadratic generated;
    private final double[] A;
    private final double[] x;

    QuadraticForm() {
        this("quadratic", 500);
    }

    QuadraticForm(String key, int n) {
        super(key, String.format(Locale.ROOT, "quadratic form xᵀAx, n = %,d", n), "ridge.calc", "quadratic",
                Map.of("n", n), List.of("x"));
        this.n = n;
        generated = new Quadratic(n);
        A = argument("A", gaussian(n * n));
        x = argument("x", gaussian(n));
    }

    /** A read once, x read and the gradient written; Ax and Aᵀx in the same pass, 4n² flops. */
    @Override
    public Optional<Work> work() {
        double size = n;
        return Optional.of(new Work(8 * (size * size + 2 * size), 4 * size * size + 2 * size));
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
        return Evaluation.of(g, () -> HandWritten.quadratic(A, x, n, gx));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> ForwardMode.quadratic(A, x, n, gx));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

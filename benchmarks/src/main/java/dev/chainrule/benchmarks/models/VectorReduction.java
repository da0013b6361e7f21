package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.reductions.LogSumExp;
import examples.reductions.SumOfSquares;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * A reduction of one vector x, with its gradient: the sum of squares ‖x‖² (gradient 2x) and
 * log Σ exp(x) (gradient softmax(x)); n = 1000 in the suite, 10⁵ past the second-level cache. The
 * engines differ only in the call, so the two models are this one class with their calls given.
 * (Each model and engine runs in a JMH fork of its own, so every call site below sees one target.)
 */
final class VectorReduction extends Model {
    /** A value and gradient: the value returned, the gradient written into {@code gradX}. */
    interface Gradient {
        double of(double[] x, double[] gradX);
    }

    private final Object generatedInstance;
    private final Gradient generated;
    private final ToDoubleFunction<double[]> generatedValue;
    private final Gradient handWritten;
    private final Gradient hipparchus;
    private final double[] x;

    private VectorReduction(String key, String description, String function, int n, Object generatedInstance,
                            Gradient generated, ToDoubleFunction<double[]> generatedValue, Gradient handWritten,
                            Gradient hipparchus) {
        super(key, String.format(Locale.ROOT, "%s, n = %,d", description, n), "reductions.calc", function,
                Map.of("n", n), List.of("x"));
        this.generatedInstance = generatedInstance;
        this.generated = generated;
        this.generatedValue = generatedValue;
        this.handWritten = handWritten;
        this.hipparchus = hipparchus;
        x = argument("x", gaussian(n));
    }

    static VectorReduction sumOfSquares(String key, int n) {
        SumOfSquares generated = new SumOfSquares(n);
        return new VectorReduction(key, "sum of squares ‖x‖²", "sum_of_squares", n, generated,
                generated::valueAndGradient, generated::value, HandWritten::sumOfSquares, ForwardMode::sumOfSquares);
    }

    static VectorReduction logSumExp(String key, int n) {
        LogSumExp generated = new LogSumExp(n);
        return new VectorReduction(key, "log-sum-exp log Σ exp(x)", "log_sum_exp", n, generated,
                generated::valueAndGradient, generated::value, HandWritten::logSumExp, ForwardMode::logSumExp);
    }

    @Override
    public Object generatedInstance() {
        return generatedInstance;
    }

    @Override
    protected Evaluation generated() {
        return evaluation(generated);
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generatedValue.applyAsDouble(x);
    }

    @Override
    protected Evaluation handWritten() {
        return evaluation(handWritten);
    }

    @Override
    protected Evaluation hipparchus() {
        return evaluation(hipparchus);
    }

    private Evaluation evaluation(Gradient engine) {
        Map<String, double[]> g = newGradients();
        double[] gx = g.get("x");
        return Evaluation.of(g, () -> engine.of(x, gx));
    }
}

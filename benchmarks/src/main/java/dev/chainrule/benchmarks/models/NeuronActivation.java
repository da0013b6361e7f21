package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.paper.Activation;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The paper's neuron max(0, w·x + b), n = 100. */
final class NeuronActivation extends Model {
    private static final int N = 100;
    private final Activation generated = new Activation(N);
    private final double[] w;
    private final double[] b;
    private final double[] x;

    NeuronActivation() {
        super("neuron", "neuron max(0, w·x + b), n = 100", "paper.calc", "activation", Map.of("n", N), List.of("w", "b"));
        w = argument("w", gaussian(N));
        // a positive bias keeps the neuron active, so that every engine computes a nonzero gradient
        b = argument("b", new double[] {25.0});
        x = argument("x", gaussian(N));
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        double[] gb = g.get("b");
        return Evaluation.of(g, () -> generated.valueAndGradient(w, b[0], x, gw, gb));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(w, b[0], x);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        double[] gb = g.get("b");
        return Evaluation.of(g, () -> HandWritten.activation(w, b[0], x, gw, gb));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gw = g.get("w");
        double[] gb = g.get("b");
        return Evaluation.of(g, () -> ForwardMode.activation(w, b[0], x, gw, gb));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.network.TwoLayer;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The two-layer tanh network's squared error, 100 inputs, 64 hidden units, 10 outputs. */
final class TwoLayerNetwork extends Model {
    private static final int INPUTS = 100;
    private static final int HIDDEN = 64;
    private static final int OUTPUTS = 10;
    private final TwoLayer generated = new TwoLayer(HIDDEN, INPUTS, OUTPUTS);
    private final double[] W1;
    private final double[] b1;
    private final double[] W2;
    private final double[] b2;
    private final double[] x;
    private final double[] y;

    TwoLayerNetwork() {
        super("twoLayer", "two-layer tanh network, 100-64-10", "network.calc", "two_layer",
                Map.of("h", HIDDEN, "n", INPUTS, "k", OUTPUTS), List.of("W1", "b1", "W2", "b2"));
        W1 = argument("W1", scaled(gaussian(HIDDEN * INPUTS), 0.1));
        b1 = argument("b1", gaussian(HIDDEN));
        W2 = argument("W2", scaled(gaussian(OUTPUTS * HIDDEN), 0.1));
        b2 = argument("b2", gaussian(OUTPUTS));
        x = argument("x", gaussian(INPUTS));
        y = argument("y", gaussian(OUTPUTS));
    }

    /** Weights of the usual 1/√fan-in size keep tanh out of saturation, where every engine agrees trivially. */
    private static double[] scaled(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }

    @Override
    protected Evaluation generated() {
        Map<String, double[]> g = newGradients();
        double[] gW1 = g.get("W1");
        double[] gb1 = g.get("b1");
        double[] gW2 = g.get("W2");
        double[] gb2 = g.get("b2");
        return Evaluation.of(g, () -> generated.valueAndGradient(W1, b1, W2, b2, x, y, gW1, gb1, gW2, gb2));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(W1, b1, W2, b2, x, y);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[] gW1 = g.get("W1");
        double[] gb1 = g.get("b1");
        double[] gW2 = g.get("W2");
        double[] gb2 = g.get("b2");
        double[] hidden = new double[HIDDEN];
        double[] delta = new double[HIDDEN];
        return Evaluation.of(g, () -> HandWritten.twoLayer(W1, b1, W2, b2, x, y, HIDDEN, INPUTS, OUTPUTS,
                hidden, delta, gW1, gb1, gW2, gb2));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[] gW1 = g.get("W1");
        double[] gb1 = g.get("b1");
        double[] gW2 = g.get("W2");
        double[] gb2 = g.get("b2");
        return Evaluation.of(g, () -> ForwardMode.twoLayer(W1, b1, W2, b2, x, y, HIDDEN, INPUTS, OUTPUTS,
                gW1, gb1, gW2, gb2));
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

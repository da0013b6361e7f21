package dev.chainrule.benchmarks.models;

import dev.chainrule.benchmarks.engines.ForwardMode;
import dev.chainrule.benchmarks.engines.HandWritten;
import examples.network.ThreeLayer;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The three-layer tanh network's squared error, 100 inputs, 64 and 32 hidden units, 10 outputs. */
final class ThreeLayerNetwork extends Model {
    private static final int INPUTS = 100;
    private static final int HIDDEN1 = 64;
    private static final int HIDDEN2 = 32;
    private static final int OUTPUTS = 10;
    private final ThreeLayer generated = new ThreeLayer(HIDDEN1, INPUTS, HIDDEN2, OUTPUTS);
    private final double[] W1;
    private final double[] b1;
    private final double[] W2;
    private final double[] b2;
    private final double[] W3;
    private final double[] b3;
    private final double[] x;
    private final double[] y;

    ThreeLayerNetwork() {
        super("threeLayer", "three-layer tanh network, 100-64-32-10", "network.calc", "three_layer",
                Map.of("h", HIDDEN1, "n", INPUTS, "g", HIDDEN2, "k", OUTPUTS), List.of("W1", "b1", "W2", "b2", "W3", "b3"));
        W1 = argument("W1", scaled(gaussian(HIDDEN1 * INPUTS), 0.1));
        b1 = argument("b1", gaussian(HIDDEN1));
        W2 = argument("W2", scaled(gaussian(HIDDEN2 * HIDDEN1), 0.125));
        b2 = argument("b2", gaussian(HIDDEN2));
        W3 = argument("W3", scaled(gaussian(OUTPUTS * HIDDEN2), 0.18));
        b3 = argument("b3", gaussian(OUTPUTS));
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
        double[][] o = outputs(g);
        return Evaluation.of(g, () -> generated.valueAndGradient(W1, b1, W2, b2, W3, b3, x, y,
                o[0], o[1], o[2], o[3], o[4], o[5]));
    }

    @Override
    protected DoubleSupplier generatedValue() {
        return () -> generated.value(W1, b1, W2, b2, W3, b3, x, y);
    }

    @Override
    protected Evaluation handWritten() {
        Map<String, double[]> g = newGradients();
        double[][] o = outputs(g);
        double[] hidden1 = new double[HIDDEN1];
        double[] hidden2 = new double[HIDDEN2];
        double[] delta1 = new double[HIDDEN1];
        double[] delta2 = new double[HIDDEN2];
        return Evaluation.of(g, () -> HandWritten.threeLayer(W1, b1, W2, b2, W3, b3, x, y,
                HIDDEN1, HIDDEN2, INPUTS, OUTPUTS, hidden1, hidden2, delta1, delta2, o[0], o[1], o[2], o[3], o[4], o[5]));
    }

    @Override
    protected Evaluation hipparchus() {
        Map<String, double[]> g = newGradients();
        double[][] o = outputs(g);
        return Evaluation.of(g, () -> ForwardMode.threeLayer(W1, b1, W2, b2, W3, b3, x, y,
                HIDDEN1, HIDDEN2, INPUTS, OUTPUTS, o[0], o[1], o[2], o[3], o[4], o[5]));
    }

    private double[][] outputs(Map<String, double[]> g) {
        return wrt().stream().map(g::get).toArray(double[][]::new);
    }

    @Override
    public Object generatedInstance() {
        return generated;
    }
}

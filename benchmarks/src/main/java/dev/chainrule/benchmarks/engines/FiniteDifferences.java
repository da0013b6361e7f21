package dev.chainrule.benchmarks.engines;

import dev.chainrule.testing.CentralDifferences;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The gradient by central differences, (f(x + hεᵢ) − f(x − hεᵢ)) / 2h for each unknown: 2n + 1
 * calls of a value function for n unknowns. What a user without derivatives falls back on, and
 * approximate: the step trades truncation error (h²) against rounding (ε/h).
 */
public final class FiniteDifferences {
    private final DoubleSupplier value;
    private final List<double[]> unknowns;
    private final Map<String, double[]> gradients = new LinkedHashMap<>();

    /**
     * @param value the function, reading {@code arguments} when called
     * @param arguments the arrays {@code value} reads; the unknowns are perturbed in place and restored
     * @param wrt the names of the arguments to differentiate by
     */
    public FiniteDifferences(DoubleSupplier value, Map<String, double[]> arguments, List<String> wrt) {
        this.value = value;
        this.unknowns = wrt.stream().map(arguments::get).toList();
        for (String name : wrt) {
            gradients.put(name, new double[arguments.get(name).length]);
        }
    }

    public Map<String, double[]> gradients() {
        return gradients;
    }

    /** The value, with the gradient written into {@link #gradients()}. */
    public double run() {
        double result = value.getAsDouble();
        int k = 0;
        for (double[] gradient : gradients.values()) {
            double[] x = unknowns.get(k++);
            for (int i = 0; i < x.length; i++) {
                gradient[i] = CentralDifferences.partial(value, x, i);
            }
        }
        return result;
    }
}

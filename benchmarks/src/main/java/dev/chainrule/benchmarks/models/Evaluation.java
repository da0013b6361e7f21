package dev.chainrule.benchmarks.models;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * One engine's value and gradient of one model, on inputs fixed when the evaluation was made: what
 * a benchmark calls in its loop, and what the agreement test compares across engines.
 */
public final class Evaluation {
    private final Map<String, double[]> gradients;
    private final DoubleSupplier computation;

    private Evaluation(Map<String, double[]> gradients, DoubleSupplier computation) {
        this.gradients = Map.copyOf(gradients);
        this.computation = computation;
    }

    /**
     * An evaluation that computes its value with {@code computation} and, as a side effect, writes
     * the gradient with respect to each variable into that variable's array of {@code gradients}.
     */
    public static Evaluation of(Map<String, double[]> gradients, DoubleSupplier computation) {
        return new Evaluation(gradients, computation);
    }

    /** Computes the value, writing the gradient into {@link #gradients()}, and returns the value. */
    public double run() {
        return computation.getAsDouble();
    }

    /** The arrays the gradient is written to, by variable name; empty for the value alone. */
    public Map<String, double[]> gradients() {
        return gradients;
    }
}

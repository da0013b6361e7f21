package dev.chainrule.benchmarks.models;

/**
 * What one call of a model's value and gradient must do, whatever code does it: the bytes it must
 * move between memory and the processor (every input read once, every output written once) and
 * the double additions and multiplications it must do (exp, log and divisions not counted). The
 * roofline divides these by the machine's measured bandwidth and arithmetic throughput.
 */
public record Work(double bytes, double flops) {
    /** Flops per byte: below the machine's flops per byte of bandwidth, memory bounds the call. */
    public double intensity() {
        return flops / bytes;
    }
}

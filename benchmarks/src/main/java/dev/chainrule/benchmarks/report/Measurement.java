package dev.chainrule.benchmarks.report;

/**
 * One benchmark's figures from a run: the mean time per operation with its 99.9% error margin,
 * in {@code unit}, and the bytes allocated per operation ({@code gc.alloc.rate.norm}; NaN when
 * the run was not profiled).
 */
public record Measurement(double score, double error, String unit, double bytesPerOp) {
    /** The score in nanoseconds, whatever unit JMH reported it in. */
    public double nanoseconds() {
        return score * switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
    }
}

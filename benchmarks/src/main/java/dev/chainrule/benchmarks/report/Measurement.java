package dev.chainrule.benchmarks.report;

/**
 * One benchmark's figures from a run: the mean time per operation with its 99.9% error margin,
 * in {@code unit}, the bytes allocated per operation ({@code gc.alloc.rate.norm}; NaN when the run
 * was not profiled), and the spread between forks: (slowest − fastest fork's mean) / overall mean
 * (NaN with fewer than two forks).
 */
public record Measurement(double score, double error, String unit, double bytesPerOp, double forkSpread) {
    /** A measurement whose spread between forks is not known. */
    public Measurement(double score, double error, String unit, double bytesPerOp) {
        this(score, error, unit, bytesPerOp, Double.NaN);
    }

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

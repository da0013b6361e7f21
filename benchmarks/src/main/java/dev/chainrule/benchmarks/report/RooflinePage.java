package dev.chainrule.benchmarks.report;

import dev.chainrule.benchmarks.machine.Kernel;
import dev.chainrule.benchmarks.models.Engine;
import dev.chainrule.benchmarks.models.Work;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Markdown the report writes between the roofline markers of {@code docs/benchmarks.md}: the
 * machine's measured limits, then each roofline model's bytes and flops per call and the share of
 * the roofline its generated and hand-written code reach.
 *
 * <p>The roofline time of a call is the larger of its bytes over the memory read bandwidth and its
 * flops over the peak arithmetic throughput (the fastest of the arithmetic kernels); the share is
 * the roofline time over the measured time, so 100% is the machine's limit.
 */
final class RooflinePage {
    static final String BEGIN = "<!-- roofline:begin (written by Report; edit the text outside the markers) -->";
    static final String END = "<!-- roofline:end -->";

    /** The target: generated code at half the roofline or better on each roofline model. */
    static final double SHARE_TARGET = 0.5;

    /** A roofline model as the page needs it: its key, title and work per call. */
    record RooflineModel(String key, String title, Work work) {}

    private final Results results;
    private final List<RooflineModel> models;
    private final String header;
    private final StringBuilder out = new StringBuilder();

    RooflinePage(Results results, List<RooflineModel> models, String header) {
        this.results = results;
        this.models = models;
        this.header = header;
    }

    String render() {
        out.append(BEGIN).append("\n\n").append(header).append("\n\n");
        machine();
        models();
        out.append(END).append('\n');
        return out.toString();
    }

    private void machine() {
        out.append("#### This machine's limits\n\n| limit | time per call | rate | spread between forks |\n|---|---:|---:|---:|\n");
        for (Kernel kernel : Kernel.values()) {
            Optional<Measurement> m = results.machine(kernel.key());
            out.append("| ").append(kernel.title()).append(" | ")
                    .append(m.map(x -> ResultsPage.time(x.nanoseconds())).orElse("–")).append(" | ")
                    .append(m.map(x -> kernel.format(x.nanoseconds())).orElse("–")).append(" | ")
                    .append(m.map(x -> percent(x.forkSpread())).orElse("–")).append(" |\n");
        }
        OptionalDouble bandwidth = bandwidth();
        OptionalDouble peak = peak();
        out.append("\nRoofline: memory bandwidth ")
                .append(bandwidth.isPresent() ? String.format(Locale.ROOT, "%.1f GB/s", bandwidth.getAsDouble() / 1e9) : "–")
                .append(" (the read from memory), arithmetic peak ")
                .append(peak.isPresent() ? String.format(Locale.ROOT, "%.1f GFLOP/s", peak.getAsDouble() / 1e9) : "–")
                .append(" (the fastest arithmetic kernel)");
        if (bandwidth.isPresent() && peak.isPresent()) {
            out.append(String.format(Locale.ROOT, "; a call with fewer than %.1f flops per byte is bound by memory",
                    peak.getAsDouble() / bandwidth.getAsDouble()));
        }
        out.append(".\n\n");
    }

    private void models() {
        out.append("#### The models against the roofline\n\n")
                .append("| model | bytes per call | flops per call | flops/byte | roofline time | generated | share | ")
                .append("hand-written | share | generated / hand-written |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        OptionalDouble bandwidth = bandwidth();
        OptionalDouble peak = peak();
        for (RooflineModel model : models) {
            Work work = model.work();
            OptionalDouble bound = bandwidth.isPresent() && peak.isPresent()
                    ? OptionalDouble.of(Math.max(work.bytes() / bandwidth.getAsDouble(), work.flops() / peak.getAsDouble()) * 1e9)
                    : OptionalDouble.empty();
            Optional<Measurement> generated = results.roofline(model.key(), Engine.GENERATED.key());
            Optional<Measurement> handWritten = results.roofline(model.key(), Engine.HAND_WRITTEN.key());
            out.append("| ").append(model.title()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f | %,.0f | %.2f", work.bytes(), work.flops(), work.intensity()))
                    .append(" | ").append(bound.isPresent() ? ResultsPage.time(bound.getAsDouble()) : "–")
                    .append(" | ").append(generated.map(RooflinePage::timeWithSpread).orElse("–"))
                    .append(" | ").append(share(bound, generated))
                    .append(" | ").append(handWritten.map(RooflinePage::timeWithSpread).orElse("–"))
                    .append(" | ").append(share(bound, handWritten))
                    .append(" | ").append(generated.isPresent() && handWritten.isPresent()
                            ? ResultsPage.ratio(generated.get().nanoseconds() / handWritten.get().nanoseconds()) : "–")
                    .append(" |\n");
        }
        out.append("\nTimes are the mean ± half the spread between the forks' means. Target: generated code at ≥ ")
                .append(Math.round(SHARE_TARGET * 100)).append("% of the roofline on each model: ");
        List<String> missed = models.stream().filter(model -> {
            OptionalDouble s = shareOf(model, Engine.GENERATED);
            return s.isEmpty() || s.getAsDouble() < SHARE_TARGET;
        }).map(RooflineModel::key).toList();
        out.append(missed.isEmpty() ? "**met**" : "**not met** (" + String.join(", ", missed) + ")").append(".\n\n");
    }

    private OptionalDouble shareOf(RooflineModel model, Engine engine) {
        return share(results, model, engine);
    }

    /** The share of the roofline an engine reached on a model in a run, if the run measured both. */
    static OptionalDouble share(Results results, RooflineModel model, Engine engine) {
        OptionalDouble bandwidth = bandwidth(results);
        OptionalDouble peak = peak(results);
        Optional<Measurement> m = results.roofline(model.key(), engine.key());
        if (bandwidth.isEmpty() || peak.isEmpty() || m.isEmpty()) {
            return OptionalDouble.empty();
        }
        double bound = Math.max(model.work().bytes() / bandwidth.getAsDouble(), model.work().flops() / peak.getAsDouble());
        return OptionalDouble.of(bound * 1e9 / m.get().nanoseconds());
    }

    private static String share(OptionalDouble bound, Optional<Measurement> m) {
        return bound.isPresent() && m.isPresent() ? percent(bound.getAsDouble() / m.get().nanoseconds()) : "–";
    }

    private static String timeWithSpread(Measurement m) {
        return ResultsPage.time(m.nanoseconds()) + (Double.isNaN(m.forkSpread()) ? "" : " ± " + percent(m.forkSpread() / 2));
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private OptionalDouble bandwidth() {
        return bandwidth(results);
    }

    private OptionalDouble peak() {
        return peak(results);
    }

    /** Bytes per second read from memory. */
    private static OptionalDouble bandwidth(Results results) {
        return results.machine(Kernel.READ_MEMORY.key())
                .map(m -> OptionalDouble.of(Kernel.READ_MEMORY.rate(m.nanoseconds()))).orElse(OptionalDouble.empty());
    }

    /** The fastest arithmetic kernel's flops per second. */
    private static OptionalDouble peak(Results results) {
        OptionalDouble best = OptionalDouble.empty();
        for (Kernel kernel : Kernel.values()) {
            if (kernel.unit() == Kernel.Unit.FLOPS) {
                Optional<Measurement> m = results.machine(kernel.key());
                if (m.isPresent() && (best.isEmpty() || kernel.rate(m.get().nanoseconds()) > best.getAsDouble())) {
                    best = OptionalDouble.of(kernel.rate(m.get().nanoseconds()));
                }
            }
        }
        return best;
    }
}

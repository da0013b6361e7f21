package dev.chainrule.benchmarks.report;

import dev.chainrule.benchmarks.models.Engine;
import dev.chainrule.benchmarks.models.EntryPoints;
import dev.chainrule.benchmarks.models.Model;
import dev.chainrule.benchmarks.models.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The Markdown the report writes between the markers of {@code docs/benchmarks.md}: the targets
 * and whether this run met them, then the figures they come from.
 */
final class ResultsPage {
    static final String BEGIN = "<!-- results:begin (written by Report; edit the text outside the markers) -->";
    static final String END = "<!-- results:end -->";

    /** The targets: an allocation counts as none below the size of the smallest object. */
    static final double GENERATED_OVER_HAND_WRITTEN = 1.2;
    static final double PAPER_LOSS_OVER_HAND_WRITTEN = 1.05;
    static final double NO_ALLOCATION_BYTES = 16;
    static final double GRADIENT_OVER_VALUE = 3;
    static final double HIPPARCHUS_OVER_GENERATED = 20;
    static final double INTERPRETER_OVER_GENERATED = 10;
    static final double TWO_LAYER_PIPELINE_MS = 100;
    static final double GROWTH_EXPONENT = 1.1;
    static final double EVERY_MODEL_OVER_HAND_WRITTEN = 1.05;
    static final double REDUCTIONS_OVER_HAND_WRITTEN = 0.8;
    static final double PARALLEL_SPEED_UP = 1.8;
    /** {@code ParallelBenchmark}'s control, a loop that only computes: not a model. */
    static final String PARALLEL_CONTROL = "cores";

    private final Results results;
    private final List<Model> models;
    private final List<ChainSize> chain;
    private final Run run;
    private final StringBuilder out = new StringBuilder();

    /**
     * What the page needs of the run besides its results: the header, the roofline's models, the
     * benchmarks re-run in more forks (and those the time left no room for), the sections of
     * further benchmarks.
     */
    record Run(String header, List<RooflinePage.RooflineModel> roofline, List<SuiteRun.Rerun> reruns,
               List<String> notRerun, List<Function<Results, String>> sections) {
        /** A run with nothing but a header, for tests. */
        Run(String header) {
            this(header, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** The generated code's size for one chain depth, measured by the report outside JMH. */
    record ChainSize(int layers, int lines, int characters) {}

    /** The simplifiers the pipeline benchmarks time: the search, and the greedy rewriter alone. */
    static final String SEARCH = "search";
    static final String GREEDY = "greedy";
    static final List<String> SIMPLIFIERS = List.of(SEARCH, GREEDY);

    ResultsPage(Results results, List<Model> models, List<ChainSize> chain, Run run) {
        this.results = results;
        this.models = models;
        this.chain = chain;
        this.run = run;
    }

    String render() {
        out.append(BEGIN).append("\n\n").append(run.header()).append("\n\n");
        out.append("![Ratios per model](benchmarks/ratios.png)\n\n");
        targets();
        times();
        ratios();
        reductions();
        scaling();
        allocation();
        methodAllocation();
        for (Function<Results, String> section : run.sections()) {
            out.append(section.apply(results)).append('\n');
        }
        pipeline();
        growth();
        reruns();
        out.append(END).append('\n');
        return out.toString();
    }

    private void targets() {
        out.append("### Targets\n\n| target | this run | met |\n|---|---|---|\n");
        target("generated / hand-written ≤ " + GENERATED_OVER_HAND_WRITTEN + ", every model",
                worst(Ratios.GENERATED_OVER_HAND_WRITTEN, keys(), true), v -> v <= GENERATED_OVER_HAND_WRITTEN);
        target("generated / hand-written ≤ " + EVERY_MODEL_OVER_HAND_WRITTEN + ", every model",
                worst(Ratios.GENERATED_OVER_HAND_WRITTEN, keys(), true), v -> v <= EVERY_MODEL_OVER_HAND_WRITTEN);
        target("generated / hand-written ≤ " + REDUCTIONS_OVER_HAND_WRITTEN + " on the reductions (dot product, sum of "
                        + "squares, log-sum-exp; n = 1000 and 10⁵)",
                worstReduction(), v -> v <= REDUCTIONS_OVER_HAND_WRITTEN);
        target("generated code at ≥ " + Math.round(RooflinePage.SHARE_TARGET * 100) + "% of the roofline past the "
                        + "second-level cache (paper's loss, logistic regression, quadratic form)",
                worstShare(), v -> v >= RooflinePage.SHARE_TARGET);
        target("speed-up on 2 threads ≥ " + PARALLEL_SPEED_UP + "× at N = 10⁵, every model of `ParallelBenchmark`",
                worstSpeedUp(), v -> v >= PARALLEL_SPEED_UP);
        target("generated / hand-written ≤ " + PAPER_LOSS_OVER_HAND_WRITTEN + " on the paper's loss",
                worst(Ratios.GENERATED_OVER_HAND_WRITTEN, List.of("paperLoss"), true),
                v -> v <= PAPER_LOSS_OVER_HAND_WRITTEN);
        Worst allocation = worstAllocation();
        target("generated code allocates nothing (< " + (int) NO_ALLOCATION_BYTES + " B/op), every model",
                allocation, v -> v < NO_ALLOCATION_BYTES);
        target("every public method of every generated class allocates nothing (< " + (int) NO_ALLOCATION_BYTES
                        + " B/op): value, gradient, Hessian, over a range of rows (the body each parallel chunk runs)",
                worstMethodAllocation(false), v -> v < NO_ALLOCATION_BYTES);
        target("… and the parallel methods (< " + (int) NO_ALLOCATION_BYTES + " B/op; they hand a reused task per chunk to another thread)",
                worstMethodAllocation(true), v -> v < NO_ALLOCATION_BYTES);
        target("(value+gradient) / value ≤ " + (int) GRADIENT_OVER_VALUE + ", every gradient model",
                worst(Ratios.GRADIENT_OVER_VALUE, gradientKeys(), true), v -> v <= GRADIENT_OVER_VALUE);
        target("Hipparchus / generated ≥ " + (int) HIPPARCHUS_OVER_GENERATED + " at n ≥ 100 (every model but the "
                        + "spring's two)",
                worst(Ratios.HIPPARCHUS_OVER_GENERATED, keysWithoutSpring(), false),
                v -> v >= HIPPARCHUS_OVER_GENERATED);
        target("interpreter / generated ≥ " + (int) INTERPRETER_OVER_GENERATED + ", every model",
                worst(Ratios.INTERPRETER_OVER_GENERATED, keys(), false), v -> v >= INTERPRETER_OVER_GENERATED);
        Optional<Measurement> twoLayer = results.pipeline("twoLayer", SEARCH);
        target("pipeline for the two-layer network < " + (int) TWO_LAYER_PIPELINE_MS + " ms warm",
                twoLayer.map(m -> new Worst("twoLayer", m.nanoseconds() / 1e6, time(m.nanoseconds()))).orElse(null),
                v -> v < TWO_LAYER_PIPELINE_MS);
        OptionalDouble exponent = timeExponent(SEARCH);
        target("pipeline time ∝ d^p on a chain of d layers, p ≤ " + GROWTH_EXPONENT,
                exponent.isPresent() ? new Worst("chain", exponent.getAsDouble(),
                        String.format(Locale.ROOT, "p = %.2f", exponent.getAsDouble())) : null,
                v -> v <= GROWTH_EXPONENT);
        out.append('\n');
    }

    /** The model with the worst value of a ratio, and that value. */
    private record Worst(String model, double value, String shown) {}

    private Worst worst(Ratios ratio, List<String> keys, boolean highIsWorse) {
        Worst worst = null;
        for (String key : keys) {
            OptionalDouble value = ratio.of(results, key);
            if (value.isEmpty()) {
                continue;
            }
            double v = value.getAsDouble();
            if (worst == null || (highIsWorse ? v > worst.value : v < worst.value)) {
                worst = new Worst(key, v, "");
            }
        }
        return worst == null ? null : new Worst(worst.model, worst.value,
                String.format(Locale.ROOT, "%s at worst (%s)", ratio(worst.value), worst.model));
    }

    private Worst worstAllocation() {
        Worst worst = null;
        for (String key : keys()) {
            Optional<Measurement> m = results.model(key, Engine.GENERATED.key());
            if (m.isPresent() && !Double.isNaN(m.get().bytesPerOp())
                    && (worst == null || m.get().bytesPerOp() > worst.value)) {
                worst = new Worst(key, m.get().bytesPerOp(), "");
            }
        }
        return worst == null ? null : new Worst(worst.model, worst.value,
                String.format(Locale.ROOT, "%s B/op at most (%s)", bytes(worst.value), worst.model));
    }

    /** The highest generated / hand-written among the reductions, at n = 1000 and at 10⁵. */
    private Worst worstReduction() {
        Worst worst = null;
        for (String key : Models.REDUCTION_KEYS) {
            OptionalDouble value = Ratios.GENERATED_OVER_HAND_WRITTEN.of(results, key);
            if (value.isPresent() && (worst == null || value.getAsDouble() > worst.value)) {
                worst = new Worst(key, value.getAsDouble(), "");
            }
        }
        for (String key : Models.LARGE_REDUCTION_KEYS) {
            OptionalDouble value = reductionRatio(key);
            if (value.isPresent() && (worst == null || value.getAsDouble() > worst.value)) {
                worst = new Worst(key, value.getAsDouble(), "");
            }
        }
        return worst == null ? null : new Worst(worst.model, worst.value,
                String.format(Locale.ROOT, "%s at worst (%s)", ratio(worst.value), worst.model));
    }

    private OptionalDouble reductionRatio(String key) {
        Optional<Measurement> generated = results.reduction(key, Engine.GENERATED.key());
        Optional<Measurement> handWritten = results.reduction(key, Engine.HAND_WRITTEN.key());
        return generated.isPresent() && handWritten.isPresent()
                ? OptionalDouble.of(generated.get().nanoseconds() / handWritten.get().nanoseconds())
                : OptionalDouble.empty();
    }

    /** The lowest share of the roofline among its models; a model not measured counts as none. */
    private Worst worstShare() {
        Worst worst = null;
        for (RooflinePage.RooflineModel model : run.roofline()) {
            OptionalDouble share = RooflinePage.share(results, model, Engine.GENERATED);
            double value = share.orElse(0);
            if (worst == null || value < worst.value) {
                worst = new Worst(model.key(), value, "");
            }
        }
        return worst == null ? null : new Worst(worst.model, worst.value,
                String.format(Locale.ROOT, "%.0f%% at worst (%s)", 100 * worst.value, worst.model));
    }

    private OptionalDouble speedUp(String model) {
        Optional<Measurement> one = results.parallel(model, 1);
        Optional<Measurement> two = results.parallel(model, 2);
        return one.isPresent() && two.isPresent()
                ? OptionalDouble.of(one.get().nanoseconds() / two.get().nanoseconds()) : OptionalDouble.empty();
    }

    /** The lowest speed-up on two threads among the models, the control's shown beside it. */
    private Worst worstSpeedUp() {
        Worst worst = null;
        for (String model : results.parallelModels()) {
            OptionalDouble s = speedUp(model);
            if (!model.equals(PARALLEL_CONTROL) && s.isPresent() && (worst == null || s.getAsDouble() < worst.value)) {
                worst = new Worst(model, s.getAsDouble(), "");
            }
        }
        if (worst == null) {
            return null;
        }
        OptionalDouble control = speedUp(PARALLEL_CONTROL);
        return new Worst(worst.model, worst.value, String.format(Locale.ROOT, "%.2f× at worst (%s)%s", worst.value,
                worst.model, control.isPresent()
                        ? String.format(Locale.ROOT, "; control, computation only: %.2f×", control.getAsDouble()) : ""));
    }

    /** The most bytes per call among the generated methods, of the parallel ones or of the others. */
    private Worst worstMethodAllocation(boolean parallel) {
        Worst worst = null;
        for (String method : results.allocationMethods()) {
            if (isParallel(method) != parallel) {
                continue;
            }
            Optional<Measurement> m = results.allocation(method);
            if (m.isPresent() && !Double.isNaN(m.get().bytesPerOp())
                    && (worst == null || m.get().bytesPerOp() > worst.value)) {
                worst = new Worst(method, m.get().bytesPerOp(), "");
            }
        }
        return worst == null ? null : new Worst(worst.model, worst.value,
                String.format(Locale.ROOT, "%s B/op at most (`%s`)", bytes(worst.value), worst.model));
    }

    private static boolean isParallel(String method) {
        return method.substring(0, method.indexOf('/')).endsWith("Parallel");
    }

    private void target(String name, Worst measured, java.util.function.DoublePredicate met) {
        out.append("| ").append(name).append(" | ")
                .append(measured == null ? "not measured" : measured.shown).append(" | ")
                .append(measured == null ? "–" : met.test(measured.value) ? "yes" : "**no**").append(" |\n");
    }

    private void times() {
        out.append("### Value and gradient: time per call\n\n| model |");
        for (Engine engine : Engine.values()) {
            out.append(' ').append(engineName(engine)).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(Engine.values().length)).append('\n');
        for (Model model : models) {
            out.append("| ").append(model.title()).append(" |");
            for (Engine engine : Engine.values()) {
                out.append(' ').append(results.model(model.key(), engine.key())
                        .map(m -> time(m.nanoseconds()) + " ± " + relativeError(m)).orElse("–")).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private void ratios() {
        out.append("### Ratios, from the same run\n\n| model |");
        for (Ratios ratio : Ratios.all()) {
            out.append(' ').append(ratio.label()).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(Ratios.all().size())).append('\n');
        for (Model model : models) {
            out.append("| ").append(model.key()).append(" |");
            for (Ratios ratio : Ratios.all()) {
                OptionalDouble value = ratio.of(results, model.key());
                out.append(' ').append(value.isPresent() ? ratio(value.getAsDouble()) : "–").append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private void allocation() {
        out.append("### Allocation per call (`gc.alloc.rate.norm`, B/op)\n\n| model |");
        for (Engine engine : Engine.values()) {
            out.append(' ').append(engineName(engine)).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(Engine.values().length)).append('\n');
        for (Model model : models) {
            out.append("| ").append(model.key()).append(" |");
            for (Engine engine : Engine.values()) {
                out.append(' ').append(results.model(model.key(), engine.key())
                        .map(m -> bytes(m.bytesPerOp())).orElse("–")).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private void reductions() {
        out.append("### Reductions past the second-level cache, n = 10⁵ (`ReductionBenchmark`)\n\n")
                .append("| model | generated | hand-written | generated / hand-written |\n|---|---:|---:|---:|\n");
        for (String key : Models.LARGE_REDUCTION_KEYS) {
            Optional<Measurement> generated = results.reduction(key, Engine.GENERATED.key());
            Optional<Measurement> handWritten = results.reduction(key, Engine.HAND_WRITTEN.key());
            OptionalDouble r = reductionRatio(key);
            out.append("| ").append(key).append(" | ")
                    .append(generated.map(ResultsPage::timeWithSpread).orElse("–")).append(" | ")
                    .append(handWritten.map(ResultsPage::timeWithSpread).orElse("–")).append(" | ")
                    .append(r.isPresent() ? ratio(r.getAsDouble()) : "–").append(" |\n");
        }
        out.append("\nTimes are the mean ± half the spread between the forks' means.\n\n");
    }

    private void scaling() {
        out.append("### All cores: a sum over N = 10⁵ rows on 1 and 2 threads (`ParallelBenchmark`)\n\n")
                .append("| model | 1 thread | 2 threads | speed-up | spread between forks (1 / 2 threads) |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (String model : results.parallelModels()) {
            Optional<Measurement> one = results.parallel(model, 1);
            Optional<Measurement> two = results.parallel(model, 2);
            OptionalDouble s = speedUp(model);
            out.append("| ").append(model.equals(PARALLEL_CONTROL) ? "control: computation only" : model).append(" | ")
                    .append(one.map(m -> time(m.nanoseconds())).orElse("–")).append(" | ")
                    .append(two.map(m -> time(m.nanoseconds())).orElse("–")).append(" | ")
                    .append(s.isPresent() ? String.format(Locale.ROOT, "%.2f×", s.getAsDouble()) : "–").append(" | ")
                    .append(one.map(m -> percent(m.forkSpread())).orElse("–")).append(" / ")
                    .append(two.map(m -> percent(m.forkSpread())).orElse("–")).append(" |\n");
        }
        out.append("\nThe control splits a loop that only computes the same way: its speed-up is what the machine "
                + "gave two threads during the run, the ceiling of the models'.\n\n");
    }

    private void methodAllocation() {
        out.append("### Allocation per call of every generated method (`AllocationBenchmark`, B/op)\n\n")
                .append("Every public method of every generated class, found by reflection; the private ones (the "
                        + "`…Unchecked` bodies, the body over a range of rows that each parallel chunk runs) are "
                        + "reached through them. The parallel methods run " + EntryPoints.CHUNKS + " chunks, the second "
                        + "on the caller's executor (a fork-join pool of one thread) or on the common pool, as a task "
                        + "the class makes once and reuses; the work of each chunk is the row-range method's. (A "
                        + "`ThreadPoolExecutor` would add a node of its own queue per chunk after the first.)\n\n")
                .append("| method | kind | B/op |\n|---|---|---:|\n");
        Map<String, EntryPoints.EntryPoint> entries = new java.util.HashMap<>();
        for (EntryPoints.EntryPoint entry : EntryPoints.all()) {
            entries.put(entry.key(), entry);
        }
        for (String method : results.allocationMethods()) {
            EntryPoints.EntryPoint entry = entries.get(method);
            out.append("| `").append(method).append("` | ").append(entry == null ? "–" : entry.kind()).append(" | ")
                    .append(results.allocation(method).map(m -> bytes(m.bytesPerOp())).orElse("–")).append(" |\n");
        }
        out.append('\n');
    }

    private void reruns() {
        out.append("### Re-runs\n\n");
        if (run.reruns().isEmpty() && run.notRerun().isEmpty()) {
            out.append("No benchmark's forks differed by more than ").append(Math.round(SuiteRun.SPREAD_LIMIT * 100))
                    .append("%: none was re-run.\n\n");
            return;
        }
        out.append("The benchmarks whose forks' means differed by more than ").append(Math.round(SuiteRun.SPREAD_LIMIT * 100))
                .append("% ran ").append(SuiteRun.MORE_FORKS).append(" more forks, merged with the first; the figures "
                        + "above are over all of them.\n\n");
        if (!run.reruns().isEmpty()) {
            out.append("| benchmark | forks | spread between forks | after the re-run: forks | spread |\n|---|---:|---:|---:|---:|\n");
            for (SuiteRun.Rerun rerun : run.reruns()) {
                out.append("| `").append(rerun.key()).append("` | ").append(rerun.forksBefore()).append(" | ")
                        .append(percent(rerun.spreadBefore())).append(" | ").append(rerun.forksAfter()).append(" | ")
                        .append(percent(rerun.spreadAfter())).append(" |\n");
            }
            out.append('\n');
        }
        if (!run.notRerun().isEmpty()) {
            out.append("Not re-run, the run's time being spent: `").append(String.join("`, `", run.notRerun()))
                    .append("`.\n\n");
        }
    }

    private static String timeWithSpread(Measurement m) {
        return time(m.nanoseconds()) + (Double.isNaN(m.forkSpread()) ? "" : " ± " + percent(m.forkSpread() / 2));
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private void pipeline() {
        out.append("### The pipeline: `.calc` text to Java source, warm\n\n")
                .append("With the simplifier's search, and with the greedy rewriter alone (chainrule before the search).\n\n")
                .append("| model | time | time, greedy rewriter alone |\n|---|---:|---:|\n");
        for (Model model : models) {
            out.append("| ").append(model.title());
            for (String simplifier : SIMPLIFIERS) {
                out.append(" | ").append(results.pipeline(model.key(), simplifier)
                        .map(m -> time(m.nanoseconds()) + " ± " + relativeError(m)).orElse("–"));
            }
            out.append(" |\n");
        }
        out.append('\n');
    }

    private void growth() {
        out.append("### Growth: a chain of d tanh layers, `sum(tanh(W*…tanh(W*x)))`, gradient with respect to W\n\n")
                .append("| d | pipeline time | pipeline time, greedy rewriter alone | generated lines | generated characters |\n")
                .append("|---:|---:|---:|---:|---:|\n");
        for (ChainSize size : chain) {
            out.append("| ").append(size.layers());
            for (String simplifier : SIMPLIFIERS) {
                out.append(" | ").append(results.growth(size.layers(), simplifier).map(m -> time(m.nanoseconds())).orElse("–"));
            }
            out.append(" | ").append(String.format(Locale.ROOT, "%,d | %,d", size.lines(), size.characters())).append(" |\n");
        }
        double sizeExponent = Growth.exponent(
                chain.stream().mapToDouble(ChainSize::layers).toArray(),
                chain.stream().mapToDouble(ChainSize::characters).toArray());
        out.append("\nFitted exponents (least squares on log–log): time p = ").append(exponent(timeExponent(SEARCH)))
                .append(" (greedy rewriter alone: p = ").append(exponent(timeExponent(GREEDY)))
                .append(String.format(Locale.ROOT, "), generated size p = %.2f.%n%n", sizeExponent));
    }

    private static String exponent(OptionalDouble p) {
        return p.isPresent() ? String.format(Locale.ROOT, "%.2f", p.getAsDouble()) : "–";
    }

    private OptionalDouble timeExponent(String simplifier) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ChainSize size : chain) {
            results.growth(size.layers(), simplifier).ifPresent(m -> {
                x.add((double) size.layers());
                y.add(m.nanoseconds());
            });
        }
        if (x.size() < 2) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Growth.exponent(toArray(x), toArray(y)));
    }

    private List<String> keys() {
        return models.stream().map(Model::key).toList();
    }

    /** The models of a value and gradient: a Hessian model's ratio to its value is not the gradient's cost. */
    private List<String> gradientKeys() {
        return models.stream().filter(m -> m.derivative() == Model.Derivative.GRADIENT).map(Model::key).toList();
    }

    /** The models with n ≥ 100 unknowns: all but the spring's energy and its Hessian, of 3-vectors. */
    private List<String> keysWithoutSpring() {
        return keys().stream().filter(k -> !k.startsWith("spring")).toList();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String engineName(Engine engine) {
        return switch (engine) {
            case GENERATED -> "generated";
            case HAND_WRITTEN -> "hand-written";
            case HIPPARCHUS -> "Hipparchus";
            case INTERPRETER -> "interpreter";
            case FINITE_DIFFERENCES -> "finite differences";
            case VALUE -> "value alone (generated)";
        };
    }

    static String time(double nanoseconds) {
        Function<Double, String> f = v -> String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
        if (nanoseconds < 1e3) {
            return f.apply(nanoseconds) + " ns";
        }
        if (nanoseconds < 1e6) {
            return f.apply(nanoseconds / 1e3) + " µs";
        }
        if (nanoseconds < 1e9) {
            return f.apply(nanoseconds / 1e6) + " ms";
        }
        return f.apply(nanoseconds / 1e9) + " s";
    }

    private static String relativeError(Measurement m) {
        return Double.isNaN(m.error()) ? "?" : String.format(Locale.ROOT, "%.0f%%", 100 * m.error() / m.score());
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 1000 ? "%.0f" : "%,.0f", value);
    }

    static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value < 10 ? String.format(Locale.ROOT, "%.2g", value) : String.format(Locale.ROOT, "%,.0f", value);
    }
}

package dev.chainrule.benchmarks.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** A run's measurements, looked up by benchmark class and parameters. */
public final class Results {
    private final Map<String, Measurement> byKey = new LinkedHashMap<>();

    /** Collects the JMH results of one run. */
    public static Results of(Collection<RunResult> runs) {
        Results results = new Results();
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
            className = className.substring(className.lastIndexOf('.') + 1);
            StringBuilder key = new StringBuilder(className);
            // parameters in alphabetical order, as the lookups below spell them
            for (String name : new java.util.TreeSet<>(run.getParams().getParamsKeys())) {
                key.append(' ').append(name).append('=').append(run.getParams().getParam(name));
            }
            Result<?> primary = run.getPrimaryResult();
            Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
            results.byKey.put(key.toString(), new Measurement(primary.getScore(), primary.getScoreError(),
                    primary.getScoreUnit(), allocation == null ? Double.NaN : allocation.getScore(),
                    forkSpread(run, primary.getScore())));
        }
        return results;
    }

    private static double forkSpread(RunResult run, double mean) {
        double fastest = Double.POSITIVE_INFINITY;
        double slowest = Double.NEGATIVE_INFINITY;
        int forks = 0;
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            double score = fork.getPrimaryResult().getScore();
            fastest = Math.min(fastest, score);
            slowest = Math.max(slowest, score);
            forks++;
        }
        return forks < 2 ? Double.NaN : (slowest - fastest) / mean;
    }

    /** Adds a measurement by hand (for tests of the report). */
    public Results with(String key, Measurement measurement) {
        byKey.put(key, measurement);
        return this;
    }

    /** A model benchmark's figures. */
    public Optional<Measurement> model(String model, String engine) {
        return Optional.ofNullable(byKey.get("ModelBenchmark engine=" + engine + " model=" + model));
    }

    /** A machine limit's figures, by {@link dev.chainrule.benchmarks.machine.Kernel#key()}. */
    public Optional<Measurement> machine(String kernel) {
        return Optional.ofNullable(byKey.get("MachineBenchmark kernel=" + kernel));
    }

    /** A roofline model's figures. */
    public Optional<Measurement> roofline(String model, String engine) {
        return Optional.ofNullable(byKey.get("RooflineBenchmark engine=" + engine + " model=" + model));
    }

    /** The pipeline's time on a model, with the simplifier ({@code search} or {@code greedy}). */
    public Optional<Measurement> pipeline(String model, String simplifier) {
        return Optional.ofNullable(byKey.get("PipelineBenchmark model=" + model + " simplifier=" + simplifier));
    }

    /** The pipeline's time on a chain of layers, with the simplifier ({@code search} or {@code greedy}). */
    public Optional<Measurement> growth(int layers, String simplifier) {
        return Optional.ofNullable(byKey.get("GrowthBenchmark layers=" + layers + " simplifier=" + simplifier));
    }

    /** A model's figures in a precision ({@code double} or {@code float}), from {@code FloatBenchmark}. */
    public Optional<Measurement> precision(String model, String precision) {
        return Optional.ofNullable(byKey.get("FloatBenchmark model=" + model + " precision=" + precision));
    }

    public int size() {
        return byKey.size();
    }
}

package dev.chainrule.benchmarks.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
            results.byKey.put(key(run), measurement(run));
        }
        return results;
    }

    /**
     * The key a run's measurement is found by: the benchmark's class, then its parameters in
     * alphabetical order as {@code name=value}, e.g. {@code ModelBenchmark engine=generated model=dot}.
     */
    public static String key(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        className = className.substring(className.lastIndexOf('.') + 1);
        StringBuilder key = new StringBuilder(className);
        for (String name : new TreeSet<>(run.getParams().getParamsKeys())) {
            key.append(' ').append(name).append('=').append(run.getParams().getParam(name));
        }
        return key.toString();
    }

    /** A run's figures: its mean over every fork, allocation, and spread between forks. */
    public static Measurement measurement(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
        return new Measurement(primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                allocation == null ? Double.NaN : allocation.getScore(), forkSpread(run, primary.getScore()));
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

    /** A benchmark's figures by its {@link #key(RunResult) key}: for the sections of benchmarks added to the suite. */
    public Optional<Measurement> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Every key measured, in the order of the run. */
    public List<String> keys() {
        return List.copyOf(byKey.keySet());
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

    /** A reduction's figures at n = 10⁵ ({@code ReductionBenchmark}). */
    public Optional<Measurement> reduction(String model, String engine) {
        return Optional.ofNullable(byKey.get("ReductionBenchmark engine=" + engine + " model=" + model));
    }

    /** A sum over rows on one or more threads ({@code ParallelBenchmark}). */
    public Optional<Measurement> parallel(String model, int threads) {
        return Optional.ofNullable(byKey.get("ParallelBenchmark model=" + model + " threads=" + threads));
    }

    /** The models {@code ParallelBenchmark} measured, in the order of the run: read from the results, not listed. */
    public List<String> parallelModels() {
        return parameterValues("ParallelBenchmark", "model");
    }

    /** The bytes per call of a generated method ({@code AllocationBenchmark}), by {@code Class.method/arity}. */
    public Optional<Measurement> allocation(String method) {
        return Optional.ofNullable(byKey.get("AllocationBenchmark method=" + method));
    }

    /** The generated methods {@code AllocationBenchmark} measured, in the order of the run. */
    public List<String> allocationMethods() {
        return parameterValues("AllocationBenchmark", "method");
    }

    private List<String> parameterValues(String benchmark, String parameter) {
        Set<String> values = new LinkedHashSet<>();
        String prefix = benchmark + " ";
        for (String key : byKey.keySet()) {
            if (key.startsWith(prefix)) {
                for (String pair : key.substring(prefix.length()).split(" ")) {
                    if (pair.startsWith(parameter + "=")) {
                        values.add(pair.substring(parameter.length() + 1));
                    }
                }
            }
        }
        return List.copyOf(values);
    }

    /** A model's figures in a precision ({@code double} or {@code float}), from {@code FloatBenchmark}. */
    public Optional<Measurement> precision(String model, String precision) {
        return Optional.ofNullable(byKey.get("FloatBenchmark model=" + model + " precision=" + precision));
    }

    public int size() {
        return byKey.size();
    }
}

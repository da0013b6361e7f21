package dev.chainrule.benchmarks.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
                    primary.getScoreUnit(), allocation == null ? Double.NaN : allocation.getScore()));
        }
        return results;
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

    /** The pipeline's time on a model, with the simplifier ({@code search} or {@code greedy}). */
    public Optional<Measurement> pipeline(String model, String simplifier) {
        return Optional.ofNullable(byKey.get("PipelineBenchmark model=" + model + " simplifier=" + simplifier));
    }

    /** The pipeline's time on a chain of layers, with the simplifier ({@code search} or {@code greedy}). */
    public Optional<Measurement> growth(int layers, String simplifier) {
        return Optional.ofNullable(byKey.get("GrowthBenchmark layers=" + layers + " simplifier=" + simplifier));
    }

    public int size() {
        return byKey.size();
    }
}

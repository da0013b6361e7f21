package dev.chainrule.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The report's JMH runs, one after another, gathered into one set of results: then the benchmarks
 * whose forks disagree by more than {@link #SPREAD_LIMIT} run again in {@link #MORE_FORKS} more
 * forks, merged with the first ones, as long as the time budget for re-runs lasts.
 */
final class SuiteRun {
    /** A benchmark whose forks' means differ by more than this fraction of the mean runs more forks. */
    static final double SPREAD_LIMIT = 0.10;
    static final int MORE_FORKS = 3;

    /** A benchmark re-run: its key, and its spread between forks before and after. */
    record Rerun(String key, int forksBefore, double spreadBefore, int forksAfter, double spreadAfter) {}

    private final boolean smoke;
    private final long started = System.nanoTime();
    private final Map<String, RunResult> runs = new LinkedHashMap<>();
    private final List<Rerun> reruns = new ArrayList<>();
    private final List<String> notRerun = new ArrayList<>();

    SuiteRun(boolean smoke) {
        this.smoke = smoke;
    }

    /** Options for a run of this suite: allocation profiled, and in a smoke run one brief iteration in this JVM. */
    static ChainedOptionsBuilder options() {
        return new OptionsBuilder().addProfiler(GCProfiler.class);
    }

    /** The pattern that includes one benchmark class's methods. */
    static String benchmark(Class<?> type) {
        return "\\." + type.getSimpleName() + "\\.";
    }

    /** Runs the benchmarks {@code options} include and adds their results. */
    void run(ChainedOptionsBuilder options) throws RunnerException {
        if (smoke) {
            options.warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(10)).forks(0);
        }
        for (RunResult run : new Runner(options.build()).run()) {
            runs.put(Results.key(run), run);
        }
    }

    /**
     * Runs again, in {@link #MORE_FORKS} more forks each, every benchmark whose spread between forks
     * exceeds {@code limit} ({@link #SPREAD_LIMIT} in the report), widest spread first, until
     * {@code budgetNanos} have passed since this suite started; merges each re-run's forks with the
     * first ones.
     */
    void rerunWideSpreads(double limit, long budgetNanos) throws RunnerException {
        List<RunResult> wide = runs.values().stream()
                .filter(run -> Results.measurement(run).forkSpread() > limit)
                .sorted((a, b) -> Double.compare(Results.measurement(b).forkSpread(), Results.measurement(a).forkSpread()))
                .toList();
        for (RunResult run : wide) {
            String key = Results.key(run);
            if (System.nanoTime() - started > budgetNanos) {
                notRerun.add(key);
                continue;
            }
            ChainedOptionsBuilder options = options()
                    .include("^" + Pattern.quote(run.getParams().getBenchmark()) + "$")
                    .forks(MORE_FORKS);
            for (String name : run.getParams().getParamsKeys()) {
                options.param(name, run.getParams().getParam(name));
            }
            List<BenchmarkResult> forks = new ArrayList<>(run.getBenchmarkResults());
            for (RunResult more : new Runner(options.build()).run()) {
                forks.addAll(more.getBenchmarkResults());
            }
            RunResult merged = new RunResult(run.getParams(), forks);
            runs.put(key, merged);
            reruns.add(new Rerun(key, run.getBenchmarkResults().size(), Results.measurement(run).forkSpread(),
                    forks.size(), Results.measurement(merged).forkSpread()));
        }
    }

    Collection<RunResult> results() {
        return runs.values();
    }

    List<Rerun> reruns() {
        return reruns;
    }

    /** The benchmarks whose spread exceeded the limit but that the budget left no time to re-run. */
    List<String> notRerun() {
        return notRerun;
    }

    /** Minutes since this suite started. */
    double minutes() {
        return (System.nanoTime() - started) / 60e9;
    }

    /** Writes JMH's raw results of every run, re-runs merged, as JSON. */
    void writeJson(Path file) throws IOException {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, file.toString()).writeOut(runs.values());
    }
}

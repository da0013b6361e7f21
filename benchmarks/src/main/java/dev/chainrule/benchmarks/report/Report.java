package dev.chainrule.benchmarks.report;

import dev.chainrule.benchmarks.AllocationBenchmark;
import dev.chainrule.benchmarks.FloatBenchmark;
import dev.chainrule.benchmarks.GrowthBenchmark;
import dev.chainrule.benchmarks.MachineBenchmark;
import dev.chainrule.benchmarks.ModelBenchmark;
import dev.chainrule.benchmarks.ParallelBenchmark;
import dev.chainrule.benchmarks.PipelineBenchmark;
import dev.chainrule.benchmarks.ReductionBenchmark;
import dev.chainrule.benchmarks.RooflineBenchmark;
import dev.chainrule.benchmarks.models.Engine;
import dev.chainrule.benchmarks.models.EntryPoints;
import dev.chainrule.benchmarks.models.Model;
import dev.chainrule.benchmarks.models.Models;
import dev.chainrule.benchmarks.pipeline.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * Runs the whole suite, in a few JMH runs one after the other (their settings differ), and writes
 * its results into the benchmarks page: the tables between the page's markers, the chart
 * {@code benchmarks/ratios.png} and JMH's raw results {@code benchmarks/jmh-results.json} beside it.
 * Every target of the page comes from this one invocation: models, reductions, the roofline, the
 * scaling over cores, the allocation of every generated method.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.report.Report [--smoke] [--roofline] [page]</pre>
 *
 * The page defaults to {@code docs/benchmarks.md}. {@code --smoke} runs every benchmark once,
 * briefly and in this JVM: it checks that the suite and the report work, not how fast anything is.
 * {@code --roofline} runs only the machine's limits and the roofline's models (about five minutes)
 * and rewrites only the roofline's section.
 */
public final class Report {
    static final int[] CHAIN_LAYERS = {10, 100, 1000};

    private Report() {}

    public static void main(String[] args) {
        boolean smoke = false;
        boolean roofline = false;
        Path page = Path.of("docs", "benchmarks.md");
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.equals("--roofline")) {
                roofline = true;
            } else if (arg.startsWith("-")) {
                System.err.println("report: unknown option " + arg + "\nusage: Report [--smoke] [--roofline] [page.md]");
                System.exit(2);
            } else {
                page = Path.of(arg);
            }
        }
        Path target = page;
        boolean smokeRun = smoke;
        boolean rooflineOnly = roofline;
        int[] status = {0};
        // chainrule's code generator recurses as deep as the chain of layers it lowers, and this JVM
        // (unlike the benchmarks' forks) runs it for the generated-size figures: a thread with room.
        Thread worker = new Thread(null, () -> status[0] = runReporting(target, smokeRun, rooflineOnly), "report", 1L << 30);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status[0] = 1;
        }
        System.exit(status[0]);
    }

    private static int runReporting(Path page, boolean smoke, boolean rooflineOnly) {
        try {
            run(page, smoke, rooflineOnly);
            System.out.println("report: wrote " + page);
            return 0;
        } catch (ReportException e) {
            System.err.println("report: " + e.getMessage());
            return 2;
        } catch (RunnerException | IOException e) {
            System.err.println("report: the benchmarks failed: " + e.getMessage());
            return 1;
        }
    }

    /** Runs the suite and updates {@code page}; returns what it measured. */
    public static Results run(Path page, boolean smoke) throws RunnerException, IOException {
        return run(page, smoke, false);
    }

    /**
     * The engines of {@link ModelBenchmark} the targets compare closely (to 5%), in two forks of 3
     * warmup and 4 measured iterations; the others (the value alone, the interpreter, Hipparchus,
     * finite differences: targets of a factor of 3 to 20, the last two 100 to 100,000 times slower)
     * in one fork of 1 + 2 iterations, to keep the whole run near half an hour.
     */
    static final List<String> CLOSE_ENGINES = List.of(Engine.GENERATED.key(), Engine.HAND_WRITTEN.key());
    static final List<String> COARSE_ENGINES = List.of(Engine.VALUE.key(), Engine.INTERPRETER.key(),
            Engine.HIPPARCHUS.key(), Engine.FINITE_DIFFERENCES.key());

    /**
     * The suite's other benchmarks, each run with the settings of its own annotations. To add a
     * benchmark to the report, add its class here and, for a section of the page, its page to
     * {@link #SECTIONS}.
     */
    static final List<Class<?>> BENCHMARKS = List.of(
            ReductionBenchmark.class,
            ParallelBenchmark.class,
            FloatBenchmark.class);

    /** Sections of the page from the benchmarks of {@link #BENCHMARKS}, each Markdown from the results, in order. */
    static final List<Function<Results, String>> SECTIONS = List.of(
            results -> new FloatPage(results, "### Single precision: `precision float` against double (`FloatBenchmark`)"
                    + "\n\nThe same functions generated on `float[]` (single.calc) and on `double[]`, two forks "
                    + "each. Floats halve the bytes a pass over the data moves and double the lanes of a vector "
                    + "instruction; exp, log and tanh still run in double (Java has no float versions).").render());

    /**
     * Past this time since the start, no more re-runs of benchmarks whose forks disagree: the first
     * runs take about 30 minutes on two cores.
     */
    static final long RERUN_BUDGET_NANOS = TimeUnit.MINUTES.toNanos(36);

    /**
     * Runs the suite, or with {@code rooflineOnly} the machine's limits and the roofline's models
     * alone, and updates the page's sections it measured; returns what it measured.
     */
    public static Results run(Path page, boolean smoke, boolean rooflineOnly) throws RunnerException, IOException {
        String text = readPage(page);
        Path assets = page.toAbsolutePath().getParent().resolve("benchmarks");
        Files.createDirectories(assets);
        SuiteRun suite = new SuiteRun(smoke);
        suite.run(SuiteRun.options().include(SuiteRun.benchmark(MachineBenchmark.class))
                .include(SuiteRun.benchmark(RooflineBenchmark.class)));
        if (!rooflineOnly) {
            suite.run(SuiteRun.options().include(SuiteRun.benchmark(ModelBenchmark.class))
                    .param("engine", CLOSE_ENGINES.toArray(String[]::new))
                    .forks(2).warmupIterations(3).measurementIterations(4));
            suite.run(SuiteRun.options().include(SuiteRun.benchmark(ModelBenchmark.class))
                    .param("engine", COARSE_ENGINES.toArray(String[]::new))
                    .forks(1).warmupIterations(1).measurementIterations(2));
            ChainedOptionsBuilder others = SuiteRun.options();
            for (Class<?> benchmark : BENCHMARKS) {
                others.include(SuiteRun.benchmark(benchmark));
            }
            suite.run(others);
            suite.run(SuiteRun.options().include(SuiteRun.benchmark(AllocationBenchmark.class))
                    .param("method", EntryPoints.keys().toArray(String[]::new))
                    .warmupIterations(1).measurementIterations(2));
            suite.run(SuiteRun.options().include(SuiteRun.benchmark(PipelineBenchmark.class))
                    .forks(1).warmupIterations(2).measurementIterations(3));
            suite.run(SuiteRun.options().include(SuiteRun.benchmark(GrowthBenchmark.class))
                    .forks(1).warmupIterations(5).measurementIterations(5));
        }
        suite.rerunWideSpreads(SuiteRun.SPREAD_LIMIT, RERUN_BUDGET_NANOS);
        suite.writeJson(assets.resolve(rooflineOnly ? "jmh-roofline-results.json" : "jmh-results.json"));
        Results results = Results.of(suite.results());
        List<RooflinePage.RooflineModel> roofline = rooflineModels();
        String updated = replace(text, RooflinePage.BEGIN, RooflinePage.END,
                new RooflinePage(results, roofline, rooflineHeader(smoke, suite)).render());
        if (rooflineOnly) {
            Files.writeString(page, updated, StandardCharsets.UTF_8);
        } else {
            write(results, page, updated, new ResultsPage.Run(header(smoke, suite), roofline, suite.reruns(),
                    suite.notRerun(), SECTIONS));
        }
        return results;
    }

    /** Writes the tables into the page's text and the chart beside it. */
    static void write(Results results, Path page, String text, ResultsPage.Run run) throws IOException {
        List<Model> models = Models.all();
        String section = new ResultsPage(results, models, chainSizes(), run).render();
        Files.writeString(page, replace(text, ResultsPage.BEGIN, ResultsPage.END, section), StandardCharsets.UTF_8);
        RatioChart.write(results, Models.KEYS, page.toAbsolutePath().getParent().resolve("benchmarks").resolve("ratios.png"));
    }

    /** The text with the lines from {@code begin} to {@code end} (markers included) replaced by {@code section}. */
    private static String replace(String text, String begin, String end, String section) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end) + end.length() + 1;
        return text.substring(0, from) + section + (to <= text.length() ? text.substring(to) : "");
    }

    /** The roofline's models, made one at a time (their data is large) for their titles and work. */
    static List<RooflinePage.RooflineModel> rooflineModels() {
        List<RooflinePage.RooflineModel> models = new ArrayList<>();
        for (String key : Models.LARGE_KEYS) {
            Model model = Models.byKey(key);
            models.add(new RooflinePage.RooflineModel(key, model.title(), model.work().orElseThrow()));
        }
        return models;
    }

    private static String readPage(Path page) throws IOException {
        if (!Files.isRegularFile(page)) {
            throw new ReportException(page + ": no such file; the report updates an existing page");
        }
        String text = Files.readString(page, StandardCharsets.UTF_8);
        for (String[] markers : new String[][] {{ResultsPage.BEGIN, ResultsPage.END}, {RooflinePage.BEGIN, RooflinePage.END}}) {
            int begin = text.indexOf(markers[0]);
            int end = text.indexOf(markers[1]);
            if (begin < 0 || end < begin) {
                throw new ReportException(page + ": the page needs the lines\n  " + markers[0] + "\n  "
                        + markers[1] + "\nwhere the results go");
            }
        }
        return text;
    }

    /** The size of the code generated for each chain depth: computed, not timed. */
    static List<ResultsPage.ChainSize> chainSizes() {
        List<ResultsPage.ChainSize> sizes = new ArrayList<>();
        for (int layers : CHAIN_LAYERS) {
            String java = Pipeline.chain(layers).javaSource();
            sizes.add(new ResultsPage.ChainSize(layers, (int) java.lines().count(), java.length()));
        }
        return sizes;
    }

    private static String header(boolean smoke, SuiteRun suite) {
        String settings = smoke
                ? "**Smoke run**: one 10 ms iteration per benchmark, no warmup, in the report's JVM; the figures mean nothing."
                : "JMH 1.37, average time, with `-prof gc`, iterations of 1 s. Models: each (model, engine) pair in "
                        + "forks of its own; generated and hand-written in two forks of 3 warmup and 4 measured iterations, "
                        + "the other engines (targets of a factor of 3 to 20; Hipparchus and finite differences 100× to "
                        + "100,000× slower) in one fork of 1 + 2 iterations. Reductions at n = 10⁵: two forks, 4 + 4 "
                        + "iterations. All cores: three forks, 3 + 5 iterations. Allocation of every generated method: "
                        + "one fork, 1 + 2 iterations. Pipeline: one fork, 2 + 3 iterations; growth: one fork, 5 + 5 "
                        + "iterations. "
                        + "Every benchmark whose forks' means differ by more than "
                        + Math.round(SuiteRun.SPREAD_LIMIT * 100) + "% ran " + SuiteRun.MORE_FORKS
                        + " more forks (listed below). Errors are JMH's 99.9% intervals, relative to the mean.";
        return "_Last run: " + LocalDate.now() + ", on " + Machine.describe() + "; the whole run took "
                + minutes(suite) + "._\n\n" + settings;
    }

    private static String rooflineHeader(boolean smoke, SuiteRun suite) {
        String settings = smoke
                ? "**Smoke run**: one 10 ms iteration per benchmark, no warmup, in the report's JVM; the figures mean nothing."
                : "JMH 1.37, average time. `MachineBenchmark` and `RooflineBenchmark`: three forks each, 3 warmup and 5 "
                        + "measured iterations of 1 s each; " + SuiteRun.MORE_FORKS + " more forks where the forks' "
                        + "means differ by more than " + Math.round(SuiteRun.SPREAD_LIMIT * 100) + "%.";
        return "_Last run: " + LocalDate.now() + ", on " + Machine.describe() + "; the run took "
                + minutes(suite) + "._\n\n" + settings;
    }

    private static String minutes(SuiteRun suite) {
        return String.format(Locale.ROOT, "%.1f minutes", suite.minutes());
    }

    /** A mistake in the report's arguments or page: a message, no stack trace. */
    static final class ReportException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReportException(String message) {
            super(message);
        }
    }
}

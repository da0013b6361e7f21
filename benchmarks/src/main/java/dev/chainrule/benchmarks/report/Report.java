package dev.chainrule.benchmarks.report;

import dev.chainrule.benchmarks.GrowthBenchmark;
import dev.chainrule.benchmarks.MachineBenchmark;
import dev.chainrule.benchmarks.ModelBenchmark;
import dev.chainrule.benchmarks.PipelineBenchmark;
import dev.chainrule.benchmarks.RooflineBenchmark;
import dev.chainrule.benchmarks.models.Model;
import dev.chainrule.benchmarks.models.Models;
import dev.chainrule.benchmarks.pipeline.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite in one JMH run and writes its results into the benchmarks page: the tables
 * between the page's markers, the chart {@code benchmarks/ratios.png} and JMH's raw results
 * {@code benchmarks/jmh-results.json} beside it.
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
     * Runs the suite, or with {@code rooflineOnly} the machine's limits and the roofline's models
     * alone, and updates the page's sections it measured; returns what it measured.
     */
    public static Results run(Path page, boolean smoke, boolean rooflineOnly) throws RunnerException, IOException {
        String text = readPage(page);
        Path assets = page.toAbsolutePath().getParent().resolve("benchmarks");
        Files.createDirectories(assets);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("\\." + MachineBenchmark.class.getSimpleName() + "\\.")
                .include("\\." + RooflineBenchmark.class.getSimpleName() + "\\.")
                .resultFormat(ResultFormatType.JSON)
                .result(assets.resolve(rooflineOnly ? "jmh-roofline-results.json" : "jmh-results.json").toString());
        if (!rooflineOnly) {
            options.include("\\." + ModelBenchmark.class.getSimpleName() + "\\.")
                    .include("\\." + PipelineBenchmark.class.getSimpleName() + "\\.")
                    .include("\\." + GrowthBenchmark.class.getSimpleName() + "\\.")
                    .addProfiler(GCProfiler.class);
        }
        if (smoke) {
            options.warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(10)).forks(0);
        }
        Collection<RunResult> runs = new Runner(options.build()).run();
        Results results = Results.of(runs);
        String updated = replace(text, RooflinePage.BEGIN, RooflinePage.END,
                new RooflinePage(results, rooflineModels(), rooflineHeader(smoke)).render());
        if (rooflineOnly) {
            Files.writeString(page, updated, StandardCharsets.UTF_8);
        } else {
            write(results, page, updated, header(smoke));
        }
        return results;
    }

    /** Writes the tables into the page's text and the chart beside it. */
    static void write(Results results, Path page, String text, String header) throws IOException {
        List<Model> models = Models.all();
        String section = new ResultsPage(results, models, chainSizes(), header).render();
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
    private static List<RooflinePage.RooflineModel> rooflineModels() {
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

    private static String header(boolean smoke) {
        String settings = smoke
                ? "**Smoke run**: one 10 ms iteration per benchmark, no warmup, in the report's JVM; the figures mean nothing."
                : "JMH 1.37, average time, with `-prof gc`. Models: each (model, engine) pair in two forks of its own, "
                        + "4 warmup and 4 measured iterations of 1 s each; pipeline: one fork, 3 + 5 iterations; growth: "
                        + "one fork, 10 + 10 iterations. Errors are JMH's 99.9% intervals, relative to the mean.";
        return "_Last run: " + LocalDate.now() + ", on " + Machine.describe() + "._\n\n" + settings;
    }

    private static String rooflineHeader(boolean smoke) {
        String settings = smoke
                ? "**Smoke run**: one 10 ms iteration per benchmark, no warmup, in the report's JVM; the figures mean nothing."
                : "JMH 1.37, average time. `MachineBenchmark` and `RooflineBenchmark`: three forks each, 3 warmup and 5 "
                        + "measured iterations of 1 s each.";
        return "_Last run: " + LocalDate.now() + ", on " + Machine.describe() + "._\n\n" + settings;
    }

    /** A mistake in the report's arguments or page: a message, no stack trace. */
    static final class ReportException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReportException(String message) {
            super(message);
        }
    }
}

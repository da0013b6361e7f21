package dev.chainrule.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.benchmarks.models.Work;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets of issue 16 on the results page, on measurements made up so that each verdict is known by hand. */
class ResultsPageTest {
    private static Measurement ns(double nanoseconds) {
        return new Measurement(nanoseconds, 0, "ns/op", 0.5, 0.02);
    }

    private static String render(Results results, ResultsPage.Run run) {
        List<ResultsPage.ChainSize> chain = List.of(new ResultsPage.ChainSize(10, 100, 1000),
                new ResultsPage.ChainSize(100, 1000, 10000));
        return new ResultsPage(results, List.of(), chain, run).render();
    }

    @Test
    void theReductionsTargetTakesTheWorstRatioAtEitherSize() {
        Results results = new Results()
                .with("ModelBenchmark engine=generated model=dot", ns(50))
                .with("ModelBenchmark engine=handWritten model=dot", ns(100))
                .with("ReductionBenchmark engine=generated model=logSumExp:1e5", ns(90))
                .with("ReductionBenchmark engine=handWritten model=logSumExp:1e5", ns(100));
        String page = render(results, new ResultsPage.Run("header"));
        assertTrue(page.contains("log-sum-exp; n = 1000 and 10⁵) | 0.90 at worst (logSumExp:1e5) | **no** |"), page);
        assertTrue(page.contains("| logSumExp:1e5 | 90.0 ns ± 1% | 100 ns ± 1% | 0.90 |"), page);
    }

    @Test
    void theSpeedUpTargetReadsItsModelsFromTheResultsAndLeavesTheControlOut() {
        Results results = new Results()
                .with("ParallelBenchmark model=paperLoss threads=1", ns(1000))
                .with("ParallelBenchmark model=paperLoss threads=2", ns(500))
                .with("ParallelBenchmark model=logisticL2 threads=1", ns(1000))
                .with("ParallelBenchmark model=logisticL2 threads=2", ns(540))
                .with("ParallelBenchmark model=cores threads=1", ns(1000))
                .with("ParallelBenchmark model=cores threads=2", ns(1000));
        String page = render(results, new ResultsPage.Run("header"));
        assertTrue(page.contains("| 1.85× at worst (logisticL2); control, computation only: 1.00× | yes |"), page);
        assertTrue(page.contains("| logisticL2 | 1.00 µs | 540 ns | 1.85× | 2% / 2% |"), page);
        assertTrue(page.contains("| control: computation only | 1.00 µs | 1.00 µs | 1.00× |"), page);
    }

    @Test
    void theParallelMethodsAllocationIsReportedApartFromTheOthers() {
        Results results = new Results()
                .with("AllocationBenchmark method=Loss.value/4", new Measurement(10, 0, "ns/op", 0.4))
                .with("AllocationBenchmark method=Loss.valueAndGradient/8", new Measurement(10, 0, "ns/op", 1.5))
                .with("AllocationBenchmark method=Loss.valueAndGradientParallel/8", new Measurement(10, 0, "ns/op", 160));
        String page = render(results, new ResultsPage.Run("header"));
        assertTrue(page.contains("the body each parallel chunk runs) | 1.5 B/op at most (`Loss.valueAndGradient/8`) | yes |"), page);
        assertTrue(page.contains("they hand a reused task per chunk to another thread) | 160 B/op at most (`Loss.valueAndGradientParallel/8`) | **no** |"), page);
        assertTrue(page.contains("| `Loss.valueAndGradientParallel/8` | parallel, 2 chunks, the caller's executor (a fork-join pool of one thread) | 160 |"), page);
    }

    @Test
    void theRooflineTargetCountsAModelNotMeasuredAsMissed() {
        Results results = new Results()
                .with("MachineBenchmark kernel=read:memory", new Measurement(8.0 * (1 << 25) / 10, 0, "ns/op", 0))
                .with("MachineBenchmark kernel=add", new Measurement(16.0 * (1 << 16), 0, "ns/op", 0))
                .with("RooflineBenchmark engine=generated model=big", new Measurement(125, 0, "ms/op", 0));
        List<RooflinePage.RooflineModel> roofline = List.of(new RooflinePage.RooflineModel("big", "big", new Work(1e9, 0)));
        String met = render(results, new ResultsPage.Run("header", roofline, List.of(), List.of(), List.of()));
        assertTrue(met.contains("(paper's loss, logistic regression, quadratic form) | 80% at worst (big) | yes |"), met);
        List<RooflinePage.RooflineModel> withAbsent = List.of(roofline.get(0),
                new RooflinePage.RooflineModel("absent", "absent", new Work(1e9, 0)));
        String missed = render(results, new ResultsPage.Run("header", withAbsent, List.of(), List.of(), List.of()));
        assertTrue(missed.contains("| 0% at worst (absent) | **no** |"), missed);
    }

    @Test
    void theReRunsAndTheSectionsOfFurtherBenchmarksAreOnThePage() {
        ResultsPage.Run run = new ResultsPage.Run("header", List.of(),
                List.of(new SuiteRun.Rerun("ModelBenchmark engine=generated model=quadratic", 2, 0.3, 5, 0.08)),
                List.of("ParallelBenchmark model=cores threads=2"),
                List.of(results -> "### A further benchmark\n"));
        String page = render(new Results(), run);
        assertTrue(page.contains("| `ModelBenchmark engine=generated model=quadratic` | 2 | 30% | 5 | 8% |"), page);
        assertTrue(page.contains("Not re-run, the run's time being spent: `ParallelBenchmark model=cores threads=2`."), page);
        assertTrue(page.contains("### A further benchmark\n"), page);
    }
}

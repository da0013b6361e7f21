package dev.chainrule.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.benchmarks.machine.Kernel;
import dev.chainrule.benchmarks.models.Work;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roofline section on measurements made up so that every figure is known by hand. */
class RooflinePageTest {
    /** Results where memory reads run at 10 GB/s and the fastest arithmetic at 4 GFLOP/s. */
    private static Results machine() {
        Results results = new Results();
        // read:memory moves 8 × 2²⁵ bytes: at 10 GB/s that takes 26.8435456 ms
        results.with("MachineBenchmark kernel=read:memory", new Measurement(8.0 * (1 << 25) / 10, 0, "ns/op", 0, 0.04));
        // scalar additions: 16 × 2¹⁶ flops at 1 GFLOP/s; the SIMD kernel 16 × 2¹¹ at 4 GFLOP/s
        results.with("MachineBenchmark kernel=add", new Measurement(16.0 * (1 << 16), 0, "ns/op", 0));
        results.with("MachineBenchmark kernel=multiplyAdd", new Measurement(16.0 * (1 << 11) / 4, 0, "ns/op", 0));
        return results;
    }

    @Test
    void aMemoryBoundModelsShareIsItsBytesOverTheBandwidthOverItsTime() {
        Results results = machine()
                // 1 GB at 10 GB/s: 100 ms on the roofline (its 0.4 GFLOP take 100 ms at 4 GFLOP/s too)
                .with("RooflineBenchmark engine=generated model=big", new Measurement(200, 0, "ms/op", 0, 0.1))
                .with("RooflineBenchmark engine=handWritten model=big", new Measurement(400, 0, "ms/op", 0));
        String page = new RooflinePage(results, List.of(new RooflinePage.RooflineModel("big", "a big model",
                new Work(1e9, 4e8))), "header").render();
        assertTrue(page.contains("| " + Kernel.READ_MEMORY.title() + " | 26.8 ms | 10.0 GB/s | 4% |"), page);
        assertTrue(page.contains("memory bandwidth 10.0 GB/s"), page);
        assertTrue(page.contains("arithmetic peak 4.0 GFLOP/s"), page);
        assertTrue(page.contains("| a big model | 1,000,000,000 | 400,000,000 | 0.40 | 100 ms | 200 ms ± 5% | 50% | "
                + "400 ms | 25% | 0.50 |"), page);
        assertTrue(page.contains("**met**"), page);
    }

    @Test
    void aModelBelowHalfTheRooflineOrNotMeasuredMissesTheTarget() {
        Results results = machine()
                .with("RooflineBenchmark engine=generated model=slow", new Measurement(201, 0, "ms/op", 0));
        String page = new RooflinePage(results, List.of(
                new RooflinePage.RooflineModel("slow", "slow", new Work(1e9, 0)),
                new RooflinePage.RooflineModel("absent", "absent", new Work(1e9, 0))), "header").render();
        assertTrue(page.contains("**not met** (slow, absent)"), page);
        assertTrue(page.contains("| absent | 1,000,000,000 | 0 | 0.00 | 100 ms | – | – | – | – | – |"), page);
    }
}

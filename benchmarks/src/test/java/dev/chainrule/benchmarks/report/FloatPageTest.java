package dev.chainrule.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The single-precision section on measurements made up so that every figure is known by hand. */
class FloatPageTest {
    @Test
    void eachModelsRatioIsItsFloatTimeOverItsDoubleTime() {
        Results results = new Results()
                .with("FloatBenchmark model=logistic:large precision=double", new Measurement(8, 0, "ms/op", 0, 0.1))
                .with("FloatBenchmark model=logistic:large precision=float", new Measurement(4.4, 0, "ms/op", 0, 0.02))
                .with("FloatBenchmark model=softmax precision=double", new Measurement(3000, 0, "ns/op", 0))
                .with("FloatBenchmark model=softmax precision=float", new Measurement(2850, 0, "ns/op", 0));
        String page = new FloatPage(results, List.of("logistic:large", "softmax", "quadratic"), "header").render();
        assertTrue(page.startsWith("header\n\n| model | double | float | float / double |"), page);
        assertTrue(page.contains("| logistic regression, N = 100,000, n = 100 | 8.00 ms ± 5% | 4.40 ms ± 1% | 0.55 |"), page);
        assertTrue(page.contains("| softmax cross-entropy, n = 1000 | 3.00 µs | 2.85 µs | 0.95 |"), page);
        assertTrue(page.contains("| quadratic form xᵀAx, n = 500 | – | – | – |"), page);
        assertTrue(page.endsWith("the forks' means.\n"), page);
    }
}

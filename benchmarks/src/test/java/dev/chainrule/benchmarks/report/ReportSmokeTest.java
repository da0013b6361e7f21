package dev.chainrule.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.benchmarks.PrecisionCase;
import dev.chainrule.benchmarks.machine.Kernel;
import dev.chainrule.benchmarks.models.Engine;
import dev.chainrule.benchmarks.models.EntryPoints;
import dev.chainrule.benchmarks.models.Models;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite in smoke mode, as CI runs it: every benchmark once, briefly, in this JVM, and the
 * report written from the results. What it checks is that nothing has rotted: every benchmark
 * still runs and the page, chart and raw results are all written; not any speed.
 */
class ReportSmokeTest {
    @Test
    void everyBenchmarkRunsAndTheReportIsWritten(@TempDir Path directory) throws Exception {
        Path page = directory.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n\nprose before\n\n" + ResultsPage.BEGIN + "\nold\n" + ResultsPage.END
                + "\n\nprose between\n\n" + RooflinePage.BEGIN + "\nold roofline\n" + RooflinePage.END + "\n\nprose after\n");

        // JMH's lock keeps two measuring runs apart; a smoke run measures nothing, and may overlap
        // a real run of the suite on the same machine.
        System.setProperty("jmh.ignoreLock", "true");
        Results results = Report.run(page, true);

        int simplifiers = ResultsPage.SIMPLIFIERS.size();
        List<String> parallelModels = results.parallelModels();
        assertTrue(parallelModels.containsAll(List.of("paperLoss", "logistic", "cores")), parallelModels.toString());
        int benchmarks = Models.KEYS.size() * Engine.values().length + simplifiers * (Models.KEYS.size()
                + Report.CHAIN_LAYERS.length)
                + Kernel.values().length + Models.LARGE_KEYS.size() * 2 + Models.LARGE_REDUCTION_KEYS.size() * 2
                + parallelModels.size() * 2 + EntryPoints.keys().size()
                + PrecisionCase.KEYS.size() * PrecisionCase.PRECISIONS.size();
        assertEquals(benchmarks, results.size());
        assertEquals(EntryPoints.keys(), results.allocationMethods());
        for (String key : Models.LARGE_REDUCTION_KEYS) {
            assertTrue(results.reduction(key, Engine.GENERATED.key()).orElseThrow().score() > 0, key);
        }
        for (String model : Models.KEYS) {
            for (Engine engine : Engine.values()) {
                assertTrue(results.model(model, engine.key()).orElseThrow().score() > 0, model + " " + engine);
            }
        }
        for (Kernel kernel : Kernel.values()) {
            assertTrue(results.machine(kernel.key()).orElseThrow().score() > 0, kernel.key());
        }
        for (String model : Models.LARGE_KEYS) {
            assertTrue(results.roofline(model, Engine.GENERATED.key()).orElseThrow().score() > 0, model);
        }
        for (String model : PrecisionCase.KEYS) {
            assertTrue(results.precision(model, "float").orElseThrow().score() > 0, model);
        }
        String text = Files.readString(page);
        assertTrue(text.startsWith("# Benchmarks\n\nprose before\n\n" + ResultsPage.BEGIN), text);
        assertTrue(text.contains(ResultsPage.END + "\n\nprose between\n\n" + RooflinePage.BEGIN), text);
        assertTrue(text.endsWith(RooflinePage.END + "\n\nprose after\n"), text);
        assertFalse(text.contains("\nold\n"));
        assertFalse(text.contains("\nold roofline\n"));
        assertTrue(text.contains("| paper's loss, N = 100,000, n = 100 | 80,801,616 |"), text);
        assertTrue(text.contains("| two-layer tanh network, 100-64-10 |"), text);
        assertTrue(text.contains("| generated / hand-written ≤ 0.8 on the reductions"), text);
        assertTrue(text.contains("| speed-up on 2 threads ≥ 1.8× at N = 10⁵"), text);
        assertTrue(text.contains("% of the roofline past the second-level cache"), text);
        assertTrue(text.contains("| `Loss.valueAndGradientParallel/8` | parallel, 2 chunks, the caller's executor"), text);
        assertTrue(text.contains("| control: computation only |"), text);
        assertTrue(text.contains("the whole run took"), text);

        BufferedImage chart = ImageIO.read(directory.resolve("benchmarks/ratios.png").toFile());
        assertEquals(1100, chart.getWidth());
        assertTrue(Files.size(directory.resolve("benchmarks/jmh-results.json")) > 1000);
    }
}

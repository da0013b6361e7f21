package dev.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float classes FloatBenchmark times compute what the double classes compute, on the same
 * inputs (floats): the value and every gradient entry to 1e-5 of the largest gradient entry (or
 * of the value), float's rounding of stored values (6e-8 each) summed over the models' hundreds of
 * terms; and the benchmark runs every model of {@link PrecisionCase#KEYS} in both precisions.
 */
class PrecisionCaseTest {
    @Test
    void theFloatClassAgreesWithTheDoubleClassOnEveryModel() {
        for (String model : PrecisionCase.KEYS) {
            PrecisionCase inDouble = PrecisionCase.of(model, "double");
            PrecisionCase inFloat = PrecisionCase.of(model, "float");
            double expected = inDouble.run();
            double actual = inFloat.run();
            assertTrue(Math.abs(expected - actual) <= 1e-5 * Math.abs(expected), model + ": value " + expected
                    + " in double, " + actual + " in float");
            double[] g = inDouble.gradient();
            double[] f = inFloat.gradient();
            assertEquals(g.length, f.length, model);
            double scale = Arrays.stream(g).map(Math::abs).max().orElse(0);
            assertTrue(scale > 0, model + ": a gradient of zeros checks nothing");
            for (int i = 0; i < g.length; i++) {
                assertTrue(Math.abs(g[i] - f[i]) <= 1e-5 * scale, model + ": gradient entry " + i + " is " + g[i]
                        + " in double, " + f[i] + " in float");
            }
        }
    }

    @Test
    void theBenchmarkRunsEveryModelInBothPrecisions() throws NoSuchFieldException {
        assertEquals(PrecisionCase.KEYS, List.of(FloatBenchmark.class.getField("model")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class).value()));
        assertEquals(PrecisionCase.PRECISIONS, List.of(FloatBenchmark.class.getField("precision")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class).value()));
    }
}

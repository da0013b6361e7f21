package dev.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float classes FloatBenchmark times compute what the double classes compute, on the same
 * inputs (floats), and the benchmark runs every model of {@link PrecisionCase#KEYS} in both
 * precisions.
 *
 * <p>The tolerance is the worst case of a float sum, not a guess: a float class accumulates in
 * float, and a sum of k terms is within (k − 1)·2⁻²⁴ of the sum of their magnitudes (Higham); the
 * terms here are of the size of the result (the losses' terms are positive, the gradients' of one
 * sign mostly), so the value and each gradient entry (against the largest) must agree to
 * max(1e-5, k·2⁻²⁴) relative, k the model's longest sum ({@link PrecisionCase#terms}). At N =
 * 100,000 rows that is 6e-3; the logistic loss misses its double value by about 5e-5 there.
 */
class PrecisionCaseTest {
    @Test
    void theFloatClassAgreesWithTheDoubleClassOnEveryModel() {
        for (String model : PrecisionCase.KEYS) {
            PrecisionCase inDouble = PrecisionCase.of(model, "double");
            PrecisionCase inFloat = PrecisionCase.of(model, "float");
            double relative = Math.max(1e-5, PrecisionCase.terms(model) * 0x1p-24);
            double expected = inDouble.run();
            double actual = inFloat.run();
            assertTrue(Math.abs(expected - actual) <= relative * Math.abs(expected), model + ": value " + expected
                    + " in double, " + actual + " in float");
            double[] g = inDouble.gradient();
            double[] f = inFloat.gradient();
            assertEquals(g.length, f.length, model);
            double scale = Arrays.stream(g).map(Math::abs).max().orElse(0);
            assertTrue(scale > 0, model + ": a gradient of zeros checks nothing");
            for (int i = 0; i < g.length; i++) {
                assertTrue(Math.abs(g[i] - f[i]) <= relative * scale, model + ": gradient entry " + i + " is " + g[i]
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

package dev.chainrule.benchmarks.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine the suite times computes the same value and gradient (or Hessian), so the ratios
 * compare equal work: the generated code is checked against the hand-written code, Hipparchus and the
 * interpreter (each to rounding), and against central differences (to their truncation error).
 */
class EnginesAgreeTest {
    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (String model : Models.KEYS) {
            for (Engine engine : Engine.values()) {
                if (engine != Engine.GENERATED) {
                    pairs.add(Arguments.of(model, engine));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}: {1} = generated")
    @MethodSource("pairs")
    void everyEngineComputesWhatTheGeneratedClassComputes(String key, Engine engine) {
        Model model = Models.byKey(key);
        Evaluation reference = Engine.GENERATED.on(model);
        Evaluation other = engine.on(model);
        double expected = reference.run();
        double actual = other.run();

        if (model.derivative() == Model.Derivative.GRADIENT) {
            // (A Hessian's engines return an entry of the Hessian, or the value: compared below.)
            assertEquals(expected, actual, 1e-10 * Math.max(1, Math.abs(expected)), "value");
        }
        if (engine == Engine.VALUE) {
            assertTrue(other.gradients().isEmpty());
            return;
        }
        double tolerance = engine == Engine.FINITE_DIFFERENCES ? 1e-5 : 1e-10;
        assertEquals(model.wrt().size(), other.gradients().size());
        for (Map.Entry<String, double[]> gradient : reference.gradients().entrySet()) {
            double[] want = gradient.getValue();
            double[] got = other.gradients().get(gradient.getKey());
            assertTrue(java.util.Arrays.stream(want).anyMatch(v -> v != 0),
                    key + ": the gradient with respect to " + gradient.getKey() + " is not all zeros");
            double scale = 1;
            for (double v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], tolerance * scale,
                        key + ": ∂/∂" + gradient.getKey() + "[" + i + "] by " + engine.key());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientKeys")
    void finiteDifferencesCallTheValueTwicePerUnknownPlusOnce(String key) {
        Model model = Models.byKey(key);
        int[] calls = {0};
        java.util.function.DoubleSupplier value = model.generatedValue();
        var differences = new dev.chainrule.benchmarks.engines.FiniteDifferences(() -> {
            calls[0]++;
            return value.getAsDouble();
        }, model.arguments(), model.wrt());
        differences.run();
        assertEquals(2 * model.unknowns() + 1, calls[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hessianKeys")
    void aHessiansFiniteDifferencesCallTheGradientTwicePerUnknownPlusOnce(String key) {
        Model model = Models.byKey(key);
        int[] calls = {0};
        Evaluation gradient = model.generatedGradient();
        String variable = model.wrt().get(0);
        var differences = new dev.chainrule.benchmarks.engines.HessianDifferences(() -> {
            calls[0]++;
            return gradient.run();
        }, gradient.gradients().get(variable), model.arguments().get(variable));
        differences.run();
        assertEquals(2 * model.unknowns() + 1, calls[0]);
    }

    static Stream<String> hessianKeys() {
        return Models.KEYS.stream().filter(k -> Models.byKey(k).derivative() == Model.Derivative.HESSIAN);
    }

    static Stream<String> gradientKeys() {
        return Models.KEYS.stream().filter(k -> Models.byKey(k).derivative() == Model.Derivative.GRADIENT);
    }
}

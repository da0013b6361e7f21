package dev.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The kit checks right gradients quietly and reports wrong ones precisely. */
class GradientCheckTest {

    /** f(x) = Σ sin(xᵢ)·xᵢ₊₁ + x₀², with its gradient; {@code bug} breaks component 2. */
    private static double f(double[] x) {
        double s = x[0] * x[0];
        for (int i = 0; i + 1 < x.length; i++) {
            s += Math.sin(x[i]) * x[i + 1];
        }
        return s;
    }

    private static void gradient(double[] x, double[] g, boolean bug) {
        java.util.Arrays.fill(g, 0);
        g[0] = 2 * x[0];
        for (int i = 0; i + 1 < x.length; i++) {
            g[i] += Math.cos(x[i]) * x[i + 1];
            g[i + 1] += Math.sin(x[i]);
        }
        if (bug) {
            g[2] += 0.01;
        }
    }

    @Test
    void aRightGradientPasses() {
        GradientCheck.of(GradientCheckTest::f, (x, g) -> gradient(x, g, false)).at(0.3, -1.2, 2.5, 0.7);
        GradientCheck.of(GradientCheckTest::f, (x, g) -> gradient(x, g, false)).atRandomPoints(6, 50);
    }

    @Test
    void aWrongGradientIsReportedAtItsWorstComponent() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                GradientCheck.of(GradientCheckTest::f, (x, g) -> gradient(x, g, true)).at(0.3, -1.2, 2.5, 0.7));
        String message = error.getMessage();
        assertTrue(message.startsWith("gradient differs from central finite differences at x[2] (entry 2 of x, "
                + "vector[4]), the worst of 4 components:"), message);
        assertTrue(message.contains("analytic"), message);
        assertTrue(message.contains("numeric"), message);
        assertTrue(message.matches("(?s).*error\\s+0\\.0(099999|100000)\\d* > tolerance.*"), message);
        assertTrue(message.contains("at x = [0.300000, -1.20000, 2.50000, 0.700000]"), message);
    }

    @Test
    void theComparisonGivesEveryNumber() {
        GradientCheck.Result result = GradientCheck.of(GradientCheckTest::f, (x, g) -> gradient(x, g, true))
                .compare(Variables.of().vector("x", 0.3, -1.2, 2.5, 0.7));
        assertFalse(result.passes());
        assertEquals(2, result.worst().index());
        assertEquals(0.01, result.worst().analytic() - result.worst().numeric(), 1e-8);
    }

    @Test
    void severalVariablesAreNamedInTheMessage() {
        // f(W, b) = sum(W)·b + b², over a 2 × 3 matrix W; the gradient of W is wrong at (1, 2).
        Variables point = Variables.of().matrix("W", 2, 3, 1, 2, 3, 4, 5, 6).scalar("b", 0.5);
        GradientCheck check = GradientCheck.forVariables(
                v -> java.util.Arrays.stream(v.array("W")).sum() * v.scalar("b") + v.scalar("b") * v.scalar("b"),
                (v, g) -> {
                    java.util.Arrays.fill(g.array("W"), v.scalar("b"));
                    g.array("W")[5] = 0;
                    g.array("b")[0] = java.util.Arrays.stream(v.array("W")).sum() + 2 * v.scalar("b");
                });
        AssertionError error = assertThrows(AssertionError.class, () -> check.at(point));
        assertTrue(error.getMessage().contains("at W[1,2] (entry 5 of W, matrix[2,3])"), error.getMessage());
        assertTrue(error.getMessage().contains("at W = [1.0, 2.0, 3.0; 4.0, 5.0, 6.0], b = 0.500000"), error.getMessage());
    }

    @Test
    void aNonFiniteGradientFails() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                GradientCheck.of(x -> x[0], (x, g) -> g[0] = Double.NaN).at(1.0));
        assertTrue(error.getMessage().contains("NaN"), error.getMessage());
    }

    @ParameterizedTest
    @RandomArrays(value = {"scalar", "vector[3]", "matrix[n,2]", "matrix[4,4]"}, dims = "n=5", count = 7,
            matrices = ArrayGen.MatrixKind.SYMMETRIC_POSITIVE_DEFINITE)
    void randomArraysHaveTheirShapes(double s, double[] v, double[] m, double[] spd) {
        assertTrue(s >= -1 && s < 1);
        assertEquals(3, v.length);
        assertEquals(10, m.length);
        assertEquals(16, spd.length);
        for (int i = 0; i < 4; i++) {
            assertTrue(spd[i * 4 + i] >= 1, "diagonal at least 1");
            for (int j = 0; j < 4; j++) {
                assertEquals(spd[i * 4 + j], spd[j * 4 + i], 0.0, "symmetric");
            }
        }
    }

    @Test
    void shapesAreReadInTheLanguagesSyntax() {
        assertEquals("matrix[2,3]", ArrayGen.Shape.parse("matrix[m, 3]", java.util.Map.of("m", 2)).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayGen.Shape.parse("vector[n]", java.util.Map.of()));
        assertTrue(e.getMessage().contains("no size for n"), e.getMessage());
    }
}

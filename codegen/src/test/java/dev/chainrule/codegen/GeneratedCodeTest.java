package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated classes compile cleanly for Java 8 and compute what they claim: checked by numbers. */
class GeneratedCodeTest {
    static final String MODELS = """
            package test.models;
            function activation(w: vector[n], b: scalar, x: vector[n]) = max(0, w . x + b)
                gradient wrt w, b;
            function loss(w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]) =
                sum((y - max(0, X*w + b)) .^ 2) / N
                gradient wrt w, b;
            function logistic(w: vector[n], X: matrix[N, n], y: vector[N]) =
                sum(softplus(-y .* (X*w))) / N
                gradient wrt w;
            function softmax_cross_entropy(x: vector[n], y: vector[n]) =
                log(sum(exp(x))) - y' * x
                gradient wrt x;
            function two_layer(W1: matrix[h, n], b1: vector[h], W2: matrix[k, h], b2: vector[k],
                               x: vector[n], y: vector[k]) =
                a = tanh(W1*x + b1);
                sum((W2*a + b2 - y) .^ 2)
                gradient wrt W1, b1, W2, b2;
            function ridge(A: matrix[m, n], x: vector[n], y: vector[m], lambda: scalar) =
                norm2(A*x - y)^2 + lambda * norm2(x)^2
                gradient wrt x, lambda;
            function small(x: vector[3], A: matrix[3, 3]) =
                x'*A*x + sum(sin(x))
                gradient wrt x, A
                hessian wrt x;
            function matrix_functions(A: matrix[n, n], B: matrix[n, n]) =
                logdet(A) + tr(inv(A)*B) + det(A)
                gradient wrt A, B;
            function elementwise(w: vector[n], x: vector[n]) = w .* x ./ (1 + x .^ 2)
                jacobian wrt w, x;
            function layer(W: matrix[m, n], x: vector[n]) = tanh(W*x)
                jacobian wrt x;
            function smooth_max(x: vector[n]) = logsumexp(x)
                gradient wrt x;
            function gram(A: matrix[m, n], x: vector[n], c: scalar) = norm2(A*x)^2 + c * norm2(x)^2
                hessian wrt x;
            function small_gram(A: matrix[3, 2], x: vector[2]) = norm2(A*x)^2
                hessian wrt x;
            function spring(p: vector[3], q: vector[3], k: scalar, rest: scalar) =
                k / 2 * (norm2(p - q) - rest)^2
                gradient wrt p, q
                hessian wrt p;
            function spring_n(p: vector[n], q: vector[n], k: scalar, rest: scalar) =
                k / 2 * (norm2(p - q) - rest)^2
                gradient wrt p, q
                hessian wrt p;
            """;

    private static final Map<String, Integer> DIMS = Map.of("n", 5, "N", 7, "h", 4, "k", 3, "m", 6);
    private static final Map<String, CompiledFunction> COMPILED = compile();

    private static Map<String, CompiledFunction> compile() {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("models.calc", MODELS)));
        return CompiledFunction.of(file, DIMS);
    }

    private static Map<String, double[]> randomArguments(CompiledFunction f, Random random) {
        Map<String, double[]> arguments = new HashMap<>();
        for (Expr.Variable p : f.function().params()) {
            double[] values = new double[CompiledFunction.length(p.shape(), DIMS)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            if (p.shape().isMatrix() && p.shape().isSquareMatrix()) {
                // Diagonally dominant, so that inv, det and logdet are well away from singular.
                int n = (int) Math.round(Math.sqrt(values.length));
                for (int i = 0; i < n; i++) {
                    values[i * n + i] += 2 * n;
                }
            }
            arguments.put(p.name(), values);
        }
        return arguments;
    }

    @ParameterizedTest
    @ValueSource(strings = {"activation", "loss", "logistic", "softmax_cross_entropy", "two_layer", "ridge", "small",
            "matrix_functions"})
    void gradientMatchesCentralFiniteDifferences(String name) {
        CompiledFunction f = COMPILED.get(name);
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < 5; trial++) {
            Map<String, double[]> x = randomArguments(f, random);
            Map<String, double[]> gradients = new HashMap<>();
            for (Expr.Variable v : f.gradientVariables()) {
                gradients.put(v.name(), new double[CompiledFunction.length(v.shape(), DIMS)]);
            }
            double value = f.valueAndGradient(x, gradients);
            assertEquals(f.value(x), value, 1e-12 * (1 + Math.abs(value)), "value and valueAndGradient agree");
            for (Expr.Variable v : f.gradientVariables()) {
                double[] point = x.get(v.name());
                double[] gradient = gradients.get(v.name());
                for (int i = 0; i < point.length; i++) {
                    double numeric = centralDifference(f, x, point, i);
                    double error = Math.abs(numeric - gradient[i]);
                    // Truncation error of the central difference, plus its roundoff: ε|f|/h.
                    double h = 1e-6 * Math.max(1, Math.abs(point[i]));
                    double tolerance = 1e-6 * (1 + Math.abs(numeric)) + 100 * Math.ulp(1.0) * Math.abs(value) / h;
                    assertTrue(error <= tolerance,
                            name + ": ∂/∂" + v.name() + "[" + i + "] = " + gradient[i] + ", numerically " + numeric);
                }
            }
        }
    }

    private static double centralDifference(CompiledFunction f, Map<String, double[]> x, double[] point, int i) {
        double saved = point[i];
        double h = 1e-6 * Math.max(1, Math.abs(saved));
        point[i] = saved + h;
        double plus = f.value(x);
        point[i] = saved - h;
        double minus = f.value(x);
        point[i] = saved;
        return (plus - minus) / (2 * h);
    }

    @Test
    void paperLossAgreesWithItsClosedForm() {
        CompiledFunction f = COMPILED.get("loss");
        Random random = new Random(7);
        Map<String, double[]> x = randomArguments(f, random);
        double[] w = x.get("w");
        double b = x.get("b")[0];
        double[] X = x.get("X");
        double[] y = x.get("y");
        int n = DIMS.get("n");
        int samples = DIMS.get("N");
        // The paper: C = (1/N) Σ (yᵢ − max(0, w·xᵢ + b))², ∂C/∂w = (2/N) Σ eᵢ xᵢ over active samples.
        double loss = 0;
        double[] gradW = new double[n];
        double gradB = 0;
        for (int i = 0; i < samples; i++) {
            double z = b;
            for (int j = 0; j < n; j++) {
                z += w[j] * X[i * n + j];
            }
            double activation = Math.max(0, z);
            loss += (y[i] - activation) * (y[i] - activation) / samples;
            if (z > 0) {
                double e = z - y[i];
                for (int j = 0; j < n; j++) {
                    gradW[j] += 2.0 / samples * e * X[i * n + j];
                }
                gradB += 2.0 / samples * e;
            }
        }
        double[] generatedW = new double[n];
        double[] generatedB = new double[1];
        double value = f.valueAndGradient(x, Map.of("w", generatedW, "b", generatedB));
        assertEquals(loss, value, 1e-12 * Math.abs(loss));
        for (int j = 0; j < n; j++) {
            assertEquals(gradW[j], generatedW[j], 1e-12 * (1 + Math.abs(gradW[j])));
        }
        assertEquals(gradB, generatedB[0], 1e-12 * (1 + Math.abs(gradB)));
    }

    @Test
    void hessianOfTheFixedSizeQuadraticIsAPlusATransposeMinusDiagonalSine() {
        CompiledFunction f = COMPILED.get("small");
        Map<String, double[]> x = randomArguments(f, new Random(3));
        double[] hessian = new double[9];
        f.derivative("hessian", "x", x, hessian);
        double[] A = x.get("A");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = A[i * 3 + j] + A[j * 3 + i] - (i == j ? Math.sin(x.get("x")[i]) : 0);
                assertEquals(expected, hessian[i * 3 + j], 1e-12);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gram", "small_gram"})
    void aGramMatrixComputedAsItsUpperTriangleIsWholeAndSymmetric(String name) {
        CompiledFunction f = COMPILED.get(name);
        Map<String, double[]> x = randomArguments(f, new Random(name.hashCode()));
        double[] A = x.get("A");
        int n = x.get("x").length;
        int m = A.length / n;
        double c = x.containsKey("c") ? x.get("c")[0] : 0;
        double[] hessian = new double[n * n];
        java.util.Arrays.fill(hessian, Double.NaN);
        f.derivative("hessian", "x", x, hessian);
        // ∂²/∂x² (‖Ax‖² + c‖x‖²) = 2AᵀA + 2cI, entry by entry.
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 2 * c : 0;
                for (int r = 0; r < m; r++) {
                    expected += 2 * A[r * n + i] * A[r * n + j];
                }
                assertEquals(expected, hessian[i * n + j], 1e-12 * (1 + Math.abs(expected)), name + " H[" + i + "," + j + "]");
                assertEquals(hessian[j * n + i], hessian[i * n + j], name + " symmetric at " + i + "," + j);
            }
        }
    }

    /**
     * The spring's Hessian k(1 − rest/L)I + (k rest/L³)ddᵀ, d = p − q and L = ‖d‖: its outer
     * product computed as an upper triangle and mirrored (unrolled at n = 3, in loops at n = 5),
     * so the two halves are equal to the bit, and L³ from the sum of squares L² the norm came from.
     */
    @ParameterizedTest
    @ValueSource(strings = {"spring", "spring_n"})
    void anOuterProductComputedAsItsUpperTriangleIsWholeAndSymmetric(String name) {
        CompiledFunction f = COMPILED.get(name);
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < 20; trial++) {
            Map<String, double[]> x = randomArguments(f, random);
            double[] p = x.get("p");
            double[] q = x.get("q");
            double k = x.get("k")[0];
            double rest = x.get("rest")[0];
            int n = p.length;
            double[] d = new double[n];
            double squared = 0;
            for (int i = 0; i < n; i++) {
                d[i] = p[i] - q[i];
                squared += d[i] * d[i];
            }
            double length = Math.sqrt(squared);
            double[] hessian = new double[n * n];
            java.util.Arrays.fill(hessian, Double.NaN);
            f.derivative("hessian", "p", x, hessian);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = (i == j ? k * (1 - rest / length) : 0) + k * rest * d[i] * d[j] / (squared * length);
                    double scale = Math.abs(k) * (1 + Math.abs(rest) / length);
                    assertEquals(expected, hessian[i * n + j], 1e-12 * scale, name + " H[" + i + "," + j + "]");
                    assertEquals(hessian[j * n + i], hessian[i * n + j], name + " symmetric at " + i + "," + j);
                }
            }
        }
    }

    /** The force on q is the force on p negated, to the bit: −(s·d) is computed as s·d is, then negated. */
    @ParameterizedTest
    @ValueSource(strings = {"spring", "spring_n"})
    void theGradientOfTheOtherEndIsExactlyTheNegatedGradient(String name) {
        CompiledFunction f = COMPILED.get(name);
        Map<String, double[]> x = randomArguments(f, new Random(name.hashCode() + 1));
        int n = x.get("p").length;
        Map<String, double[]> gradients = new HashMap<>(Map.of("p", new double[n], "q", new double[n]));
        f.valueAndGradient(x, gradients);
        for (int i = 0; i < n; i++) {
            assertEquals(-gradients.get("p")[i], gradients.get("q")[i], name + " ∂/∂q[" + i + "]");
            assertTrue(gradients.get("p")[i] != 0, name + " ∂/∂p[" + i + "] is not trivially zero");
        }
    }

    /**
     * Points 10²⁰⁰ apart: the sum of squares overflows and the careful norm is used; L³ from it is
     * infinite as L·L·L is, so (k rest/L³)ddᵀ is zero and the Hessian is k(1 − rest/L)I ≈ kI.
     */
    @ParameterizedTest
    @ValueSource(strings = {"spring", "spring_n"})
    void aSpringStretchedPastTheSquaresRangeHasTheHessianOfItsLimit(String name) {
        CompiledFunction f = COMPILED.get(name);
        Map<String, double[]> x = randomArguments(f, new Random(name.hashCode() + 2));
        int n = x.get("p").length;
        for (int i = 0; i < n; i++) {
            x.get("p")[i] *= 1e200;
        }
        double k = x.get("k")[0];
        double[] hessian = new double[n * n];
        f.derivative("hessian", "p", x, hessian);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? k : 0, hessian[i * n + j], 1e-12 * Math.abs(k), name + " H[" + i + "," + j + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"elementwise:w", "elementwise:x", "layer:x"})
    void jacobianMatchesFiniteDifferencesInNumeratorLayout(String spec) {
        String name = spec.split(":")[0];
        String wrt = spec.split(":")[1];
        CompiledFunction f = COMPILED.get(name);
        Map<String, double[]> x = randomArguments(f, new Random(spec.hashCode()));
        int m = CompiledFunction.length(f.function().body().shape(), DIMS);
        double[] point = x.get(wrt);
        double[] jacobian = new double[m * point.length];
        f.derivative("jacobian", wrt, x, jacobian);
        for (int j = 0; j < point.length; j++) {
            double saved = point[j];
            double h = 1e-6;
            double[] plus = new double[m];
            double[] minus = new double[m];
            point[j] = saved + h;
            vectorValue(f, x, plus);
            point[j] = saved - h;
            vectorValue(f, x, minus);
            point[j] = saved;
            for (int i = 0; i < m; i++) {
                double numeric = (plus[i] - minus[i]) / (2 * h);
                assertEquals(numeric, jacobian[i * point.length + j], 1e-6 * (1 + Math.abs(numeric)),
                        spec + " J[" + i + "," + j + "]");
            }
        }
    }

    private static void vectorValue(CompiledFunction f, Map<String, double[]> x, double[] out) {
        f.value(x, out);
    }

    @Test
    void logSumExpNeitherOverflowsNorLosesItsLimits() {
        CompiledFunction f = COMPILED.get("softmax_cross_entropy");
        double[] y = {1, 0, 0, 0, 0};
        double[] large = {1000, 999, 998, -5, 0};
        // log Σ exp(x) − yᵀx with x₀ = 1000: exp(1000) overflows a double, the answer does not.
        double expected = 1000 + Math.log(1 + Math.exp(-1) + Math.exp(-2) + Math.exp(-1005) + Math.exp(-1000)) - 1000;
        assertEquals(expected, f.value(Map.of("x", large, "y", y)), 1e-12);
        double[] gradient = new double[5];
        f.valueAndGradient(Map.of("x", large, "y", y), Map.of("x", gradient));
        for (double g : gradient) {
            assertTrue(Double.isFinite(g), java.util.Arrays.toString(gradient));
        }
        CompiledFunction smoothMax = COMPILED.get("smooth_max");
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(inf, smoothMax.value(Map.of("x", new double[] {inf, 0, 0, 0, 0})));
        assertEquals(-inf, smoothMax.value(Map.of("x", new double[] {-inf, -inf, -inf, -inf, -inf})));
        assertEquals(Math.log(4), smoothMax.value(Map.of("x", new double[] {-inf, 0, 0, 0, 0})), 1e-12);
    }

    // ---- the whole of matrix calculus: found by the properties, minimised --------------------------

    private static Map<String, CompiledFunction> compile(String source, Map<String, Integer> dims) {
        return CompiledFunction.of(TypeChecker.file(CalcSyntax.parseFile(new Source("m.calc", source))), dims);
    }

    @Test
    void aJacobianByAFixedSizeMatrixReadsItsEntriesThroughVec() {
        // Fully unrolled, A/‖A‖ became a local per entry, (i, j); vec read them by one index and
        // named locals that did not exist: the class did not compile.
        CompiledFunction f = compile("function frobenius(A: matrix[2, 2]) = norm2(A) jacobian wrt A;", Map.of())
                .get("frobenius");
        double[] a = {3, 0, 0, 4};
        double[] jacobian = new double[4];
        f.derivative("jacobian", "A", Map.of("A", a), jacobian);
        double[] expected = {0.6, 0, 0, 0.8};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], jacobian[k], 1e-15);
        }
    }

    @Test
    void aCommutationMatrixOfSymbolicSizeHasItsWorkspace() {
        // K(2, m) is 2m × 2m: its workspace was allocated as new double[null * null].
        CompiledFunction f = compile("function transposed(A: matrix[2, m]) = reshape(commutation(2, m)*vec(A), m, 2);",
                Map.of("m", 3)).get("transposed");
        double[] out = new double[6];
        f.value(Map.of("A", new double[] {1, 2, 3, 4, 5, 6}), out);
        assertEquals(java.util.List.of(1.0, 4.0, 2.0, 5.0, 3.0, 6.0), java.util.Arrays.stream(out).boxed().toList());
    }

    @Test
    void theConstructorRefusesSizesTooSmallForTheEntriesTaken() {
        String source = "function f(x: vector[n], A: matrix[m, k]) = x[3] + sum(A[2:m, k]);";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(source,
                Map.of("n", 2, "m", 2, "k", 1)));
        assertEquals("n must be at least 3 (x[3]), not 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> compile(source, Map.of("n", 3, "m", 1, "k", 1)));
        assertEquals("m must be at least 2 (A[2:m, k]), not 1", e.getMessage());
        CompiledFunction f = compile(source, Map.of("n", 3, "m", 2, "k", 1)).get("f");
        assertEquals(3 + 5, f.value(Map.of("x", new double[] {1, 2, 3}, "A", new double[] {4, 5})), 0);
    }

    @Test
    void wrongArrayLengthNamesTheArgumentBothLengthsAndTheDimensions() {
        CompiledFunction f = COMPILED.get("loss");
        Map<String, double[]> x = randomArguments(f, new Random(1));
        x.put("X", new double[34]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.value(x));
        assertEquals("X: expected length 35 (matrix[N,n], row-major), got 34; the constructor was given n = 5, N = 7",
                e.getMessage());
    }

    @Test
    void aCubeIsTwoMultiplicationsNotMathPowAndKeepsItsValue() {
        String source = "function f(a: scalar, b: scalar) = a^3 + b^3 gradient wrt a hessian wrt a;";
        String java = CodeGenerator.generate(TypeChecker.file(CalcSyntax.parseFile(new Source("c.calc", source)))).get(0)
                .toString();
        assertTrue(java.contains("cube(") && !java.contains("Math.pow"), java);
        CompiledFunction f = compile(source, Map.of()).get("f");
        Map<String, double[]> x = Map.of("a", new double[] {-1.5}, "b", new double[] {2});
        assertEquals(-3.375 + 8, f.value(x), 1e-15);
        double[] hessian = new double[1];
        f.derivative("hessian", "a", x, hessian);
        assertEquals(6 * -1.5, hessian[0], 1e-15, "d²(a³)/da² = 6a");
    }

    /**
     * A norm takes the plain sum of squares where it is safe and scales the entries by a power of
     * two where their squares overflow (1e200) or underflow (1e-200): the value and gradient
     * x/‖x‖ are right to rounding, relative to their size, in fixed-size (unrolled) code and in
     * loops over a symbolic size (several accumulators from 4 entries on).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vector[2]", "vector[n]"})
    void aNormIsExactWhereItsSquaresOverflowOrUnderflow(String shape) {
        String source = "function f(x: " + shape + ") = norm2(x) gradient wrt x;";
        String code = CodeGenerator.generate(TypeChecker.file(CalcSyntax.parseFile(new Source("n.calc", source))))
                .get(0).toString();
        assertTrue(code.contains("0x1.0p-900") && code.contains("norm2Scale("), code);
        for (int n : shape.equals("vector[2]") ? new int[] {2} : new int[] {2, 7}) {
            CompiledFunction f = compile(source, Map.of("n", n)).get("f");
            for (double size : new double[] {1e200, 1e-200, 3.0, 1e-150, 1e150}) {
                double[] x = new double[n];
                java.util.Arrays.fill(x, size);
                x[n - 1] = -size;
                double norm = Math.sqrt(n) * size;
                double[] gradient = new double[n];
                double value = f.valueAndGradient(Map.of("x", x), Map.of("x", gradient));
                assertEquals(norm, value, 1e-15 * norm, "‖x‖ for " + n + " entries of " + size);
                assertEquals(value, f.value(Map.of("x", x)), 0.0);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i] / norm, gradient[i], 1e-15, "gradient entry " + i + " at " + size);
                }
            }
            double[] mixed = new double[n];
            mixed[0] = 1e200;
            mixed[n - 1] = Double.MIN_NORMAL;
            assertEquals(1e200, f.value(Map.of("x", mixed)), 1e185, "a huge entry beside a tiny one");
            assertEquals(5.0, f.value(Map.of("x", n == 2 ? new double[] {3, 4} : new double[] {3, 4, 0, 0, 0, 0, 0})),
                    0.0);
            assertEquals(0.0, f.value(Map.of("x", new double[n])), 0.0);
            double[] infinite = new double[n];
            infinite[0] = Double.NEGATIVE_INFINITY;
            assertEquals(Double.POSITIVE_INFINITY, f.value(Map.of("x", infinite)), 0.0);
            infinite[n - 1] = Double.NaN;
            assertTrue(Double.isNaN(f.value(Map.of("x", infinite))), "NaN beside ∞");
        }
    }

    /**
     * The body a public method calls once its arguments are checked takes the workspace arrays as
     * parameters, passed by the caller, rather than reading the fields itself (the JIT compiled
     * the two-layer network's loops around a native call to tanh faster so), and computes the
     * same as the closed form: backpropagation by hand.
     */
    @Test
    void aBodyInAMethodOfItsOwnTakesTheWorkspaceArraysAsParameters() {
        String source = "function f(W1: matrix[h, n], W2: matrix[k, h], x: vector[n], y: vector[k]) =\n"
                + "    hidden = tanh(W1*x);\n    sum((W2*hidden - y) .^ 2)\n    gradient wrt W1, W2;";
        String code = CodeGenerator.generate(TypeChecker.file(CalcSyntax.parseFile(new Source("w.calc", source))))
                .get(0).toString();
        assertTrue(code.contains("return valueAndGradientUnchecked(W1, W2, x, y, gradW1, gradW2, hidden, "), code);
        assertTrue(java.util.regex.Pattern.compile("private double valueAndGradientUnchecked\\([^)]*double\\[\\] hidden")
                .matcher(code).find(), code);
        assertTrue(!code.contains("= this.hidden;"), code);
        int h = 3, n = 2, k = 2;
        CompiledFunction f = compile(source, Map.of("h", h, "n", n, "k", k)).get("f");
        double[] w1 = {0.1, -0.2, 0.3, 0.4, -0.5, 0.6};
        double[] w2 = {0.7, -0.8, 0.9, -1.0, 1.1, -1.2};
        double[] x = {0.5, -1.5};
        double[] y = {0.25, -0.75};
        double[] hidden = new double[h];
        for (int i = 0; i < h; i++) {
            hidden[i] = Math.tanh(w1[i * n] * x[0] + w1[i * n + 1] * x[1]);
        }
        double value = 0;
        double[] delta = new double[h];
        double[] expectedW2 = new double[k * h];
        for (int r = 0; r < k; r++) {
            double residual = -y[r];
            for (int j = 0; j < h; j++) {
                residual += w2[r * h + j] * hidden[j];
            }
            value += residual * residual;
            for (int j = 0; j < h; j++) {
                expectedW2[r * h + j] = 2 * residual * hidden[j];
                delta[j] += 2 * residual * w2[r * h + j] * (1 - hidden[j] * hidden[j]);
            }
        }
        double[] gradW1 = new double[h * n];
        double[] gradW2 = new double[k * h];
        Map<String, double[]> arguments = Map.of("W1", w1, "W2", w2, "x", x, "y", y);
        assertEquals(value, f.valueAndGradient(arguments, Map.of("W1", gradW1, "W2", gradW2)), 1e-14);
        assertEquals(value, f.value(arguments), 1e-14);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(delta[i] * x[j], gradW1[i * n + j], 1e-14, "∂/∂W1 " + i + "," + j);
            }
        }
        for (int e = 0; e < k * h; e++) {
            assertEquals(expectedW2[e], gradW2[e], 1e-14, "∂/∂W2 entry " + e);
        }
    }
}

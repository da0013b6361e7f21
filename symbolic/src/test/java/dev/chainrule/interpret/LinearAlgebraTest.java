package dev.chainrule.interpret;

import static dev.chainrule.interpret.Values.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The matrix functions against oracles that share no code with them: cofactor expansion, algebraic
 * identities evaluated through the interpreter's own product, and plain loops.
 */
class LinearAlgebraTest {
    private static final Dim N = Dim.of("n");
    private static final Dim K = Dim.of("k");
    private static final Expr P = Expr.variable("P", Shape.matrix(N, N));
    private static final Expr Q = Expr.variable("Q", Shape.matrix(N, N));

    private static Value eval(Expr e, Value p) {
        return Interpreter.evaluate(e, Map.of("P", p));
    }

    private static Value eval(Expr e, Value p, Value q) {
        return Interpreter.evaluate(e, Map.of("P", p, "Q", q));
    }

    private static Value identity(int n) {
        double[] data = new double[n * n];
        for (int i = 0; i < n; i++) {
            data[i * n + i] = 1;
        }
        return Value.matrix(n, n, data);
    }

    /** The Laplace expansion along the first row: exponential, but obviously the definition. */
    private static double cofactorDet(Value a) {
        int n = a.rows();
        if (n == 1) {
            return a.get(0, 0);
        }
        double det = 0;
        for (int j = 0; j < n; j++) {
            double[] minor = new double[(n - 1) * (n - 1)];
            int k = 0;
            for (int r = 1; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    if (c != j) {
                        minor[k++] = a.get(r, c);
                    }
                }
            }
            det += (j % 2 == 0 ? 1 : -1) * a.get(0, j) * cofactorDet(Value.matrix(n - 1, n - 1, minor));
        }
        return det;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void detAgreesWithCofactorExpansion(int n) {
        Random random = new Random(n);
        for (int trial = 0; trial < 20; trial++) {
            Value a = Values.randomMatrix(random, n, n);
            assertClose(cofactorDet(a), eval(Expr.det(P), a).asScalar(), 1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void detOfAProductIsTheProductOfDets(int n) {
        Random random = new Random(100 + n);
        for (int trial = 0; trial < 20; trial++) {
            Value a = Values.randomMatrix(random, n, n);
            Value b = Values.randomMatrix(random, n, n);
            double detAB = eval(Expr.det(Expr.product(P, Q)), a, b).asScalar();
            double product = eval(Expr.scale(Expr.det(P), Expr.det(Q)), a, b).asScalar();
            assertEquals(product, detAB, 1e-10 * Math.max(1, Math.abs(product)));
            assertClose(eval(Expr.det(P), a).asScalar(), eval(Expr.det(Expr.transpose(P)), a).asScalar(), 1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 12})
    void inverseTimesMatrixIsTheIdentity(int n) {
        Random random = new Random(200 + n);
        for (int trial = 0; trial < 20; trial++) {
            Value a = Values.randomMatrix(random, n, n);
            assertClose(identity(n), eval(Expr.product(Expr.inverse(P), P), a), 1e-9);
            assertClose(identity(n), eval(Expr.product(P, Expr.inverse(P)), a), 1e-9);
            assertClose(a, eval(Expr.inverse(Expr.inverse(P)), a), 1e-8);
            // det(A⁻¹) = 1 / det(A)
            assertClose(1 / eval(Expr.det(P), a).asScalar(), eval(Expr.det(Expr.inverse(P)), a).asScalar(), 1e-8);
        }
    }

    @Test
    void inverseOfAPermutationIsItsTranspose() {
        Value perm = Value.matrix(3, 3, 0, 1, 0, 0, 0, 1, 1, 0, 0);
        assertEquals(eval(Expr.transpose(P), perm), eval(Expr.inverse(P), perm));
    }

    @Test
    void aBadlyScaledButWellConditionedMatrixIsInvertible() {
        assertEquals(Value.matrix(2, 2, 1, 0, 0, 1e20), eval(Expr.inverse(P), Value.matrix(2, 2, 1, 0, 0, 1e-20)));
        Value tiny = Value.matrix(2, 2, 1e-300, 2e-300, 3e-300, 4e-300);
        assertClose(Value.matrix(2, 2, -2e300, 1e300, 1.5e300, -0.5e300), eval(Expr.inverse(P), tiny), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6})
    void logdetIsLogAbsDet(int n) {
        Random random = new Random(300 + n);
        boolean sawNegative = false;
        for (int trial = 0; trial < 20; trial++) {
            Value a = Values.randomMatrix(random, n, n);
            double det = cofactorDet(a);
            sawNegative |= det < 0;
            assertClose(Math.log(Math.abs(det)), eval(Expr.logdet(P), a).asScalar(), 1e-12);
        }
        assertTrue(n == 1 || sawNegative, "the cases should include negative determinants");
    }

    @Test
    void logdetStaysFiniteWhereDetOverflows() {
        Expr big = Expr.scale(Expr.scalar(10), Expr.identity(K));
        Map<String, Integer> k400 = Map.of("k", 400);
        assertEquals(Value.scalar(Double.POSITIVE_INFINITY), Interpreter.evaluate(Expr.det(big), Map.of(), k400));
        assertClose(400 * Math.log(10), Interpreter.evaluate(Expr.logdet(big), Map.of(), k400).asScalar(), 1e-13);
    }

    @Test
    void nonFiniteEntriesMakeMatrixFunctionsNaN() {
        Value nan = Value.matrix(2, 2, 1, Double.NaN, 0, 1);
        Value inf = Value.matrix(2, 2, Double.POSITIVE_INFINITY, 0, 0, 1);
        assertEquals(Value.scalar(Double.NaN), eval(Expr.det(P), nan));
        assertEquals(Value.scalar(Double.NaN), eval(Expr.logdet(P), inf));
        assertEquals(Value.matrix(2, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN), eval(Expr.inverse(P), inf));
    }

    @Test
    void traceOfAProductCommutes() {
        Random random = new Random(400);
        Expr a = Expr.variable("A", Shape.matrix(Dim.of("m"), N));
        Expr b = Expr.variable("B", Shape.matrix(N, Dim.of("m")));
        for (int trial = 0; trial < 10; trial++) {
            Map<String, Value> in = Map.of("A", Values.randomMatrix(random, 3, 5), "B", Values.randomMatrix(random, 5, 3));
            double ab = Interpreter.evaluate(Expr.trace(Expr.product(a, b)), in).asScalar();
            double ba = Interpreter.evaluate(Expr.trace(Expr.product(b, a)), in).asScalar();
            assertClose(ab, ba, 1e-12);
            // (AB)ᵀ = BᵀAᵀ
            assertClose(Interpreter.evaluate(Expr.transpose(Expr.product(a, b)), in),
                    Interpreter.evaluate(Expr.product(Expr.transpose(b), Expr.transpose(a)), in), 1e-12);
        }
    }

    @Test
    void norm2AgreesWithALoop() {
        Random random = new Random(500);
        Expr x = Expr.variable("x", Shape.vector(N));
        Expr a = Expr.variable("A", Shape.matrix(Dim.of("m"), N));
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(20);
            Value v = Values.randomVector(random, n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v.get(i) * v.get(i);
            }
            assertClose(Math.sqrt(sum), Interpreter.evaluate(Expr.norm2(x), Map.of("x", v)).asScalar(), 1e-14);

            Value m = Values.randomMatrix(random, 1 + random.nextInt(5), n);
            double frobenius = 0;
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    frobenius += m.get(i, j) * m.get(i, j);
                }
            }
            assertClose(Math.sqrt(frobenius), Interpreter.evaluate(Expr.norm2(a), Map.of("A", m)).asScalar(), 1e-14);
            // ‖x‖² = xᵀx
            double dot = Interpreter.evaluate(Expr.product(Expr.transpose(x), x), Map.of("x", v)).asScalar();
            assertClose(dot, Math.pow(Interpreter.evaluate(Expr.norm2(x), Map.of("x", v)).asScalar(), 2), 1e-13);
        }
    }

    @Test
    void norm2NeitherOverflowsNorUnderflows() {
        Expr x = Expr.variable("x", Shape.vector(N));
        assertClose(Math.hypot(3e200, 4e200),
                Interpreter.evaluate(Expr.norm2(x), Map.of("x", Value.vector(3e200, -4e200))).asScalar(), 1e-15);
        assertClose(Math.hypot(3e-200, 4e-200) * 1e200,
                Interpreter.evaluate(Expr.norm2(x), Map.of("x", Value.vector(3e-200, 4e-200))).asScalar() * 1e200, 1e-15);
        assertClose(Math.sqrt(2) * 1e200,
                Interpreter.evaluate(Expr.norm2(x), Map.of("x", Value.vector(1e200, 1e200))).asScalar(), 1e-15);
        assertClose(Math.sqrt(2), 1e200
                * Interpreter.evaluate(Expr.norm2(x), Map.of("x", Value.vector(1e-200, 1e-200))).asScalar(), 1e-15);
        assertEquals(Value.scalar(Double.NaN),
                Interpreter.evaluate(Expr.norm2(x), Map.of("x", Value.vector(1, Double.NaN))));
        // NaN beside an infinite entry is NaN, as sqrt(Σ x²) and generated code give (not Math.hypot's ∞).
        assertEquals(Value.scalar(Double.NaN),
                Interpreter.evaluate(Expr.norm2(x), Map.of("x", Value.vector(Double.NaN, Double.NEGATIVE_INFINITY))));
        assertEquals(Value.scalar(Double.POSITIVE_INFINITY),
                Interpreter.evaluate(Expr.norm2(x), Map.of("x", Value.vector(1, Double.NEGATIVE_INFINITY))));
    }
}

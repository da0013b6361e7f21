package dev.chainrule.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each node type on small hand-computed cases, and how inputs bind dimensions. */
class InterpreterTest {
    private static final Dim N = Dim.of("n");
    private static final Dim M = Dim.of("m");
    private static final Expr X = Expr.variable("x", Shape.vector(N));
    private static final Expr Y = Expr.variable("y", Shape.vector(N));
    private static final Expr A = Expr.variable("A", Shape.matrix(M, N));
    private static final Expr B = Expr.variable("B", Shape.matrix(N, N));
    private static final Expr S = Expr.variable("s", Shape.SCALAR);

    private static final Value X_VALUE = Value.vector(1, -2, 3);
    private static final Value Y_VALUE = Value.vector(4, 5, -6);
    /** 2×3, so that m = 2 and n = 3 differ and a swapped index shows. */
    private static final Value A_VALUE = Value.matrix(2, 3, 1, 2, 3, 4, 5, 6);
    private static final Value B_VALUE = Value.matrix(3, 3, 2, 0, 1, 1, 3, 0, 0, 1, 4);
    private static final Map<String, Value> INPUTS =
            Map.of("x", X_VALUE, "y", Y_VALUE, "A", A_VALUE, "B", B_VALUE, "s", Value.scalar(2));

    /** Dimensions too, since a node such as ones(n) alone has no variable to carry n. */
    private static Value eval(Expr e) {
        return Interpreter.evaluate(e, INPUTS, Map.of("m", 2, "n", 3));
    }

    private static String error(Expr e, Map<String, Value> inputs) {
        return error(e, inputs, Map.of());
    }

    private static String error(Expr e, Map<String, Value> inputs, Map<String, Integer> dims) {
        return assertThrows(EvaluationException.class, () -> Interpreter.evaluate(e, inputs, dims)).getMessage();
    }

    // ---- leaves ---------------------------------------------------------------------------------

    @Test
    void variableIsItsInput() {
        assertEquals(X_VALUE, eval(X));
        assertEquals(A_VALUE, eval(A));
        assertEquals(Value.scalar(2), eval(S));
    }

    @Test
    void aRowVectorVariableTakesAVectorAndAVectorVariableARow() {
        Expr r = Expr.variable("r", Shape.row(N));
        assertEquals(Value.row(1, 2), Interpreter.evaluate(r, Map.of("r", Value.vector(1, 2))));
        assertEquals(Value.row(1, 2), Interpreter.evaluate(r, Map.of("r", Value.row(1, 2))));
        assertEquals(Value.vector(1, 2), Interpreter.evaluate(X, Map.of("x", Value.row(1, 2))));
    }

    @Test
    void constantFillsItsShape() {
        assertEquals(Value.scalar(2.5), eval(Expr.scalar(2.5)));
        assertEquals(Value.vector(7, 7, 7), eval(Expr.constant(7, Shape.vector(N))));
        assertEquals(Value.row(7, 7, 7), eval(Expr.constant(7, Shape.row(N))));
        assertEquals(Value.matrix(2, 3, 0, 0, 0, 0, 0, 0), eval(Expr.zero(Shape.matrix(M, N))));
        assertEquals(Value.matrix(2, 1, 1, 1), eval(Expr.ones(Shape.matrix(Dim.of(2), Dim.ONE))));
    }

    @Test
    void identityHasOnesOnItsDiagonal() {
        assertEquals(Value.matrix(3, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1), eval(Expr.identity(N)));
        assertEquals(Value.matrix(2, 2, 1, 0, 0, 1), eval(Expr.identity(Dim.of(2))));
    }

    @Test
    void sizeIsTheBoundDimension() {
        assertEquals(Value.scalar(3), eval(Expr.size(N)));
        assertEquals(Value.scalar(2), eval(Expr.size(M)));
        assertEquals(Value.scalar(4), eval(Expr.size(Dim.of(4))));
        // mean(x) = sum(x) / n
        assertEquals(Value.scalar(2.0 / 3), eval(Expr.divide(Expr.sum(X), Expr.size(N))));
    }

    // ---- element-wise arithmetic ----------------------------------------------------------------

    @Test
    void addNegateAndSubtract() {
        assertEquals(Value.vector(5, 3, -3), eval(Expr.add(X, Y)));
        assertEquals(Value.vector(-1, 2, -3), eval(Expr.negate(X)));
        assertEquals(Value.vector(-3, -7, 9), eval(Expr.subtract(X, Y)));
        assertEquals(Value.scalar(5), eval(Expr.add(S, Expr.scalar(3))));
        assertEquals(Value.matrix(2, 3, 2, 4, 6, 8, 10, 12), eval(Expr.add(A, A)));
        assertEquals(Value.row(5, 3, -3), eval(Expr.add(Expr.transpose(X), Expr.transpose(Y))));
    }

    @Test
    void scaleMultipliesEveryEntryByTheScalar() {
        assertEquals(Value.vector(2, -4, 6), eval(Expr.scale(S, X)));
        assertEquals(Value.matrix(2, 3, -1, -2, -3, -4, -5, -6), eval(Expr.scale(Expr.scalar(-1), A)));
        assertEquals(Value.scalar(6), eval(Expr.scale(S, Expr.scalar(3))));
        // x + b as the type checker builds it: b·1⃗
        assertEquals(Value.vector(3, 0, 5), eval(Expr.add(X, Expr.expand(S, Shape.vector(N)))));
    }

    @Test
    void hadamardDivideAndPowerGoEntryByEntry() {
        assertEquals(Value.vector(4, -10, -18), eval(Expr.hadamard(X, Y)));
        assertEquals(Value.vector(0.25, -0.4, -0.5), eval(Expr.divide(X, Y)));
        assertEquals(Value.vector(1, 4, 9), eval(Expr.power(X, Expr.constant(2, Shape.vector(N)))));
        // 1⁴, (−2)⁵, 3⁻⁶
        assertEquals(Value.vector(1, -32, 1.0 / 729), eval(Expr.power(X, Y)));
        assertTrue(Double.isNaN(eval(Expr.power(Expr.scalar(-8), Expr.scalar(1.0 / 3))).asScalar()));
        assertEquals(Value.scalar(8), eval(Expr.power(S, Expr.scalar(3))));
        assertEquals(Value.matrix(2, 3, 1, 1, 1, 1, 1, 1), eval(Expr.divide(A, A)));
    }

    @Test
    void divisionByZeroFollowsIeee() {
        Value v = eval(Expr.divide(Expr.constant(1, Shape.vector(N)), Expr.hadamard(X, Expr.zero(Shape.vector(N)))));
        // 1/0, 1/-0, 1/0: the sign of the zero product survives.
        assertEquals(Value.vector(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), v);
        assertTrue(Double.isNaN(eval(Expr.apply(Fn.LOG, Expr.scalar(-1))).asScalar()));
    }

    @Test
    void maxTakesTheLargerEntry() {
        assertEquals(Value.vector(4, 5, 3), eval(Expr.max(X, Y)));
        assertEquals(Value.vector(1, 0, 3), eval(Expr.max(Expr.zero(Shape.vector(N)), X)));
        assertEquals(Value.scalar(2), eval(Expr.max(S, Expr.scalar(-5))));
    }

    @Test
    void applyMapsEveryEntry() {
        Expr m = Expr.variable("M", Shape.matrix(Dim.of(2), Dim.of(2)));
        Map<String, Value> in = Map.of("M", Value.matrix(2, 2, 0, 1, -1, 4));
        assertEquals(Value.matrix(2, 2, 1, Math.E, 1 / Math.E, Math.exp(4)),
                Interpreter.evaluate(Expr.apply(Fn.EXP, m), in));
        assertEquals(Value.matrix(2, 2, 0, 1, 0, 4), Interpreter.evaluate(Expr.apply(Fn.RELU, m), in));
        assertEquals(Value.matrix(2, 2, 0, 1, 1, 4), Interpreter.evaluate(Expr.apply(Fn.ABS, m), in));
        assertEquals(Value.matrix(2, 2, 0, 1, -1, 1), Interpreter.evaluate(Expr.apply(Fn.SIGN, m), in));
        assertEquals(Value.matrix(2, 2, 0, 1, 0, 1), Interpreter.evaluate(Expr.apply(Fn.STEP, m), in));
        assertEquals(0.5, Interpreter.evaluate(Expr.apply(Fn.SIGMOID, m), in).get(0, 0));
        assertEquals(Math.log(2), Interpreter.evaluate(Expr.apply(Fn.SOFTPLUS, m), in).get(0, 0), 1e-15);
        assertEquals(Value.vector(1, 2, 3), eval(Expr.apply(Fn.SQRT, Expr.power(X, Expr.constant(2, Shape.vector(N))))));
    }

    // ---- products -------------------------------------------------------------------------------

    @Test
    void rowTimesVectorIsTheDotProduct() {
        // 1·4 − 2·5 − 3·6
        assertEquals(Value.scalar(-24), eval(Expr.product(Expr.transpose(X), Y)));
    }

    @Test
    void matrixTimesVectorIsAVector() {
        // A x with A = [1 2 3; 4 5 6], x = (1, −2, 3): (1 − 4 + 9, 4 − 10 + 18)
        assertEquals(Value.vector(6, 12), eval(Expr.product(A, X)));
    }

    @Test
    void vectorTimesRowIsTheOuterProduct() {
        Expr ab = Expr.variable("a", Shape.vector(Dim.of(2)));
        Map<String, Value> in = Map.of("a", Value.vector(1, 2), "x", X_VALUE);
        assertEquals(Value.matrix(2, 3, 1, -2, 3, 2, -4, 6),
                Interpreter.evaluate(Expr.product(ab, Expr.transpose(X)), in));
    }

    @Test
    void rowTimesMatrixIsARow() {
        Expr u = Expr.variable("u", Shape.row(M));
        // (1, −1) A = (1 − 4, 2 − 5, 3 − 6)
        assertEquals(Value.row(-3, -3, -3), Interpreter.evaluate(Expr.product(u, A),
                Map.of("u", Value.row(1, -1), "A", A_VALUE)));
    }

    @Test
    void matrixTimesMatrix() {
        // A Aᵀ = [1·1+2·2+3·3, 1·4+2·5+3·6; ., 4·4+5·5+6·6]
        assertEquals(Value.matrix(2, 2, 14, 32, 32, 77), eval(Expr.product(A, Expr.transpose(A))));
        // A B with B = [2 0 1; 1 3 0; 0 1 4]
        assertEquals(Value.matrix(2, 3, 4, 9, 13, 13, 21, 28), eval(Expr.product(A, B)));
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        assertEquals(Value.matrix(3, 2, 1, 4, 2, 5, 3, 6), eval(Expr.transpose(A)));
        assertEquals(Value.row(1, -2, 3), eval(Expr.transpose(X)));
        assertEquals(Value.vector(1, -2, 3), eval(Expr.transpose(Expr.transpose(X))));
        assertEquals(A_VALUE, eval(Expr.transpose(Expr.transpose(A))));
    }

    // ---- reductions -----------------------------------------------------------------------------

    @Test
    void sumAddsEveryEntry() {
        assertEquals(Value.scalar(2), eval(Expr.sum(X)));
        assertEquals(Value.scalar(21), eval(Expr.sum(A)));
        assertEquals(Value.scalar(2), eval(Expr.sum(S)));
    }

    @Test
    void norm2IsTheSquareRootOfTheSumOfSquares() {
        assertEquals(Value.scalar(Math.sqrt(14)), eval(Expr.norm2(X)));
        assertEquals(Value.scalar(Math.sqrt(91)), eval(Expr.norm2(A)));
        assertEquals(Value.scalar(5), Interpreter.evaluate(Expr.norm2(X), Map.of("x", Value.vector(3, -4))));
        assertEquals(Value.scalar(2), eval(Expr.norm2(Expr.negate(S))));
        assertEquals(Value.scalar(0), eval(Expr.norm2(Expr.zero(Shape.vector(N)))));
    }

    @Test
    void aPowerOfANormIsComputedFromItsSumOfSquares() {
        // x = (1, −2, 3) (X): ‖x‖² = 14 exactly, so ‖x‖³ = 14·√14 with one rounding after the sqrt's,
        // ‖x‖⁴ = 196 exactly (the cube of the rounded √14 is not 14√14 to the last bit).
        assertEquals(Value.scalar(14 * Math.sqrt(14)), eval(Expr.power(Expr.norm2(X), Expr.scalar(3))));
        assertEquals(Value.scalar(196), eval(Expr.power(Expr.norm2(X), Expr.scalar(4))));
        assertEquals(Value.scalar(14 * 14 * Math.sqrt(14)), eval(Expr.power(Expr.norm2(X), Expr.scalar(5))));
        // Past the squares' range, scaled as the norm is: (3, 4)·1e100 has ‖x‖³ = 1.25e302, not ∞.
        Map<String, Value> far = Map.of("x", Value.vector(3e100, 4e100));
        assertEquals(1.25e302, Interpreter.evaluate(Expr.power(Expr.norm2(X), Expr.scalar(3)), far).asScalar(), 1e288);
        Map<String, Value> near = Map.of("x", Value.vector(3e-100, 4e-100));
        assertEquals(1.25e-298, Interpreter.evaluate(Expr.power(Expr.norm2(X), Expr.scalar(3)), near).asScalar(), 1e-312);
        // Zero, ∞ and NaN as the norm's own power; other exponents by pow.
        assertEquals(Value.scalar(0), eval(Expr.power(Expr.norm2(Expr.zero(Shape.vector(N))), Expr.scalar(3))));
        assertEquals(Double.POSITIVE_INFINITY, Interpreter.evaluate(Expr.power(Expr.norm2(X), Expr.scalar(3)),
                Map.of("x", Value.vector(1, Double.NEGATIVE_INFINITY))).asScalar());
        assertTrue(Double.isNaN(Interpreter.evaluate(Expr.power(Expr.norm2(X), Expr.scalar(3)),
                Map.of("x", Value.vector(Double.NaN, Double.POSITIVE_INFINITY))).asScalar()));
        assertEquals(Math.pow(Math.sqrt(14), 2.5), eval(Expr.power(Expr.norm2(X), Expr.scalar(2.5))).asScalar(), 1e-15 * 60);
    }

    @Test
    void logSumExpIsTheLogOfTheSumOfExponentials() {
        assertEquals(Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(3)), eval(Expr.logSumExp(X)).asScalar(), 1e-15);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4) + Math.exp(5) + Math.exp(6)),
                eval(Expr.logSumExp(A)).asScalar(), 1e-14);
        assertEquals(Value.scalar(2), eval(Expr.logSumExp(S)));
        assertEquals(Math.log(3), eval(Expr.logSumExp(Expr.zero(Shape.row(N)))).asScalar(), 1e-15);
    }

    @Test
    void softmaxIsTheNormalisedExponential() {
        double total = Math.exp(1) + Math.exp(-2) + Math.exp(3);
        Value s = eval(Expr.softmax(X));
        assertEquals(Math.exp(1) / total, s.get(0, 0), 1e-15);
        assertEquals(Math.exp(-2) / total, s.get(1, 0), 1e-15);
        assertEquals(Math.exp(3) / total, s.get(2, 0), 1e-15);
    }

    @Test
    void softmaxOfLargeEntriesDoesNotOverflow() {
        Value s = Interpreter.evaluate(Expr.softmax(X), Map.of("x", Value.vector(1000, 1000, -1000)));
        assertEquals(Value.vector(0.5, 0.5, 0.0), s);
    }

    @Test
    void logSumExpNeitherOverflowsNorUnderflows() {
        Expr e = Expr.logSumExp(X);
        // The plain formula gives log(∞) and log(0) here.
        assertEquals(1000 + Math.log(2), Interpreter.evaluate(e, Map.of("x", Value.vector(1000, 1000))).asScalar(), 1e-12);
        assertEquals(-1000 + Math.log(2), Interpreter.evaluate(e, Map.of("x", Value.vector(-1000, -1000))).asScalar(), 1e-12);
        assertEquals(1000, Interpreter.evaluate(e, Map.of("x", Value.vector(1000, 0))).asScalar(), 1e-12);
    }

    @Test
    void logSumExpOfInfinitiesIsItsLimit() {
        Expr e = Expr.logSumExp(X);
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(Value.scalar(inf), Interpreter.evaluate(e, Map.of("x", Value.vector(1, inf))));
        assertEquals(Value.scalar(-inf), Interpreter.evaluate(e, Map.of("x", Value.vector(-inf, -inf))));
        assertEquals(Value.scalar(2), Interpreter.evaluate(e, Map.of("x", Value.vector(-inf, 2))));
        assertEquals(Value.scalar(Double.NaN), Interpreter.evaluate(e, Map.of("x", Value.vector(inf, Double.NaN))));
    }

    @Test
    void traceAddsTheDiagonal() {
        assertEquals(Value.scalar(9), eval(Expr.trace(B)));
        assertEquals(Value.scalar(91), eval(Expr.trace(Expr.product(Expr.transpose(A), A))));
    }

    @Test
    void detOfSmallMatricesByHand() {
        // 2·(3·4 − 0·1) − 0 + 1·(1·1 − 3·0) = 25
        assertEquals(25, eval(Expr.det(B)).asScalar(), 1e-12);
        Expr two = Expr.variable("P", Shape.matrix(Dim.of(2), Dim.of(2)));
        assertEquals(Value.scalar(-2), Interpreter.evaluate(Expr.det(two), Map.of("P", Value.matrix(2, 2, 1, 2, 3, 4))));
        // A row swap is needed (zero in the corner) and flips the sign back.
        assertEquals(Value.scalar(-1), Interpreter.evaluate(Expr.det(two), Map.of("P", Value.matrix(2, 2, 0, 1, 1, 0))));
        assertEquals(Value.scalar(0), Interpreter.evaluate(Expr.det(two), Map.of("P", Value.matrix(2, 2, 1, 2, 2, 4))));
        assertEquals(Value.scalar(0), Interpreter.evaluate(Expr.det(two), Map.of("P", Value.matrix(2, 2, 0, 0, 0, 0))));
        assertEquals(Value.scalar(1), eval(Expr.det(Expr.identity(N))));
    }

    @Test
    void logdetIsLogOfAbsoluteDet() {
        assertEquals(Math.log(25), eval(Expr.logdet(B)).asScalar(), 1e-12);
        Expr two = Expr.variable("P", Shape.matrix(Dim.of(2), Dim.of(2)));
        assertEquals(Math.log(2), Interpreter.evaluate(Expr.logdet(two),
                Map.of("P", Value.matrix(2, 2, 1, 2, 3, 4))).asScalar(), 1e-15);
        assertEquals(Value.scalar(Double.NEGATIVE_INFINITY),
                Interpreter.evaluate(Expr.logdet(two), Map.of("P", Value.matrix(2, 2, 1, 2, 2, 4))));
    }

    @Test
    void inverseOfATwoByTwoIsTheAdjugateOverTheDet() {
        Expr two = Expr.variable("P", Shape.matrix(Dim.of(2), Dim.of(2)));
        // [1 2; 3 4]⁻¹ = [4 −2; −3 1] / −2
        Value inv = Interpreter.evaluate(Expr.inverse(two), Map.of("P", Value.matrix(2, 2, 1, 2, 3, 4)));
        Values.assertClose(Value.matrix(2, 2, -2, 1, 1.5, -0.5), inv, 1e-15);
        assertEquals(Value.matrix(3, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1), eval(Expr.inverse(Expr.identity(N))));
        assertEquals(Value.matrix(1, 1, 0.25), Interpreter.evaluate(Expr.inverse(Expr.variable("Q",
                Shape.matrix(Dim.ONE, Dim.ONE))), Map.of("Q", Value.matrix(1, 1, 4))));
    }

    @Test
    void diagonalMatrixAndDiagonal() {
        assertEquals(Value.matrix(3, 3, 1, 0, 0, 0, -2, 0, 0, 0, 3), eval(Expr.diagonalMatrix(X)));
        assertEquals(Value.vector(2, 3, 4), eval(Expr.diagonal(B)));
        assertEquals(X_VALUE, eval(Expr.diagonal(Expr.diagonalMatrix(X))));
    }

    // ---- block matrices, parts and rearrangements -----------------------------------------------

    @Test
    void aStackOfScalarsAndVectorsIsTheVectorOfTheirEntries() {
        // [s; x] with s = 2, x = (1, -2, 3): the paper's vector of functions.
        assertEquals(Value.vector(2, 1, -2, 3), eval(Expr.stack(List.of(S, X))));
        // A block matrix [A; xᵀ] (2 × 3 over 1 × 3).
        assertEquals(Value.matrix(3, 3, 1, 2, 3, 4, 5, 6, 1, -2, 3),
                eval(Expr.block(List.of(A, Expr.transpose(X)), 1)));
        // [B, y] (3 × 3 beside 3 × 1).
        assertEquals(Value.matrix(3, 4, 2, 0, 1, 4, 1, 3, 0, 5, 0, 1, 4, -6), eval(Expr.block(List.of(B, Y), 2)));
    }

    @Test
    void slicesTakeEntriesAndBlocksAndCheckTheirRangeAtTheBoundSizes() {
        assertEquals(Value.scalar(-2), eval(Expr.entry(X, 1, 0)));
        assertEquals(Value.scalar(6), eval(Expr.entry(A, 1, 2)));
        assertEquals(Value.vector(-2, 3), eval(Expr.slice(X, Dim.ONE, Dim.ZERO, Shape.vector(Dim.of(2)))));
        // x[n − 1]: the last entry wherever n is bound; x[5] is out of range for n = 3.
        Expr last = Expr.slice(X, Dim.difference(N, Dim.ONE), Dim.ZERO, Shape.SCALAR);
        assertEquals(Value.scalar(3), eval(last));
        Expr fifth = Expr.slice(X, Dim.of(4), Dim.ZERO, Shape.SCALAR);
        assertEquals("index out of range at these sizes: entry 5 of a vector of length 3 (vector[n])",
                error(fifth, INPUTS, Map.of("m", 2, "n", 3)));
    }

    @Test
    void theKroneckerProductHasABlockPerEntryOfItsLeftFactor() {
        // x ⊗ A: blocks 1A, −2A, 3A stacked (x is a vector), 6 × 3.
        Value k = eval(Expr.kronecker(X, A));
        assertEquals(6, k.rows());
        assertEquals(3, k.cols());
        assertEquals(-2 * 4, k.get(3, 0), 0);
        assertEquals(3 * 6, k.get(5, 2), 0);
    }

    @Test
    void vecReadsAMatrixRowByRowAndTheCommutationMatrixTransposesIt() {
        assertEquals(Value.vector(1, 2, 3, 4, 5, 6), eval(Expr.vec(A)));
        // K vec(A) = vec(Aᵀ) = (1, 4, 2, 5, 3, 6).
        assertEquals(Value.vector(1, 4, 2, 5, 3, 6), eval(Expr.product(Expr.commutation(M, N), Expr.vec(A))));
        assertEquals(A_VALUE, eval(Expr.reshape(Expr.vec(A), A.shape())));
    }

    // ---- graphs ---------------------------------------------------------------------------------

    @Test
    void everyNodeTypeHasARule() {
        List<Expr> oneOfEach = List.of(X, Expr.scalar(1), Expr.identity(N), Expr.size(N), Expr.add(X, Y),
                Expr.negate(X), Expr.scale(S, X), Expr.hadamard(X, Y), Expr.divide(X, Y),
                Expr.power(X, Y), Expr.product(A, X), Expr.transpose(X), Expr.apply(Fn.TANH, X), Expr.max(X, Y),
                Expr.sum(X), Expr.norm2(X), Expr.logSumExp(X), Expr.softmax(X), Expr.trace(B), Expr.det(B), Expr.logdet(B), Expr.inverse(B),
                Expr.diagonalMatrix(X), Expr.diagonal(B), Expr.stack(List.of(S, X)), Expr.entry(X, 1, 0),
                Expr.kronecker(X, A), Expr.vec(A), Expr.commutation(M, N));
        Set<Class<?>> covered = new HashSet<>();
        for (Expr e : oneOfEach) {
            Value v = eval(e);
            assertEquals(e.shape().kind(), v.kind(), e::toString);
            covered.add(e.getClass());
        }
        assertEquals(Set.of(Expr.class.getPermittedSubclasses()), covered,
                "a node type was added to Expr: give it a rule in Interpreter and a test here");
    }

    @Test
    void sharedSubgraphsAreEvaluatedOnce() {
        // 2^300 x through 300 doublings of one node: a tree walk would take 2^300 steps.
        Expr e = X;
        for (int i = 0; i < 300; i++) {
            e = Expr.add(e, e);
        }
        double twoTo300 = Math.scalb(1.0, 300);
        assertEquals(Value.vector(twoTo300, -2 * twoTo300, 3 * twoTo300), eval(e));
    }

    @Test
    void aTwentyThousandDeepChainDoesNotOverflowTheStack() {
        Expr e = X;
        for (int i = 0; i < 20_000; i++) {
            e = Expr.add(e, X);
        }
        assertEquals(Value.vector(20_001, -40_002, 60_003), eval(e));

        Expr f = S;
        for (int i = 0; i < 20_000; i++) {
            f = Expr.apply(Fn.SIN, Expr.negate(f));
        }
        double expected = 2;
        for (int i = 0; i < 20_000; i++) {
            expected = Math.sin(-expected);
        }
        assertEquals(Value.scalar(expected), eval(f));
    }

    @Test
    void aTwoHundredThousandDeepChainOfUnaryNodesEvaluates() {
        // Unary factories check no shapes, so such a chain can be built; shape() on its root would
        // recurse all the way down, which the interpreter must therefore not call.
        Expr e = X;
        for (int i = 0; i < 200_000; i++) {
            e = i % 2 == 0 ? Expr.negate(e) : Expr.apply(Fn.ABS, e);
        }
        assertEquals(Value.vector(1, 2, 3), eval(e));
    }

    @Test
    void aNodeUsedTwiceByOneParentIsKeptForBothUses() {
        // x ⊙ x, then (x ⊙ x) + (x ⊙ x): each child appears twice in one parent's children.
        Expr sq = Expr.hadamard(X, X);
        assertEquals(Value.vector(2, 8, 18), eval(Expr.add(sq, sq)));
        // sum(2·(1, 4, 9)) + sum(1, 4, 9), with sq needed again after its first parent is done
        assertEquals(Value.scalar(42), eval(Expr.add(Expr.sum(Expr.add(sq, sq)), Expr.sum(sq))));
    }

    // ---- binding dimensions ---------------------------------------------------------------------

    @Test
    void inputsBindTheirDimensions() {
        Map<String, Value> in = Map.of("A", Value.matrix(3, 2, 1, 2, 3, 4, 5, 6), "x", Value.vector(1, 1));
        assertEquals(Value.vector(3, 7, 11), Interpreter.evaluate(Expr.product(A, X), in));
        assertEquals(Value.scalar(3), Interpreter.evaluate(Expr.add(Expr.size(M), Expr.scale(Expr.scalar(0), Expr.sum(A))), in));
    }

    @Test
    void explicitDimensionsBindWhatNoInputCarries() {
        Dim k = Dim.of("k");
        assertEquals(Value.scalar(4), Interpreter.evaluate(Expr.sum(Expr.ones(Shape.vector(k))), Map.of(), Map.of("k", 4)));
        assertEquals(Value.scalar(5), Interpreter.evaluate(Expr.trace(Expr.identity(k)), Map.of(), Map.of("k", 5)));
        assertEquals(Value.scalar(7), Interpreter.evaluate(Expr.size(k), Map.of(), Map.of("k", 7, "unused", 1)));
        // An explicit binding the inputs agree with is fine.
        assertEquals(Value.scalar(2), Interpreter.evaluate(Expr.sum(X), Map.of("x", X_VALUE), Map.of("n", 3)));
    }

    @Test
    void unusedInputsAreIgnored() {
        assertEquals(Value.scalar(2), Interpreter.evaluate(Expr.sum(X), Map.of("x", X_VALUE, "z", Value.matrix(1, 1, 0))));
    }

    @Test
    void aMissingVariableIsNamedWithItsShape() {
        assertEquals("no value for variable y: vector[n]", error(Expr.add(X, Y), Map.of("x", X_VALUE)));
    }

    @Test
    void twoInputsDisagreeingOnADimension() {
        assertEquals("variable y: vector[n] was given a vector of length 4, but n = 3 from the length of x",
                error(Expr.add(X, Y), Map.of("x", X_VALUE, "y", Value.vector(1, 2, 3, 4))));
        assertEquals("variable x: vector[n] was given a vector of length 3, but n = 2 from the columns of A",
                error(Expr.product(A, X), Map.of("A", Value.matrix(1, 2, 1, 2), "x", X_VALUE)));
    }

    @Test
    void aSquareMatrixGivenARectangle() {
        assertEquals("variable B: matrix[n,n] was given a 2×3 matrix, but n = 2 from the rows of B",
                error(Expr.trace(B), Map.of("B", A_VALUE)));
    }

    @Test
    void aFixedDimensionMismatch() {
        Expr x3 = Expr.variable("x", Shape.vector(Dim.of(3)));
        assertEquals("variable x: vector[3] was given a vector of length 4, but its length must be 3",
                error(x3, Map.of("x", Value.vector(1, 2, 3, 4))));
        Expr p = Expr.variable("P", Shape.matrix(Dim.of(2), N));
        assertEquals("variable P: matrix[2,n] was given a 3×4 matrix, but it must have 2 rows",
                error(p, Map.of("P", Value.matrix(3, 4, new double[12]))));
        Expr q = Expr.variable("Q", Shape.matrix(N, Dim.ONE));
        assertEquals("variable Q: matrix[n,1] was given a 3×2 matrix, but it must have 1 column",
                error(q, Map.of("Q", Value.matrix(3, 2, new double[6]))));
    }

    @Test
    void kindsMustMatch() {
        assertEquals("variable x: vector[n] was given a scalar, not a vector", error(X, Map.of("x", Value.scalar(1))));
        assertEquals("variable x: vector[n] was given a 2×3 matrix, not a vector", error(X, Map.of("x", A_VALUE)));
        assertEquals("variable s: scalar was given a vector of length 1, not a scalar", error(S, Map.of("s", Value.vector(1))));
        assertEquals("variable s: scalar was given a 1×1 matrix, not a scalar",
                error(S, Map.of("s", Value.matrix(1, 1, 1))));
        assertEquals("variable A: matrix[m,n] was given a vector of length 3, not a matrix", error(A, Map.of("A", X_VALUE)));
        assertEquals("variable A: matrix[m,n] was given a scalar, not a matrix", error(A, Map.of("A", Value.scalar(1))));
    }

    @Test
    void anUnboundDimensionIsNamed() {
        Dim k = Dim.of("k");
        assertEquals("dimension k has no value: no input variable carries it, so it must be given explicitly",
                error(Expr.sum(Expr.ones(Shape.vector(k))), Map.of()));
        assertEquals("dimension k has no value: no input variable carries it, so it must be given explicitly",
                error(Expr.scale(Expr.size(k), X), Map.of("x", X_VALUE)));
    }

    @Test
    void explicitDimensionsMustBePositiveAndAgreeWithInputs() {
        assertEquals("dimension n must be at least 1, not 0", error(X, Map.of("x", X_VALUE), Map.of("n", 0)));
        assertEquals("variable x: vector[n] was given a vector of length 3, but n = 4 from the explicit dimensions",
                error(X, Map.of("x", X_VALUE), Map.of("n", 4)));
    }

    @Test
    void aBlockOfNoEntriesAddsNothing() {
        // The gradient of x[2] is [0; 1; 0⃗], its last block of n − 2 zeros: none at n = 2. Such a
        // block was an internal error ("a value needs at least one row").
        Expr gap = Expr.zero(Shape.vector(Dim.difference(N, Dim.of(2))));
        Expr gradient = Expr.stack(List.of(Expr.scalar(0), Expr.scalar(1), gap));
        assertEquals(Value.vector(0, 1), Interpreter.evaluate(gradient, Map.of(), Map.of("n", 2)));
        assertEquals(Value.vector(0, 1, 0, 0), Interpreter.evaluate(gradient, Map.of(), Map.of("n", 4)));
        Expr empty = Expr.zero(Shape.matrix(Dim.difference(N, Dim.of(2)), N));
        assertEquals(Value.matrix(0, 2), Interpreter.evaluate(empty, Map.of(), Map.of("n", 2)));
    }

    @Test
    void anInputWithNoEntriesIsRefused() {
        assertEquals("variable x: vector[n] was given a vector of length 0, but every dimension is at least 1",
                error(X, Map.of("x", Value.vector())));
    }

    @Test
    void twoVariablesOfOneNameMustBothFitTheInput() {
        Expr xs = Expr.variable("x", Shape.SCALAR);
        assertEquals("variable x: scalar was given a vector of length 3, not a scalar",
                error(Expr.scale(xs, X), Map.of("x", X_VALUE)));
    }

    @Test
    void aSingularMatrixHasANaNInverseADeterminantOfZeroAndALogdetOfMinusInfinity() {
        // As generated code computes them: a pivot of the LU factorisation exactly zero. Once the
        // interpreter threw "matrix is singular" here while the compiled engine printed numbers.
        Expr p = Expr.variable("P", Shape.matrix(N, N));
        for (Value singular : List.of(Value.matrix(2, 2, 1, 2, 2, 4), Value.matrix(3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                Value.matrix(3, 3, 1, 2, 3, 2, 4, 6, 3, 6, 9))) {
            Map<String, Value> at = Map.of("P", singular);
            for (double entry : Interpreter.evaluate(Expr.inverse(p), at).data()) {
                assertTrue(Double.isNaN(entry), singular::toString);
            }
            assertEquals(0.0, Interpreter.evaluate(Expr.det(p), at).asScalar(), 0.0);
            assertEquals(Double.NEGATIVE_INFINITY, Interpreter.evaluate(Expr.logdet(p), at).asScalar());
        }
    }
}

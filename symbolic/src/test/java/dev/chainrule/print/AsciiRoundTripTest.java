package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ASCII form reads back as the same interned node: the type checker is the printer's inverse. */
class AsciiRoundTripTest {
    private static final Dim N = Dim.of("n");
    private static final Shape VECTOR = Shape.vector(N);
    private static final Shape MATRIX = Shape.matrix(N, N);
    private static final Expr X = Expr.variable("x", VECTOR);
    private static final Expr A = Expr.variable("a", Shape.SCALAR);

    static Stream<String> corpus() {
        List<String> expressions = new ArrayList<>(List.of(
                "x'*A*x", "x'*A'*x", "x'*(A + A')*x", "x'*(A + eye)*x", "x'*inv(A)*y", "(A*B)'*x", "A*B'*x",
                "x .* y .* w", "x .* (y .* w)", "x ./ y ./ w", "x ./ (y ./ w)", "x - y - w", "x - (y - w)", "x - (y + w)",
                "-x + y", "-(x + y)", "-x'*y", "-(x'*y)", "(-x)'*y", "-A'", "(-A)'", "-x .^ 2", "(-x) .^ 2", "x .^ -a",
                "x .^ (a + b)", "(x + y) .^ (x - y)", "a .^ x", "(a + b) .^ x", "2 .^ x", "x .^ 2 .^ a", "(x .^ 2) .^ a",
                "a^b^c", "(a^b)^c", "-a^b", "(-a)^b", "a^(-b)", "a^-b^c", "a*b/c", "a*(b/c)", "a/b/c", "a/(b/c)",
                "a - b + c", "a - (b + c)", "a + b*c", "(a + b)*c", "a*x + b*y", "(a + b)*x", "a*(x + y)",
                "x/a", "x/(a + b)", "(x + y)/a", "a ./ x", "x ./ a", "1 ./ (1 + exp(-x))", "x + 1", "1 + x", "x - 1", "1 - x",
                "x + a", "a + x", "x - a", "a - x", "x + a*b", "x - (a - b)", "x + -a", "x - -a", "x .* a", "a*x .* y",
                "max(x, y)", "max(x, a)", "max(a, x)", "max(x, 2)", "max(2, x)", "max(0, x)", "max(x, 0)", "max(0, a)",
                "max(0, A*x + y) .^ 2", "relu(x'*y)", "sum(x)", "sum(A)", "sum(x .* y)", "A . B", "x . y", "dot(x, y)",
                "norm1(x - y)", "norm2(x)", "norm2(A)^2", "logsumexp(A*x)", "tr(A)", "tr(A*B)", "det(A)", "det(A')*tr(inv(B))",
                "logdet(A + B)", "inv(A)", "inv(A)'", "inv(A')", "inv(A*B)", "diag(x)", "diag(A)", "diag(diag(A))", "diag(x + 1)",
                "diag(x)*A*diag(y)", "x*y'", "x*y'*A", "(x*y')'", "x''", "A''", "A'*x'' ", "eye*x", "A*eye", "eye + A",
                "a*eye + A", "2*eye", "eye .* A", "A - eye", "vector(1)'*x", "A*vector(1)", "vector(3) + x", "x + vector(3)",
                "vector(2) .* x", "x - vector(1)", "matrix(1) .* A", "matrix(0.5) + A", "A*matrix(2)", "vector(a) + x",
                "vector(a) .* x", "a*vector(1) .* x", "x'*vector(1)*a", "vector(1)'*A", "x + 0.1", "x .^ 0.5", "1e-12 + x",
                "x * 1e300", "2.5e-7*a", "123456.789*a", "1000000*a", "x/n", "sum(x)/n", "sum(X'*t)/N", "a*N + n + sum(X'*t)",
                "sin(x) + cos(y) + tan(w)", "arcsin(a) + arccos(b) + arctan(c)", "exp(x) + log(x) + sqrt(x)",
                "tanh(A*x) .* sigmoid(y)", "abs(x) + sign(x)", "softplus(x) - step(x)", "relu(x)",
                "tanh(W1*tanh(A*x + y) + w)", "sum((t - max(0, X*x + a)) .^ 2)/N", "norm2(A*x - y)^2 + a*norm2(x)^2",
                "(x'*y)*(w'*x)", "x'*y*w", "x*(y'*w)", "(a*x)'*(b*y)", "x'*(a*A)*y", "-(a*x)", "-a*x", "a*-x",
                "a*(-x)", "(a*x)'", "a*x'", "-(x')", "(x .* y)'", "x' .* y'", "x' + 1", "1 - x'", "x'*A + y'",
                "x .^ 2'", "(x .^ 2)'", "x' .^ 2", "(A + B)'*(A - B)", "tr(A)*B + det(A)*eye"));
        return expressions.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusReadsBack(String expression) {
        Expr e = Fixtures.check(expression);
        Map<String, Shape> declared = Fixtures.shapesOfVariablesIn(e);
        for (Expr node : Traversal.postOrder(e)) {
            Fixtures.assertRoundTrip(node, declared);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusReadsBackWithOnlyItsOwnVariablesDeclared(String expression) {
        Fixtures.assertRoundTrip(Fixtures.check(expression));
    }

    /** Derivatives as the engine builds them, and every node in them, read back. */
    @Test
    void derivativesReadBack() {
        String[] functions = {
            "x'*A*x", "norm2(A*x - y)^2", "sum(tanh(W1*x + b))", "logdet(A) + tr(inv(A)*B)", "det(A)",
            "sum(exp(x)) / sum(x .^ 2)", "x'*diag(w)*x", "sum(sqrt(x) ./ (1 + x))", "sum(sigmoid(X*w))", "logsumexp(A*x)",
            "norm2(x)", "sum(abs(x - y))", "sum(max(x, y))", "a*x'*x + a^2", "sum(softplus(x)) + sum(x .* log(x))",
            "sum(1 ./ x)", "norm2(A)^2", "x'*(A + eye)*x", "tr(A'*A)", "sum((t - max(0, X*w + b)) .^ 2) / N",
        };
        int checked = 0;
        for (String f : functions) {
            TypedExpression typed = TypeChecker.expression(f, Fixtures.declare(Fixtures.STANDARD));
            Map<String, Shape> declared = Fixtures.shapesOfVariablesIn(typed.expr());
            for (Expr.Variable v : typed.variables().values()) {
                List<Expr> results = new ArrayList<>();
                results.add(Derivatives.gradient(typed.expr(), v));
                if (!v.shape().isMatrix()) {
                    results.add(Derivatives.hessian(typed.expr(), v));
                }
                for (Expr result : results) {
                    for (Expr node : Traversal.postOrder(result)) {
                        Fixtures.assertRoundTrip(node, declared);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked >= 30, "only " + checked + " derivatives without negative constants");
    }


    @Test
    void numbersReadBackAsTheSameDouble() {
        List<Double> values = new ArrayList<>(List.of(0.0, 1.0, 2.0, 0.1, 0.2 + 0.1, 1.0 / 3, 2.0 / 3, 1e-12, 1e300,
                1.5e6, 1e6, 100000.0, 123456789.0, 1e15, 1e16, 1e22, 1e23, 0.0001, 0.00001, 5e-324, Double.MIN_NORMAL,
                Double.MAX_VALUE, Math.PI, Math.E, Double.POSITIVE_INFINITY));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            values.add(Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE));
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        }
        for (double value : values) {
            if (Double.isNaN(value)) {
                continue;
            }
            Expr scalar = Expr.scalar(value);
            assertSame(scalar, Fixtures.reread(scalar, Map.of()), Printer.print(scalar, Format.ASCII));
            Expr scaled = Expr.scale(scalar, X);
            assertSame(scaled, Fixtures.reread(scaled, Map.of("x", VECTOR)), Printer.print(scaled, Format.ASCII));
            Expr expanded = Expr.add(X, Expr.constant(value, VECTOR));
            assertSame(expanded, Fixtures.reread(expanded, Map.of("x", VECTOR)), Printer.print(expanded, Format.ASCII));
        }
        assertEquals("1e999", Printer.print(Expr.scalar(Double.POSITIVE_INFINITY), Format.ASCII));
    }

    @Test
    void fixedDimensionsReadBack() {
        Expr e = Fixtures.check("A*x + 1 + vector(2)'*x*y", "A: matrix[2, 3], x: vector[3], y: vector[2]");
        assertEquals("A*x + 1 + vector(2)'*x*y", Printer.print(e, Format.ASCII));
        Fixtures.assertRoundTrip(e);
    }

    @Test
    void anExpandedConstantFactorIsWrittenOut() {
        // 2*vector(1), not 2: the type checker would make 2 the constant vector 2⃗, another node.
        Expr e = Expr.add(X, Expr.scale(Expr.scalar(2), Expr.ones(VECTOR)));
        assertEquals("x + 2*vector(1)", Printer.print(e, Format.ASCII));
        Fixtures.assertRoundTrip(e);
    }

    @Test
    void onlyOneSideOfAnElementwiseOperatorIsWrittenAsAScalar() {
        Expr aOnes = Expr.scale(A, Expr.ones(VECTOR));
        Expr e = Expr.add(aOnes, Expr.constant(3, VECTOR));
        assertEquals("a*vector(1) + 3", Printer.print(e, Format.ASCII));
        Fixtures.assertRoundTrip(e);
        Expr power = Expr.power(Expr.constant(2, VECTOR), aOnes);
        assertEquals("vector(2) .^ a", Printer.print(power, Format.ASCII));
        Fixtures.assertRoundTrip(power);
    }

    @Test
    void aVariableNamedAfterAFunctionIsAName() {
        Expr sum = Expr.variable("sum", Shape.SCALAR);
        Expr e = Expr.scale(sum, Expr.sum(X));
        assertEquals("sum*sum(x)", Printer.print(e, Format.ASCII));
        Fixtures.assertRoundTrip(e);
    }

    // ---- what the language cannot spell: the nearest expression of the same value ----------------

    /** A negative number reads back as the negative constant: -2 is a literal, and negating a constant folds. */
    @Test
    void negativeConstantsReadBack() {
        Expr minusTwo = Expr.scalar(-2);
        assertEquals("-2", Printer.print(minusTwo, Format.ASCII));
        assertSame(minusTwo, Fixtures.reread(minusTwo, Map.of()));
        assertSame(minusTwo, Expr.negate(Expr.scalar(2)));

        Expr scaled = Expr.scale(minusTwo, X);
        assertEquals("-2*x", Printer.print(scaled, Format.ASCII));
        assertSame(scaled, Fixtures.reread(scaled, Map.of("x", VECTOR)));
        assertEquals("a*(-2)", Printer.print(Expr.scale(A, minusTwo), Format.ASCII));
        assertEquals("vector(-1)", Printer.print(Expr.constant(-1, VECTOR), Format.ASCII));
        assertEquals("0/0", Printer.print(Expr.scalar(Double.NaN), Format.ASCII));
        assertEquals("-1e999", Printer.print(Expr.scalar(Double.NEGATIVE_INFINITY), Format.ASCII));
    }

    /** max(x, 0) is the rectifier in the language, so a general maximum with zero has no spelling. */
    @Test
    void aMaximumWithZeroReadsBackAsTheRectifier() {
        Expr max = Expr.max(X, Expr.zero(VECTOR));
        assertEquals("max(x, 0)", Printer.print(max, Format.ASCII));
        assertSame(Expr.apply(Fn.RELU, X), Fixtures.reread(max, Map.of("x", VECTOR)));
    }

    /** A size is a dimension's name, which means the size only when a variable has that dimension. */
    @Test
    void aSizeNeedsAVariableOfItsDimension() {
        Expr size = Expr.size(Dim.of("N"));
        assertEquals("N", Printer.print(size, Format.ASCII));
        Fixtures.assertRoundTrip(size, Map.of("X", Shape.matrix(Dim.of("N"), N)));
        // Without one, N is an undeclared name, a matrix by the naming convention.
        Expr mean = Expr.divide(Expr.sum(X), size);
        assertEquals("sum(x)/N", Printer.print(mean, Format.ASCII));
        assertThrows(CalcException.class, () -> Fixtures.reread(mean, Map.of("x", VECTOR)));
    }

    /**
     * vector(c), matrix(c) and eye take their size from their context: inside a reduction nothing
     * fixes it, and the type checker gives it a fresh dimension.
     */
    @Test
    void aConstantWhoseSizeNothingFixesGetsAFreshDimension() {
        Expr e = Expr.add(Expr.sum(Expr.ones(VECTOR)), Expr.sum(X));
        assertEquals("sum(vector(1)) + sum(x)", Printer.print(e, Format.ASCII));
        assertNotSame(e, Fixtures.reread(e, Map.of("x", VECTOR)));
        Expr trace = Expr.add(Expr.trace(Expr.identity(N)), Expr.sum(X));
        assertEquals("tr(eye) + sum(x)", Printer.print(trace, Format.ASCII));
        assertNotSame(trace, Fixtures.reread(trace, Map.of("x", VECTOR)));
        // In context, or as the whole expression, the size is fixed.
        Fixtures.assertRoundTrip(Expr.ones(VECTOR), Map.of());
        Fixtures.assertRoundTrip(Expr.add(Expr.identity(N), Expr.variable("A", MATRIX)));
    }
}

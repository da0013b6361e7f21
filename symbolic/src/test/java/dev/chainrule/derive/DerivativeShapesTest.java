package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeRules;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Derivatives through operands whose kind the product rule does not see: an n × 1 matrix times a
 * row, a vector used as an n × 1 matrix. Each case was an internal error ("cannot multiply
 * element-wise vector[n] and matrix[n,1]", "diag needs a square matrix, not matrix[n,1]") or a
 * gradient of the wrong kind; each now has the variable's shape and matches central differences
 * of the function's value, evaluated by the interpreter.
 */
class DerivativeShapesTest {

    /** The expression over undeclared names (a–g scalars, h–z vectors, A–Z matrices) at a point. */
    private record Case(Expr f, Map<String, Value> at) {
        static Case of(String text, Map<String, Value> at) {
            TypedExpression typed = TypeChecker.expression(text, Map.of());
            return new Case(typed.expr(), at);
        }

        Expr.Variable variable(String name) {
            return dev.chainrule.graph.Traversal.variables(f).get(name);
        }

        Value evaluate(Expr e, Map<String, Value> point) {
            return Interpreter.evaluate(e, point, Interpreter.dimensions(
                    dev.chainrule.graph.Traversal.variables(f).values(), point));
        }
    }

    private static Value matrix(int rows, int cols, double... entries) {
        return Value.matrix(rows, cols, entries);
    }

    /** ∂ vec(value(x)) / ∂ vec(x) by central differences: a row per entry of the value, a column per entry of x. */
    private static double[][] centralDifferences(Function<Value, Value> value, Value x) {
        double[] point = x.data();
        int columns = point.length;
        double[][] jacobian = null;
        for (int j = 0; j < columns; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(point[j]));
            double[] plus = point.clone();
            double[] minus = point.clone();
            plus[j] += h;
            minus[j] -= h;
            double[] up = value.apply(new Value(x.kind(), x.rows(), x.cols(), plus)).data();
            double[] down = value.apply(new Value(x.kind(), x.rows(), x.cols(), minus)).data();
            if (jacobian == null) {
                jacobian = new double[up.length][columns];
            }
            for (int i = 0; i < up.length; i++) {
                jacobian[i][j] = (up[i] - down[i]) / (2 * h);
            }
        }
        return jacobian;
    }

    private static void assertMatches(double[][] expected, Value actual, String what) {
        double[] data = actual.data();
        int columns = expected[0].length;
        assertEquals(expected.length * columns, data.length, what + ": entries");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < columns; j++) {
                double e = expected[i][j];
                double a = data[i * columns + j];
                assertTrue(Math.abs(e - a) <= 1e-5 * (1 + Math.abs(e)),
                        what + " at (" + i + ", " + j + "): " + a + ", numerically " + e);
            }
        }
    }

    private static Function<Value, Value> at(Case c, String name, Expr e) {
        return x -> {
            Map<String, Value> point = new LinkedHashMap<>(c.at());
            point.put(name, x);
            return c.evaluate(e, point);
        };
    }

    /** The gradient has the variable's shape and is the derivative of the value. */
    private static void assertGradient(Case c, String name) {
        Expr.Variable x = c.variable(name);
        Expr g = Derivatives.gradient(c.f(), x);
        assertEquals(x.shape(), g.shape(), "the gradient's shape");
        assertMatches(centralDifferences(at(c, name, c.f()), c.at().get(name)), c.evaluate(g, c.at()), "∂f/∂" + name);
    }

    /** The Hessian is square in the variable's entries and is the Jacobian of the gradient. */
    private static void assertHessian(Case c, String name) {
        Expr.Variable x = c.variable(name);
        Expr h = Derivatives.hessian(c.f(), x);
        Dim entries = ShapeRules.entries(x.shape());
        assertEquals(x.shape().isScalar() ? Shape.SCALAR : Shape.matrix(entries, entries), h.shape(), "the Hessian's shape");
        Expr g = Derivatives.gradient(c.f(), x);
        assertMatches(centralDifferences(at(c, name, g), c.at().get(name)), c.evaluate(h, c.at()), "∂²f/∂" + name + "²");
    }

    @Test
    void theAdjointOfAnNByOneMatrixTimesARowIsThatMatrixNotAVector() {
        // X: matrix[n,1] and (c ⊘ X − b)·yᵀ: the product rule's g·y is a vector, X's adjoint an n × 1 matrix.
        Case c = Case.of("sum((c⊘X-b)*y')", Map.of("c", Value.scalar(2), "X", matrix(2, 1, 1, 3),
                "b", Value.scalar(0.5), "y", Value.vector(1, 2, 3)));
        assertGradient(c, "X");
        assertGradient(c, "b");
        assertGradient(c, "y");
        assertHessian(c, "b");
        assertHessian(c, "X");
    }

    @Test
    void theDiagonalOfAMatrixReceivesAVectorAdjointThroughAProductWithARow() {
        // diag(D)·A with A a 1 × n matrix: diag(D) is used as an n × 1 matrix; diag's rule needs a vector.
        Case c = Case.of("dot(diag(v),diag(D)*A)", Map.of("v", Value.vector(1, 2), "D", matrix(2, 2, 1, 2, 3, 4),
                "A", matrix(1, 2, 0.5, 0.7)));
        assertGradient(c, "D");
        assertGradient(c, "v");
    }

    @Test
    void theHessianThroughAScalarDividingAMatrixIsSquareInTheVector() {
        // Once Tangents.outer built an ill-shaped outer product here.
        Case c = Case.of("tr(B/dot(v,v))", Map.of("B", matrix(2, 2, 1, 2, 3, 4), "v", Value.vector(0.5, 1.5, -1)));
        assertHessian(c, "v");
    }

    @Test
    void theHessianOfTheNormOfASumIsZeroAwayFromTheOrigin() {
        // Once "product of a scalar is a scaling" (Tangents.rowTimes): ‖Σy‖ = |Σy| has second derivative 0.
        Case c = Case.of("norm2(sum(y))", Map.of("y", Value.vector(0.5, 1.5, -1)));
        assertHessian(c, "y");
        Value h = c.evaluate(Derivatives.hessian(c.f(), c.variable("y")), c.at());
        for (double entry : h.data()) {
            assertEquals(0, entry, 1e-12);
        }
    }

    @Test
    void theHessianThroughTheDiagonalOfAOneByOneProductIsSquare() {
        // Once "matrix[m,1] has no length": B: matrix[1,m], so B·y·(B.^2)·u is a 1 × 1 matrix.
        Case c = Case.of("sum(diag(B*y*B.^2*u))", Map.of("B", matrix(1, 3, 0.5, 1.5, -1),
                "y", Value.vector(0.3, 0.2, 0.1), "u", Value.vector(1, 2, 3)));
        assertGradient(c, "y");
        assertHessian(c, "y");
    }

    @Test
    void theHessianInAScalarVariableOfACubedNormIsAScalar() {
        // Once refused with a message about "three dimensions" that does not fit a scalar variable.
        Case c = Case.of("norm2(b*B)^3", Map.of("b", Value.scalar(0.7), "B", matrix(2, 2, 1, 2, 3, 4)));
        assertHessian(c, "b");
        // f = |b|³‖B‖³, so f'' = 6|b|‖B‖³ = 6 · 0.7 · 30^1.5.
        assertEquals(6 * 0.7 * Math.pow(30, 1.5), c.evaluate(Derivatives.hessian(c.f(), c.variable("b")), c.at()).asScalar(),
                1e-9 * 6 * 0.7 * Math.pow(30, 1.5));
    }

    @Test
    void theJacobianThroughAnInverseOfAScaledMatrixHasARowPerEntry() {
        // Once a ShapeMismatchException in Tangents.outer.
        Case c = Case.of("inv(softplus(log(norm1(u))*D)*D)*v", Map.of("u", Value.vector(0.5, 1.5, -1),
                "D", matrix(2, 2, 1, 2, 3, 4), "v", Value.vector(1, 2)));
        Expr.Variable u = c.variable("u");
        Expr j = Derivatives.jacobian(c.f(), u);
        assertEquals(Shape.matrix(Dim.of("m"), Dim.of("n")), j.shape());
        assertMatches(centralDifferences(at(c, "u", c.f()), c.at().get("u")), c.evaluate(j, c.at()), "∂f/∂u");
    }
}

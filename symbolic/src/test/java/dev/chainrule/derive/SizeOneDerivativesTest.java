package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Derivatives where a size is 1 keep the kind of value they are taken by: a vector of length 1, a
 * 1 × 1 matrix and a scalar hold one number each, and the rules, written for the general case,
 * built one where another was due (a row for a 1 × 1 matrix). Each case is a minimised failure of
 * the property tests.
 */
class SizeOneDerivativesTest {
    private static final Expr.Variable X1 = (Expr.Variable) Expr.variable("x", Shape.vector(Dim.ONE));
    private static final Expr.Variable B11 = (Expr.Variable) Expr.variable("B", Shape.matrix(Dim.ONE, Dim.ONE));
    private static final Map<String, Value> AT = Map.of("x", Value.vector(3), "B", Value.matrix(1, 1, 0.5),
            "v", Value.vector(2));

    private static double[] at(Expr e) {
        return Interpreter.evaluate(e, AT).data();
    }

    @Test
    void theGradientOfTheOnlyEntryOfAVectorIsThatVector() {
        // x[1] sent its adjoint back by reshaping a scalar to a vector: a shape error.
        Expr f = Expr.entry(X1, 0, 0);
        Expr g = Derivatives.gradient(f, X1);
        assertEquals(Shape.vector(Dim.ONE), g.shape());
        assertEquals(1, at(g)[0]);
        Expr.Variable v = (Expr.Variable) Expr.variable("v", X1.shape());
        assertEquals(0, at(Derivatives.hessianVectorProduct(f, X1, v))[0]);
    }

    @Test
    void theHessianByAVectorOfLengthOneIsAOneByOneMatrix() {
        // sum(x ⊗ xᵀ) = x²: the Jacobian of the gradient came out a row.
        Expr f = Expr.sum(Expr.kronecker(X1, Expr.transpose(X1)));
        Expr h = Derivatives.hessian(f, X1);
        assertEquals(Shape.matrix(Dim.ONE, Dim.ONE), h.shape());
        assertEquals(2, at(h)[0], 1e-15);
    }

    @Test
    void theGradientByAOneByOneMatrixFactorIsAMatrix() {
        // In x·tanh(B) the product's adjoint for B, xᵀg, is a row: tanh's rule then met a row and a matrix.
        Expr f = Expr.sum(Expr.product(X1, Expr.apply(Fn.TANH, B11)));
        Expr g = Derivatives.gradient(f, B11);
        assertEquals(B11.shape(), g.shape());
        double t = Math.tanh(0.5);
        assertEquals(3 * (1 - t * t), at(g)[0], 1e-15);
    }

    @Test
    void theJacobianOfAVectorOfLengthOneByAMatrixIsAOneRowMatrix() {
        // J(Bx) = (I₁ ⊗ xᵀ) J(B) = xᵀ, a row, where a 1 × 1 matrix is due.
        Expr j = Derivatives.jacobian(Expr.product(B11, X1), B11);
        assertEquals(Shape.matrix(Dim.ONE, Dim.ONE), j.shape());
        assertEquals(3, at(j)[0]);
    }

    @Test
    void theHessianOfALogdetByAOneByOneMatrixSimplifiesAndMatchesItsClosedForm() {
        // logdet(0.2·tanh(inv(M²) + I)) for M = 0.2B + I: the common-factor rule took a term's
        // constant as a common factor, then tried to take it again (an index error). Here, with
        // u = 0.2b + 1 and g(b) = log(0.2·tanh(u⁻² + 1)), the Hessian is g''(b), against central differences.
        Expr m = Expr.add(Expr.scale(Expr.scalar(0.2), B11), Expr.identity(Dim.ONE));
        Expr inner = Expr.add(Expr.product(Expr.inverse(m), Expr.inverse(m)), Expr.identity(Dim.ONE));
        Expr f = Expr.logdet(Expr.scale(Expr.scalar(0.2), Expr.apply(Fn.TANH, Expr.inverse(inner))));
        Expr h = Derivatives.hessian(f, B11);
        java.util.function.DoubleUnaryOperator g = b -> {
            double u = 0.2 * b + 1;
            return Math.log(0.2 * Math.tanh(1 / (1 / (u * u) + 1)));
        };
        double step = 1e-4;
        double second = (g.applyAsDouble(0.5 + step) - 2 * g.applyAsDouble(0.5) + g.applyAsDouble(0.5 - step)) / (step * step);
        assertEquals(second, at(h)[0], 1e-5);
    }
}

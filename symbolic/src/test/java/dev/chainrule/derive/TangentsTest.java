package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import org.junit.jupiter.api.Test;

/**
 * Forward accumulation on small graphs, before any simplification: zero tangents are values of the
 * right shape that drop out of the rules, and a matrix-valued step that depends on the variable is
 * reported where it is met.
 */
class TangentsTest {
    private static final Dim N = Dim.of("n");
    private static final Dim M = Dim.of("m");
    private static final Expr.Variable X = (Expr.Variable) Expr.variable("x", Shape.vector(N));
    private static final Expr.Variable T = (Expr.Variable) Expr.variable("t", Shape.SCALAR);
    private static final Expr C = Expr.variable("c", Shape.vector(N));
    private static final Expr A = Expr.variable("A", Shape.matrix(M, N));

    @Test
    void aFunctionOfOtherVariablesHasAZeroJacobianOfTheRightShape() {
        assertSame(Expr.zero(Shape.matrix(N, N)), Tangents.jacobian(Expr.apply(Fn.TANH, C), X));
        assertSame(Expr.zero(Shape.row(N)), Tangents.jacobian(Expr.sum(C), X));
        assertSame(Expr.zero(Shape.vector(N)), Tangents.jacobian(C, T));
        assertSame(Expr.zero(Shape.SCALAR), Tangents.jacobian(Expr.sum(C), T));
    }

    @Test
    void aTermThroughAnOperandThatDoesNotDependOnTheVariableIsLeftOut() {
        Expr identity = Expr.identity(N);
        // J(x + c) = I, not I + 0; J(x ⊙ c) = diag(c)·I alone; J(Ax) = A·I.
        assertSame(identity, Tangents.jacobian(Expr.add(X, C), X));
        assertSame(Expr.product(Expr.diagonalMatrix(C), identity), Tangents.jacobian(Expr.hadamard(X, C), X));
        assertSame(Expr.product(A, identity), Tangents.jacobian(Expr.product(A, X), X));
        // The dot product cᵀx: only the right operand depends on x.
        assertSame(Expr.product(Expr.transpose(C), identity), Tangents.jacobian(Expr.product(Expr.transpose(C), X), X));
        // Scaled by a constant, and negated: the zero tangent of the factor adds nothing.
        Expr two = Expr.scalar(2);
        assertSame(Expr.negate(Expr.scale(two, identity)), Tangents.jacobian(Expr.negate(Expr.scale(two, X)), X));
    }

    @Test
    void bothTermsOfAProductRuleAreKeptWhenBothDependOnTheVariable() {
        // J(xᵀx) = xᵀI + xᵀI, in the order of the rule: through the left operand, then the right.
        Expr xt = Expr.transpose(X);
        Expr throughRight = Expr.product(xt, Expr.identity(N));
        Expr throughLeft = Expr.product(xt, Expr.identity(N));
        assertSame(Expr.add(throughLeft, throughRight), Tangents.jacobian(Expr.product(xt, X), X));
    }

    @Test
    void aScalarVariablesTangentHasEachNodesOwnShape() {
        // d/dt (t·c + c) = c, a vector, with the constant term left out.
        Expr f = Expr.add(Expr.scale(T, C), C);
        assertSame(Expr.scale(Expr.scalar(1), C), Tangents.jacobian(f, T));
    }

    @Test
    void aMatrixValuedStepThatDependsOnTheVariableIsReportedWhereMet() {
        // The Hessian of sum(exp(A + sum(x))) goes through sum(x)·𝟏, a matrix that depends on x.
        Expr square = Expr.variable("B", Shape.matrix(N, N));
        Expr spread = Expr.scale(Expr.sum(X), Expr.ones(Shape.matrix(N, N)));
        Expr f = Expr.sum(Expr.apply(Fn.EXP, Expr.add(square, spread)));
        DerivativeException e = assertThrows(DerivativeException.class, () -> Tangents.jacobian(f, X));
        assertEquals("cannot take the Jacobian through sum(x)·𝟏 (matrix[n,n]): a matrix-valued step that depends "
                + "on x has a Jacobian of three dimensions; take gradients of scalar parts instead", e.getMessage());

        // Even where it ends in a scalar, the step named is the matrix: tr(tB), not its trace.
        Expr trace = Expr.trace(Expr.scale(T, square));
        e = assertThrows(DerivativeException.class, () -> Tangents.jacobian(trace, T));
        assertEquals("cannot take the Jacobian through tB (matrix[n,n]): a matrix-valued step that depends on t "
                + "has a Jacobian of three dimensions; take gradients of scalar parts instead", e.getMessage());
    }

    @Test
    void theHessianThroughAScalarSpreadOverAMatrixIsADerivativeError() {
        // Before, the tangent rule of the scaling multiplied the n × n matrix by a row: a shape error.
        Expr square = Expr.variable("B", Shape.matrix(N, N));
        Expr f = Expr.sum(Expr.apply(Fn.EXP, Expr.add(square, Expr.expand(Expr.sum(X), square.shape()))));
        assertThrows(DerivativeException.class, () -> Derivatives.hessian(f, X));
    }
}

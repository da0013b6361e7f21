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
 * right shape that drop out of the rules, and matrix-valued steps that depend on the variable have
 * Jacobians in flattened Kronecker form.
 */
class ForwardSweepTest {
    private static final Dim N = Dim.of("n");
    private static final Dim M = Dim.of("m");
    private static final Expr.Variable X = (Expr.Variable) Expr.variable("x", Shape.vector(N));
    private static final Expr.Variable T = (Expr.Variable) Expr.variable("t", Shape.SCALAR);
    private static final Expr C = Expr.variable("c", Shape.vector(N));
    private static final Expr A = Expr.variable("A", Shape.matrix(M, N));

    @Test
    void aFunctionOfOtherVariablesHasAZeroJacobianOfTheRightShape() {
        assertSame(Expr.zero(Shape.matrix(N, N)), JacobianSweep.of(Expr.apply(Fn.TANH, C), X));
        assertSame(Expr.zero(Shape.row(N)), JacobianSweep.of(Expr.sum(C), X));
        assertSame(Expr.zero(Shape.vector(N)), DirectionalSweep.along(C, T, Expr.scalar(1)));
        assertSame(Expr.zero(Shape.SCALAR), DirectionalSweep.along(Expr.sum(C), T, Expr.scalar(1)));
    }

    @Test
    void aTermThroughAnOperandThatDoesNotDependOnTheVariableIsLeftOut() {
        Expr identity = Expr.identity(N);
        // J(x + c) = I, not I + 0; J(x ⊙ c) = diag(c)·I alone; J(Ax) = A·I.
        assertSame(identity, JacobianSweep.of(Expr.add(X, C), X));
        assertSame(Expr.product(Expr.diagonalMatrix(C), identity), JacobianSweep.of(Expr.hadamard(X, C), X));
        assertSame(Expr.product(A, identity), JacobianSweep.of(Expr.product(A, X), X));
        // The dot product cᵀx: only the right operand depends on x.
        assertSame(Expr.product(Expr.transpose(C), identity), JacobianSweep.of(Expr.product(Expr.transpose(C), X), X));
        // Scaled by a constant, and negated: the zero tangent of the factor adds nothing.
        Expr two = Expr.scalar(2);
        assertSame(Expr.negate(Expr.scale(two, identity)), JacobianSweep.of(Expr.negate(Expr.scale(two, X)), X));
    }

    @Test
    void bothTermsOfAProductRuleAreKeptWhenBothDependOnTheVariable() {
        // J(xᵀx) = xᵀI + xᵀI, in the order of the rule: through the left operand, then the right.
        Expr xt = Expr.transpose(X);
        Expr throughRight = Expr.product(xt, Expr.identity(N));
        Expr throughLeft = Expr.product(xt, Expr.identity(N));
        assertSame(Expr.add(throughLeft, throughRight), JacobianSweep.of(Expr.product(xt, X), X));
    }

    @Test
    void aScalarVariablesTangentHasEachNodesOwnShape() {
        // d/dt (t·c + c) = c, a vector, with the constant term left out.
        Expr f = Expr.add(Expr.scale(T, C), C);
        assertSame(Expr.scale(Expr.scalar(1), C), DirectionalSweep.along(f, T, Expr.scalar(1)));
    }

    @Test
    void aMatrixValuedStepHasTheKroneckerFormOfItsFlattenedJacobian() {
        // vec(Bx) for a matrix variable B (m × n): J = (I ⊗ xᵀ)·I, a row per entry of Bx.
        Expr.Variable b = (Expr.Variable) Expr.variable("B", Shape.matrix(M, N));
        Expr j = JacobianSweep.of(Expr.product(b, X), b);
        assertEquals(Shape.matrix(M, Dim.product(M, N)), j.shape());
        assertSame(Expr.product(Expr.kronecker(Expr.identity(M), Expr.transpose(X)),
                Expr.identity(Dim.product(M, N))), j);
        // A transposed matrix permutes its entries: J(Bᵀ) = K·I.
        assertSame(Expr.product(Expr.commutation(M, N), Expr.identity(Dim.product(M, N))),
                JacobianSweep.of(Expr.transpose(b), b));
    }

    @Test
    void aScalarSpreadOverAMatrixHasAnOuterProductTangent() {
        // J(sum(x)·𝟏) through the scalar: vec(𝟏)·J(sum(x)), matrix[n*n, n].
        Expr spread = Expr.scale(Expr.sum(X), Expr.ones(Shape.matrix(N, N)));
        Expr j = JacobianSweep.of(spread, X);
        assertEquals(Shape.matrix(Dim.product(N, N), N), j.shape());
    }

    @Test
    void theHessianThroughAScalarSpreadOverAMatrixIsTheSumOfItsEntriesHessians() {
        // Before, this was a shape error, then refused; now the Hessian of sum(exp(B + sum(x)·𝟏)) is
        // sum(exp(B + s)) · 1⃗1⃗ᵀ with s = sum(x), an n × n matrix.
        Expr square = Expr.variable("B", Shape.matrix(N, N));
        Expr f = Expr.sum(Expr.apply(Fn.EXP, Expr.add(square, Expr.expand(Expr.sum(X), square.shape()))));
        assertEquals(Shape.matrix(N, N), Derivatives.hessian(f, X).shape());
    }
}

package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.simplify.Simplifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One step of reverse accumulation: what an operand receives, checked against closed forms and the whole sweep. */
class AdjointContributionTest {
    private static final Dim N = Dim.of("n");
    private static final Expr.Variable U = (Expr.Variable) Expr.variable("u", Shape.vector(N));
    private static final Expr.Variable W = (Expr.Variable) Expr.variable("W", Shape.matrix(N, N));
    private static final Expr.Variable G = (Expr.Variable) Expr.variable("g", Shape.vector(N));
    private static final Expr.Variable S = (Expr.Variable) Expr.variable("s", Shape.SCALAR);

    @Test
    void anElementwiseFunctionSendsTheAdjointTimesItsDerivative() {
        Expr y = Expr.apply(Fn.TANH, U);
        Expr expected = Expr.hadamard(G, Expr.subtract(Expr.ones(U.shape()),
                Expr.power(y, Expr.constant(2, U.shape()))));
        assertSame(Simplifier.simplify(expected), Simplifier.simplify(Derivatives.adjointContribution(y, U, G)));
    }

    @Test
    void aMatrixProductSendsTheOuterProductToTheMatrixAndTheTransposeToTheVector() {
        Expr y = Expr.product(W, U);
        assertSame(Simplifier.simplify(Expr.product(G, Expr.transpose(U))),
                Simplifier.simplify(Derivatives.adjointContribution(y, W, G)));
        assertSame(Simplifier.simplify(Expr.product(Expr.transpose(W), G)),
                Simplifier.simplify(Derivatives.adjointContribution(y, U, G)));
    }

    @Test
    void anOperandUsedTwiceGetsBothContributions() {
        // uᵀu sends 2su, where s is its (scalar) adjoint.
        Expr y = Expr.product(Expr.transpose(U), U);
        Expr contribution = Derivatives.adjointContribution(y, U, S);
        Value u = Value.vector(new double[] {1, -2, 3});
        Map<String, Value> at = Map.of("u", u, "s", Value.scalar(0.5));
        assertEquals(List.of(1.0, -2.0, 3.0), values(Interpreter.evaluate(contribution, at, Map.of("n", 3))));
    }

    @Test
    void withTheSeedOneItIsTheGradient() {
        Expr f = Expr.sum(Expr.apply(Fn.SIN, Expr.product(W, U)));
        assertSame(Derivatives.rawGradients(f, List.of(U)).get(U),
                Derivatives.adjointContribution(f, U, Expr.scalar(1)));
        assertSame(G, Derivatives.adjointContribution(G, G, G), "a variable receives its own adjoint");
    }

    @Test
    void refusesAnAdjointOfAnotherShape() {
        assertThrows(IllegalArgumentException.class, () -> Derivatives.adjointContribution(Expr.product(W, U), U, S));
    }

    private static List<Double> values(Value v) {
        return java.util.Arrays.stream(v.data()).boxed().toList();
    }
}

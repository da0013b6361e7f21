package dev.chainrule.codegen.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.codegen.loop.Placement.Kind;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The placement plan: where each node's value lives, what is shared, and in which order nodes are computed. */
class PlacementTest {
    private static final Dim N = Dim.of("n");
    private final Expr w = Expr.variable("W", Shape.matrix(N, N));
    private final Expr a = Expr.variable("A", Shape.matrix(N, N));
    private final Expr b = Expr.variable("B", Shape.matrix(N, N));
    private final Expr x = Expr.variable("x", Shape.vector(N));
    private final Expr y = Expr.variable("y", Shape.vector(N));

    private static Placement returning(Expr e) {
        return Placement.of(List.of(new Placement.Root(e, null)));
    }

    private static Array out(String name, Shape shape) {
        return new Array(Name.of(name), shape.rows(), shape.cols(), Array.Role.OUTPUT);
    }

    private static Expr square(Expr e) {
        return Expr.power(e, Expr.constant(2, e.shape()));
    }

    @Test
    void aProductGetsAnArrayAnElementwiseNodeUsedOnceIsInlineAReductionALocal() {
        Expr product = Expr.product(w, x);
        Expr tanh = Expr.apply(Fn.TANH, product);
        Expr sum = Expr.sum(tanh);
        Placement plan = returning(sum);
        assertEquals(Kind.ARRAY, plan.kind(product));
        assertEquals(Kind.INLINE, plan.kind(tanh));
        assertEquals(Kind.LOCAL, plan.kind(sum));
        assertEquals(Kind.INLINE, plan.kind(w));
        List<Expr> order = plan.order();
        assertTrue(order.indexOf(product) < order.indexOf(tanh) && order.indexOf(tanh) < order.indexOf(sum),
                "each node after what it reads:\n" + plan.describe());
    }

    @Test
    void anElementwiseNodeUsedTwiceGetsAnArrayEvenThroughANegation() {
        // y ⊙ x is read through one negation by two functions: computed once, not twice.
        Expr margin = Expr.hadamard(y, x);
        Expr negated = Expr.negate(margin);
        Expr value = Expr.sum(Expr.add(Expr.apply(Fn.SOFTPLUS, negated), Expr.apply(Fn.SIGMOID, negated)));
        Placement plan = returning(value);
        assertEquals(Kind.INLINE, plan.kind(negated));
        assertEquals(2, plan.uses(margin));
        assertEquals(Kind.ARRAY, plan.kind(margin));
    }

    @Test
    void aRootIsComputedIntoItsOutputUnlessItIsAParameterOrComputedAlready() {
        Expr gradient = Expr.apply(Fn.TANH, x);
        Placement.Root returned = new Placement.Root(Expr.sum(gradient), null);
        Placement.Root into = new Placement.Root(gradient, out("gradX", gradient.shape()));
        Placement.Root parameter = new Placement.Root(y, out("copyOfY", y.shape()));
        Placement plan = Placement.of(List.of(into, parameter, returned));
        assertEquals(Kind.OUTPUT, plan.kind(gradient));
        assertEquals(Name.of("gradX"), plan.output(gradient).name());
        assertFalse(plan.copied(plan.roots().get(0)));
        assertTrue(plan.copied(plan.roots().get(1)));
        // Computed for the value first, the same node is copied into the output.
        Placement later = Placement.of(List.of(returned, into));
        assertTrue(later.copied(later.roots().get(1)));
    }

    @Test
    void softmaxAndLogSumExpOfOneVectorShareItsExponentials() {
        Placement plan = Placement.of(List.of(new Placement.Root(Expr.logSumExp(x), null),
                new Placement.Root(Expr.softmax(x), out("gradX", x.shape()))));
        assertTrue(plan.exponentiated(x));
        assertFalse(returning(Expr.logSumExp(x)).exponentiated(x), "no softmax, no array of exponentials");
    }

    @Test
    void aMatrixWithADeterminantOrInverseIsFactorisedInAnArray() {
        Expr sum = Expr.add(a, b);
        Placement parameter = returning(Expr.add(Expr.det(a), Expr.trace(Expr.inverse(a))));
        assertTrue(parameter.factorised(a));
        assertEquals(Kind.INLINE, parameter.kind(a), "a parameter is factorised where it is");
        Placement computed = returning(Expr.logdet(sum));
        assertTrue(computed.factorised(sum));
        assertEquals(Kind.ARRAY, computed.kind(sum));
    }

    @Test
    void anOperandThatCallsAFunctionGetsAnArrayRatherThanBeComputedOncePerRow() {
        Expr tanh = Expr.apply(Fn.TANH, x);
        assertEquals(Kind.ARRAY, returning(Expr.sum(Expr.product(w, tanh))).kind(tanh));
        Expr plain = Expr.add(x, y);
        assertEquals(Kind.INLINE, returning(Expr.sum(Expr.product(w, plain))).kind(plain));
    }

    @Test
    void aRowTimesAMatrixIsTheTransposeOfAColumnProduct() {
        Expr row = Expr.product(Expr.transpose(x), a);
        Placement plan = returning(Expr.sum(row));
        Expr rewritten = ((Expr.Sum) plan.roots().get(0).expr()).operand();
        assertSame(Expr.transpose(Expr.product(Expr.transpose(a), x)), rewritten);
    }

    @Test
    void aProductOverASumWithATransposedTermIsDistributed() {
        // The quadratic form's gradient (A + Aᵀ)x: Ax + Aᵀx, each reading A by rows.
        Expr gradient = Expr.product(Expr.add(a, Expr.transpose(a)), x);
        Placement plan = Placement.of(List.of(new Placement.Root(gradient, out("gradX", x.shape()))));
        assertSame(Expr.add(Expr.product(a, x), Expr.product(Expr.transpose(a), x)), plan.roots().get(0).expr());
        assertTrue(plan.transposedTimesVector((Expr.Product) Expr.product(Expr.transpose(a), x)));
    }

    @Test
    void aSubtractionWhoseReverseIsKeptAnywayIsItsNegation() {
        Expr difference = Expr.subtract(x, y);
        Expr value = Expr.sum(Expr.hadamard(difference, difference));
        Expr reverse = Expr.subtract(y, x);
        Placement plan = Placement.of(List.of(new Placement.Root(value, null),
                new Placement.Root(reverse, out("gradY", y.shape()))));
        assertSame(Expr.negate(difference), plan.roots().get(1).expr());
        assertEquals(Kind.ARRAY, plan.kind(difference));
        // Used once, the reverse is computed where it is: no rewrite.
        Placement once = Placement.of(List.of(new Placement.Root(Expr.sum(square(difference)), null),
                new Placement.Root(reverse, out("gradY", y.shape()))));
        assertSame(reverse, once.roots().get(1).expr());
    }

    @Test
    void theValuesNodesAreTheForwardSweepAndTheRestTheBackward() {
        Expr product = Expr.product(w, x);
        Expr value = Expr.sum(Expr.apply(Fn.TANH, product));
        Expr gradient = Expr.hadamard(Expr.apply(Fn.STEP, product), y);
        Placement plan = Placement.of(List.of(new Placement.Root(value, null),
                new Placement.Root(gradient, out("gradY", y.shape()))));
        assertTrue(plan.forward(product));
        assertFalse(plan.backward(product));
        assertTrue(plan.backward(gradient));
    }
}

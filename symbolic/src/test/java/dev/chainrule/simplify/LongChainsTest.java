package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules that gather a whole chain (like terms of a sum, scalar factors of a product) apply at the
 * chain's top only, so long chains simplify in time linear in their length rather than quadratic:
 * before, 1,000 nested sines took ten seconds to differentiate and 10,000 did not finish. The
 * timeouts are hang guards, far above the time the work takes, not speed targets.
 */
class LongChainsTest {
    private static final Duration HANG = Duration.ofSeconds(60);

    @Test
    void theDerivativeOfTenThousandNestedSinesIsTheProductOfTheirCosines() {
        Expr.Variable x = (Expr.Variable) Expr.variable("x", Shape.SCALAR);
        Expr f = x;
        for (int i = 0; i < 10_000; i++) {
            f = Expr.apply(Fn.SIN, f);
        }
        Expr chain = f;
        Expr derivative = assertTimeoutPreemptively(HANG, () -> Derivatives.gradient(chain, x));

        long cosines = Traversal.postOrder(derivative).stream()
                .filter(e -> e instanceof Expr.Apply a && a.fn() == Fn.COS).count();
        assertEquals(10_000, cosines);
    }

    @Test
    void theDerivativeOfNestedSinesHasTheValueOfTheChainRule() {
        Expr.Variable x = (Expr.Variable) Expr.variable("x", Shape.SCALAR);
        Expr f = x;
        for (int i = 0; i < 50; i++) {
            f = Expr.apply(Fn.SIN, f);
        }
        double expected = 1;
        double inner = 0.7;
        for (int i = 0; i < 50; i++) {
            expected *= Math.cos(inner);
            inner = Math.sin(inner);
        }
        Value actual = Interpreter.evaluate(Derivatives.gradient(f, x), Map.of("x", Value.scalar(0.7)));
        assertEquals(expected, actual.asScalar(), 1e-14);
    }

    @Test
    void likeTermsAreCollectedAcrossAChainOfFourThousandTerms() {
        Shape vector = Shape.vector(Dim.of("n"));
        Expr sum = Expr.variable("x0", vector);
        for (int round = 0; round < 2; round++) {
            for (int i = round == 0 ? 1 : 0; i < 2_000; i++) {
                sum = Expr.add(sum, Expr.variable("x" + i, vector));
            }
        }
        Expr terms = sum;
        Expr simplified = assertTimeoutPreemptively(HANG, () -> Simplifier.simplify(terms));

        // Collected: each variable once, and the value twice their sum (the search may factor the 2 out of runs of terms).
        Map<String, Integer> occurrences = new java.util.HashMap<>();
        countVariables(simplified, occurrences);
        assertEquals(2_000, occurrences.size());
        assertTrue(occurrences.values().stream().allMatch(n -> n == 1), "a variable occurs more than once");
        Map<String, Value> point = new java.util.HashMap<>();
        double expected = 0;
        for (int i = 0; i < 2_000; i++) {
            point.put("x" + i, Value.vector(new double[] {i % 7 - 3}));
            expected += 2 * (i % 7 - 3);
        }
        assertEquals(expected, Interpreter.evaluate(simplified, point, Map.of("n", 1)).get(0), 1e-9);
    }

    /** How often each variable occurs in the tree (a walk with a stack: the tree is thousands deep). */
    private static void countVariables(Expr root, Map<String, Integer> occurrences) {
        java.util.ArrayDeque<Expr> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (e instanceof Expr.Variable v) {
                occurrences.merge(v.name(), 1, Integer::sum);
            }
            e.children().forEach(stack::push);
        }
    }
}

package dev.chainrule.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import dev.chainrule.simplify.Simplifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the explain stage shows the simplifier's rewrites. */
class SimplificationStepsTest {
    private final Expr a = Expr.variable("a", Shape.SCALAR);
    private final Expr b = Expr.variable("b", Shape.SCALAR);
    private final Expr c = Expr.variable("c", Shape.SCALAR);
    private final Expr d = Expr.variable("d", Shape.SCALAR);

    private static SimplificationSteps.Rewrite step(String rule, Expr before, Expr after) {
        return new SimplificationSteps.Rewrite(rule, before, after);
    }

    @Test
    void aDetourBackToAnEarlierExpressionIsCutOut() {
        List<SimplificationSteps.Rewrite> proof = List.of(step("one", a, b), step("two", b, c), step("back", c, b),
                step("three", b, d));
        assertEquals(List.of(step("one", a, b), step("three", b, d)), SimplificationSteps.withoutDetours(a, proof));
        assertEquals(List.of(), SimplificationSteps.withoutDetours(a, List.of(step("x", a, b), step("y", b, a))),
                "a loop back to the input leaves nothing");
    }

    @Test
    void theStepsByRuleEndInWhatTheSimplifierReturnsAndNameItsRules() {
        Expr x = Expr.variable("x", Shape.SCALAR);
        Expr e = Expr.add(Expr.scale(Expr.scalar(2), x), Expr.scale(Expr.scalar(3), x));
        List<SimplificationSteps.Rewrite> steps = SimplificationSteps.BY_RULE.explain(e);
        assertSame(Simplifier.simplify(e), steps.get(steps.size() - 1).after());
        assertSame(e, steps.get(0).before());
        for (int i = 1; i < steps.size(); i++) {
            assertSame(steps.get(i - 1).after(), steps.get(i).before(), "each step starts where the last ended");
        }
        assertEquals(true, steps.stream().noneMatch(s -> s.rule().equals("simplified")), "rules by name");
    }
}

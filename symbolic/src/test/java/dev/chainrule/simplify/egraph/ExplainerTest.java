package dev.chainrule.simplify.egraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explanations read off the proof forest: rule steps in order, congruence as steps inside the term. */
class ExplainerTest {
    private static final Shape VECTOR = Shape.vector(Dim.of("n"));
    private final Expr x = Expr.variable("x", VECTOR);
    private final Expr y = Expr.variable("y", VECTOR);
    private final Expr z = Expr.variable("z", VECTOR);

    @Test
    void aChainOfRulesIsExplainedStepByStepInBothDirections() {
        EGraph g = new EGraph();
        int a = g.add(x);
        int b = g.add(y);
        int c = g.add(z);
        g.union(a, b, new Justification.Rule("x to y"));
        g.union(c, b, new Justification.Rule("z to y"));
        g.rebuild();
        List<RewriteStep> steps = g.explain(a, c, 10);
        assertEquals(2, steps.size());
        assertEquals(new RewriteStep("x to y", true, x, y), steps.get(0));
        assertEquals(new RewriteStep("z to y", false, y, z), steps.get(1));
    }

    @Test
    void congruenceIsExplainedByItsOperandsInPlace() {
        EGraph g = new EGraph();
        Expr before = Expr.add(Expr.apply(Fn.SIN, x), Expr.apply(Fn.SIN, y));
        Expr after = Expr.add(Expr.apply(Fn.SIN, z), Expr.apply(Fn.SIN, z));
        int from = g.add(before);
        int to = g.add(after);
        g.union(g.idOf(x), g.idOf(z), new Justification.Rule("x is z"));
        g.union(g.idOf(y), g.idOf(z), new Justification.Rule("y is z"));
        g.rebuild();
        List<RewriteStep> steps = g.explain(from, to, 10);
        assertEquals(2, steps.size());
        assertSame(before, steps.get(0).before());
        assertSame(Expr.add(Expr.apply(Fn.SIN, z), Expr.apply(Fn.SIN, y)), steps.get(0).after());
        assertSame(steps.get(0).after(), steps.get(1).before());
        assertSame(after, steps.get(1).after());
        assertTrue(steps.stream().allMatch(RewriteStep::forward));
    }
}

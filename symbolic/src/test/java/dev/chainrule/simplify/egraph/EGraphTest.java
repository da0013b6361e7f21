package dev.chainrule.simplify.egraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The e-graph's invariants on small terms: hash-consing, congruence after unions, shapes, pruning. */
class EGraphTest {
    private static final Shape VECTOR = Shape.vector(Dim.of("n"));
    private final Expr x = Expr.variable("x", VECTOR);
    private final Expr y = Expr.variable("y", VECTOR);

    @Test
    void aTermAddedTwiceHasOneIdAndEqualSubtermsOneClass() {
        EGraph g = new EGraph();
        Expr sx = Expr.apply(Fn.SIN, x);
        int a = g.add(Expr.add(sx, sx));
        assertEquals(a, g.add(Expr.add(sx, sx)));
        assertEquals(3, g.classCount(), "x, sin(x), and the sum");
        assertEquals(g.idOf(sx), g.idOf(Expr.apply(Fn.SIN, x)));
    }

    @Test
    void aUnionMakesCongruentTermsEqualAfterTheRebuild() {
        EGraph g = new EGraph();
        int sinX = g.add(Expr.apply(Fn.SIN, x));
        int sinY = g.add(Expr.apply(Fn.SIN, y));
        int expSinX = g.add(Expr.apply(Fn.EXP, Expr.apply(Fn.SIN, x)));
        int expSinY = g.add(Expr.apply(Fn.EXP, Expr.apply(Fn.SIN, y)));
        assertNotEquals(g.find(sinX), g.find(sinY));
        assertTrue(g.union(g.idOf(x), g.idOf(y), new Justification.Rule("x = y")));
        g.rebuild();
        assertEquals(g.find(sinX), g.find(sinY));
        assertEquals(g.find(expSinX), g.find(expSinY), "congruence up two levels");
        assertEquals(3, g.classCount());
        assertEquals(g.find(sinX), g.lookup(Operators.of(Expr.apply(Fn.SIN, x)), g.idOf(y)));
    }

    @Test
    void aTermCongruentToAClassGetsAnIdInIt() {
        EGraph g = new EGraph();
        g.add(Expr.apply(Fn.SIN, x));
        g.union(g.idOf(x), g.add(y), new Justification.Rule("x = y"));
        g.rebuild();
        int sinY = g.add(Expr.apply(Fn.SIN, y));
        assertEquals(g.find(g.idOf(Expr.apply(Fn.SIN, x))), g.find(sinY));
        assertEquals(2, g.classCount());
    }

    @Test
    void unitingTwoShapesIsABug() {
        EGraph g = new EGraph();
        int v = g.add(x);
        int s = g.add(Expr.sum(x));
        assertThrows(IllegalStateException.class, () -> g.union(v, s, new Justification.Rule("wrong")));
    }

    @Test
    void aClassKnownConstantKeepsOnlyItsConstant() {
        EGraph g = new EGraph();
        Expr difference = Expr.subtract(x, x);
        int d = g.add(difference);
        int zero = g.add(Expr.zero(VECTOR));
        g.union(d, zero, new Justification.Rule("x - x = 0"));
        g.rebuild();
        EClass c = g.eclass(d);
        assertEquals(1, c.nodes().size());
        assertSame(Expr.zero(VECTOR), c.constant());
    }

    @Test
    void touchedClassesAreReportedOnceAndThenForgotten() {
        EGraph g = new EGraph();
        g.add(Expr.add(x, y));
        assertEquals(3, g.takeTouched().size());
        assertTrue(g.takeTouched().isEmpty());
        g.union(g.idOf(x), g.idOf(y), new Justification.Rule("x = y"));
        g.rebuild();
        assertEquals(List.of(g.find(g.idOf(x))), List.copyOf(g.takeTouched()));
    }
}

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

/** Extraction takes the cheapest member of a class, and among equally cheap ones the least term. */
class ExtractorTest {
    private static final Shape VECTOR = Shape.vector(Dim.of("n"));
    private static final CostModel<Long> SIZE = (node, operands) -> 1 + operands.stream().mapToLong(Long::longValue).sum();
    private final Expr x = Expr.variable("x", VECTOR);
    private final Expr y = Expr.variable("y", VECTOR);

    @Test
    void theCheapestMemberWins() {
        EGraph g = new EGraph();
        Expr big = Expr.negate(Expr.negate(x));
        int a = g.add(big);
        g.union(a, g.add(x), new Justification.Rule("double negation"));
        g.rebuild();
        Extractor<Long> extractor = new Extractor<>(g, SIZE, new TermOrder());
        assertSame(x, extractor.best(a));
        assertEquals(1L, extractor.cost(a));
    }

    @Test
    void tiesGoToTheLeastTermWhicheverWayTheyWereAdded() {
        Expr xy = Expr.add(x, y);
        Expr yx = Expr.add(y, x);
        for (List<Expr> order : List.of(List.of(xy, yx), List.of(yx, xy))) {
            EGraph g = new EGraph();
            int first = g.add(order.get(0));
            g.union(first, g.add(order.get(1)), new Justification.Rule("commute"));
            g.rebuild();
            assertSame(xy, new Extractor<>(g, SIZE, new TermOrder()).best(first));
        }
    }

    @Test
    void theTermOrderPutsSmallerTermsFirstAndIsAntisymmetric() {
        TermOrder order = new TermOrder();
        Expr small = x;
        Expr large = Expr.apply(Fn.COS, x);
        assertTrue(order.compare(small, large) < 0);
        assertTrue(order.compare(large, small) > 0);
        assertEquals(0, order.compare(large, Expr.apply(Fn.COS, x)));
    }

    @Test
    void termsThousandsDeepCompareWithoutRecursion() {
        Expr a = x;
        Expr b = x;
        for (int i = 0; i < 20_000; i++) {
            a = Expr.apply(Fn.SIN, a);
            b = Expr.apply(i == 0 ? Fn.COS : Fn.SIN, b);
        }
        TermOrder order = new TermOrder();
        assertEquals(-Integer.signum(order.compare(b, a)), Integer.signum(order.compare(a, b)));
    }
}

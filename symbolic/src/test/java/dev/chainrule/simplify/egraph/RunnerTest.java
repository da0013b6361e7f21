package dev.chainrule.simplify.egraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The runner saturates, or stops at its limits between iterations, and bans a rewrite that explodes. */
class RunnerTest {
    private static final Shape VECTOR = Shape.vector(Dim.of("n"));
    private static final Runner.Hook NOTHING = graph -> { };
    private final Expr x = Expr.variable("x", VECTOR);

    /** −(−t) = t, wherever the graph has a double negation. */
    private static final Rewrite DOUBLE_NEGATION = new Rewrite() {
        @Override
        public String name() {
            return "double-negation";
        }

        @Override
        public void search(EGraph graph, Consumer<Equation> out) {
            for (EClass c : graph.classes()) {
                for (ENode n : c.nodes()) {
                    if (n.operator() instanceof Expr.Negate) {
                        for (ENode inner : graph.eclass(n.child(0)).nodes()) {
                            if (inner.operator() instanceof Expr.Negate) {
                                Expr t = graph.term(inner.child(0));
                                out.accept(new Equation(Expr.negate(Expr.negate(t)), t));
                            }
                        }
                    }
                }
            }
        }
    };

    /** t = −(−t) for every class: the graph grows without end. */
    private static final Rewrite NEGATE_TWICE = new Rewrite() {
        @Override
        public String name() {
            return "negate-twice";
        }

        @Override
        public void search(EGraph graph, Consumer<Equation> out) {
            for (EClass c : graph.classes()) {
                Expr t = graph.term(c.id());
                out.accept(new Equation(t, Expr.negate(Expr.negate(Expr.scale(Expr.scalar(c.id()), t)))));
            }
        }
    };

    @Test
    void aTermWithNothingLeftToLearnSaturates() {
        EGraph g = new EGraph();
        int root = g.add(Expr.negate(Expr.negate(Expr.negate(Expr.negate(x)))));
        Runner.Report report = new Runner(new Runner.Limits(10, 1_000, Long.MAX_VALUE, 1_000, 2))
                .run(g, List.of(DOUBLE_NEGATION), NOTHING);
        assertEquals(Runner.Stop.SATURATED, report.stop());
        assertEquals(g.find(g.idOf(x)), g.find(root));
    }

    @Test
    void aGrowingGraphStopsAtTheNodeLimit() {
        EGraph g = new EGraph();
        g.add(x);
        Runner.Report report = new Runner(new Runner.Limits(1_000, 200, Long.MAX_VALUE, 10_000, 2))
                .run(g, List.of(NEGATE_TWICE), NOTHING);
        assertEquals(Runner.Stop.NODE_LIMIT, report.stop());
        assertTrue(report.nodes() >= 200);
    }

    @Test
    void aRewriteFindingTooMuchIsBannedWhileTheOthersRun() {
        EGraph g = new EGraph();
        g.add(Expr.negate(Expr.negate(x)));
        for (int i = 0; i < 20; i++) {
            g.add(Expr.scale(Expr.scalar(i), x));
        }
        Runner.Report report = new Runner(new Runner.Limits(3, 100_000, Long.MAX_VALUE, 5, 10))
                .run(g, List.of(NEGATE_TWICE, DOUBLE_NEGATION), NOTHING);
        assertEquals(1, report.applications().get("double-negation"));
        assertTrue(!report.applications().containsKey("negate-twice"), "banned from the first iteration on");
    }
}

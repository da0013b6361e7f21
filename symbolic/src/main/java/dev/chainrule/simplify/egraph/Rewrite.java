package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import java.util.function.Consumer;

/**
 * A rewrite of equality saturation, split as egg splits it: {@link #search} reads the graph and
 * reports every equation the rewrite finds (the searcher and the applier's work, as terms); the
 * {@link Runner} then adds both sides of every equation of the iteration and makes them one
 * class, recording this rewrite's name as the reason.
 */
public interface Rewrite {
    String name();

    /** Reports, for the graph as it is, the equations {@code lhs = rhs} the rewrite finds; must not change the graph. */
    void search(EGraph graph, Consumer<Equation> out);

    /** {@code lhs}, a term equal to a member of some class, equals {@code rhs} by the rewrite. */
    record Equation(Expr lhs, Expr rhs) {}
}

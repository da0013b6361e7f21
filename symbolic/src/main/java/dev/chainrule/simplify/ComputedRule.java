package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import java.util.function.UnaryOperator;

/** A rule too general for one pattern, such as constant folding: a name, its identity, and code. */
record ComputedRule(String name, String identity, UnaryOperator<Expr> step) implements Rule {
    @Override
    public Expr apply(Expr node) {
        return step.apply(node);
    }
}

package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A rule too general for one pattern, such as constant folding: a name, its identity, and code;
 * for a rule that gathers a chain of nodes at once, which nodes are its links (see
 * {@link Rule#chainLink()}).
 */
record ComputedRule(String name, String identity, java.util.function.BiFunction<Expr, Facts, Expr> step,
                    Predicate<Expr> chainLink) implements Rule {
    ComputedRule(String name, String identity, UnaryOperator<Expr> step) {
        this(name, identity, (node, facts) -> step.apply(node), null);
    }

    ComputedRule(String name, String identity, UnaryOperator<Expr> step, Predicate<Expr> chainLink) {
        this(name, identity, (node, facts) -> step.apply(node), chainLink);
    }

    /** A rule that asks what is known of the node. */
    static ComputedRule withFacts(String name, String identity, java.util.function.BiFunction<Expr, Facts, Expr> step) {
        return new ComputedRule(name, identity, step, null);
    }

    @Override
    public Expr apply(Expr node, Facts facts) {
        return step.apply(node, facts);
    }
}

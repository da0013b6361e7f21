package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;

/**
 * One rewrite: a name for the identity it applies, and a step that returns the rewritten node,
 * or null where the rule does not apply. Every rule must preserve the value wherever the node has
 * one (a property test checks it).
 */
public interface Rule {
    String name();

    /** The identity as a person would write it, e.g. {@code (Aᵀ)ᵀ = A}. */
    String identity();

    /** The rewritten node, or null; {@code facts} answers what the node's structure alone may not show. */
    Expr apply(Expr node, Facts facts);

    /** {@link #apply(Expr, Facts)} with what the node's own subgraph shows. */
    default Expr apply(Expr node) {
        return apply(node, new StructuralFacts());
    }

    /**
     * For a rule that rewrites a whole chain of nodes at once (all the terms of a sum, all the
     * scalar factors of a product): which nodes are links of such a chain; null for other rules.
     * The greedy rewriter skips the rule at a link whose every parent is a link too, since the rule's
     * application at the top of the chain gathers it anyway: without that, a chain of d links would
     * be gathered d times over, d² work (a gradient summing a thousand layers' terms).
     */
    default java.util.function.Predicate<Expr> chainLink() {
        return null;
    }
}

package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;

/**
 * One rewrite: a name for the identity it applies, and a step that returns the rewritten node,
 * or null where the rule does not apply. Every rule must preserve the value (a property test
 * checks it) and must not make the expression larger, so that rewriting ends.
 */
public interface Rule {
    String name();

    /** The identity as a person would write it, e.g. {@code (Aᵀ)ᵀ = A}. */
    String identity();

    Expr apply(Expr node);

    /**
     * For a rule that rewrites a whole chain of nodes at once (all the terms of a sum, all the
     * scalar factors of a product): which nodes are links of such a chain; null for other rules.
     * The simplifier skips the rule at a link whose every parent is a link too, since the rule's
     * application at the top of the chain gathers it anyway: without that, a chain of d links would
     * be gathered d times over, d² work (a gradient summing a thousand layers' terms).
     */
    default java.util.function.Predicate<Expr> chainLink() {
        return null;
    }
}

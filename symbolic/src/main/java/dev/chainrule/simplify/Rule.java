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
}

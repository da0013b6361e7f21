package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;

/**
 * What a rule may ask about a node beyond its structure. The greedy rewriter answers from the node's
 * own subgraph ({@link StructuralFacts}); the search answers from everything it knows equal to the
 * node (its e-class), which can know more: {@code (XᵀX)⁻¹} is symmetric whichever way it is written.
 */
public interface Facts {
    /** Whether a square matrix is known to equal its transpose. */
    boolean isSymmetric(Expr e);
}

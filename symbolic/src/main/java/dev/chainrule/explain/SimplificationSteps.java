package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.Simplifier;
import java.util.List;

/**
 * How a derivation sees the simplifier: the rewrites that take an expression to its simplified
 * form, each named by the rule that fired (the names of docs/rules.md). The one place where the
 * explain stage meets the simplifier, so that a simplifier which can explain itself (an e-graph's
 * explanations, a rewrite at a time) is wired in here and nowhere else.
 */
@FunctionalInterface
public interface SimplificationSteps {

    /**
     * One rewrite: {@code before} became {@code after} by {@code rule}. Both are the whole
     * expression, so that every step can be read (and checked) on its own.
     */
    record Rewrite(String rule, Expr before, Expr after) {}

    /**
     * The rewrites from {@code input} to its simplified form, in order, each {@code before} the
     * previous {@code after}; none if {@code input} is simplified already. The last {@code after}
     * is what the simplifier returns for {@code input}.
     */
    List<Rewrite> explain(Expr input);

    /**
     * Until the simplifier explains its rewrites: one step, named "simplified", from the input to
     * {@link Simplifier#simplify} of it.
     */
    SimplificationSteps WHOLE = input -> {
        Expr result = Simplifier.simplify(input);
        return result == input ? List.of() : List.of(new Rewrite("simplified", input, result));
    };
}

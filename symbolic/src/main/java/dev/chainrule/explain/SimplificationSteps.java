package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.Explanation;
import dev.chainrule.simplify.Simplifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * One step, named "simplified", from the input to {@link Simplifier#simplify} of it: for a
     * derivation that shows no rewrites.
     */
    SimplificationSteps WHOLE = input -> {
        Expr result = Simplifier.simplify(input);
        return result == input ? List.of() : List.of(new Rewrite("simplified", input, result));
    };

    /**
     * More rewrites than this are shown as one step that counts them by rule: each step prints the
     * whole expression, so a large function's hundreds of rewrites would make the output grow with
     * the square of its size.
     */
    int MOST_REWRITES_SHOWN = 40;

    /**
     * The simplifier's own explanation ({@link Simplifier#explain}): each rewrite named by its rule
     * as docs/rules.md lists it, "(right to left)" where the search used a rule backwards; beyond
     * {@link #MOST_REWRITES_SHOWN} rewrites, one step counting them by rule.
     */
    SimplificationSteps BY_RULE = input -> {
        Explanation explanation;
        try {
            explanation = Simplifier.explain(input);
        } catch (IllegalStateException tooLongToExplain) {
            return WHOLE.explain(input);
        }
        List<Explanation.Step> steps = explanation.steps();
        if (steps.size() > MOST_REWRITES_SHOWN) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            steps.forEach(step -> counts.merge(step.rule(), 1, Integer::sum));
            List<String> byRule = new ArrayList<>();
            counts.forEach((rule, count) -> byRule.add(count == 1 ? rule : rule + " ×" + count));
            return List.of(new Rewrite(steps.size() + " rewrites: " + String.join(", ", byRule), input,
                    explanation.result()));
        }
        return withoutDetours(input, steps.stream()
                .map(step -> new Rewrite(step.forward() ? step.rule() : step.rule() + " (right to left)",
                        step.before(), step.after()))
                .toList());
    };

    /**
     * The rewrites with every detour cut out: where a rewrite returns to an expression met before
     * (the search's proof may go round, a product regrouped and back), the steps between are left
     * out, since a reader gains nothing from a loop. Expressions are interned, so equal is identical.
     */
    static List<Rewrite> withoutDetours(Expr input, List<Rewrite> rewrites) {
        List<Rewrite> kept = new ArrayList<>();
        Map<Expr, Integer> stateAt = new java.util.IdentityHashMap<>();
        stateAt.put(input, 0);
        for (Rewrite r : rewrites) {
            Integer back = stateAt.get(r.after());
            if (back == null) {
                kept.add(r);
                stateAt.put(r.after(), kept.size());
                continue;
            }
            while (kept.size() > back) {
                stateAt.remove(kept.remove(kept.size() - 1).after());
            }
        }
        return kept;
    }
}

package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import java.util.List;
import java.util.Locale;

/**
 * One line of a derivation: {@code label = form = form …}, what it does ({@link Kind}), and the rule
 * that justifies it. The label is a variable that later steps use to refer to this one:
 * {@code u1} for an intermediate variable, {@code ∂u1/∂w} for a local derivative, {@code df/du1}
 * for a total derivative, so that no step writes out an earlier one again. Each form is an
 * expression over the function's variables and earlier labels, the last one the step's value;
 * earlier forms show how it is formed, as in {@code df/dw = df/du1 (∂u1/∂w)ᵀ = x df/du1}.
 *
 * @param rule    the rule's name ({@link LocalRules}, the chain rules, the simplifier's rules), or null
 * @param section the section of Parr and Howard's paper (arXiv 1802.01528v3) that states the rule,
 *                as {@code "4.5.3"}, or null where it has none
 */
public record Step(Kind kind, String rule, String section, Expr.Variable label, List<Expr> forms) {

    /** What a step does, in the order a derivation does it. */
    public enum Kind {
        /** Names an intermediate variable: {@code u2 = u1 + b}. */
        DEFINE,
        /** The derivative of one step with respect to one operand, by a named rule: {@code ∂u1/∂w = xᵀ}. */
        LOCAL,
        /** A total derivative, by a chain rule, from local derivatives and earlier totals. */
        CHAIN,
        /** The result with every label replaced by its value. */
        SUBSTITUTE,
        /** One rewrite of the simplifier, by the rule's name. */
        SIMPLIFY,
        /** The derivative as chainrule's grad, jacobian or hessian command prints it. */
        RESULT;

        /** Its name in JSON: {@code define}, {@code local}, …. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Step {
        forms = List.copyOf(forms);
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("a step has at least one form");
        }
    }

    /** The step's value: its last form. */
    public Expr value() {
        return forms.get(forms.size() - 1);
    }

    /** The shape of what the step defines or derives. */
    public Shape shape() {
        return label.shape();
    }
}

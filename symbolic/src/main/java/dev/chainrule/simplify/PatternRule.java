package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.ShapeMismatchException;
import dev.chainrule.typing.Formula;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A rule written as two expressions in chainrule's syntax, {@code lhs → rhs}, in the manner of
 * the egg library's rewrites. The right-hand side is built by the type checker's builder, so
 * {@code (A + B)*x} becomes a product or a scaling as the bound shapes say.
 */
record PatternRule(String name, String lhs, String rhs, Pattern pattern, Formula replacement,
                   Condition guard) implements Rule {

    /** A side condition on the node the left-hand side matched, and what is known of it. */
    @FunctionalInterface
    interface Condition {
        boolean test(Expr node, Map<String, Expr> bindings, Facts facts);
    }

    static PatternRule of(String name, String lhs, String rhs) {
        return new PatternRule(name, lhs, rhs, new Pattern(lhs), Formula.of(rhs), (node, bindings, facts) -> true);
    }

    /** The same rule, applied only to nodes that also satisfy {@code condition}. */
    PatternRule where(Predicate<Expr> condition) {
        return new PatternRule(name, lhs, rhs, pattern, replacement, (node, bindings, facts) -> condition.test(node));
    }

    /** The same rule, applied only where {@code condition} holds of the node, the bindings and the facts. */
    PatternRule where(Condition condition) {
        return new PatternRule(name, lhs, rhs, pattern, replacement, condition);
    }

    @Override
    public String identity() {
        return lhs + " → " + rhs;
    }

    @Override
    public Expr apply(Expr node, Facts facts) {
        Map<String, Expr> bindings = pattern.match(node);
        if (bindings == null || !guard.test(node, bindings, facts)) {
            return null;
        }
        if (node.shape().isSquareMatrix() && !bindings.containsKey("eye")) {
            // eye on the right stands for the identity of the node's size (A*inv(A) → eye).
            bindings = new java.util.HashMap<>(bindings);
            bindings.put("eye", Expr.identity(node.shape().rows()));
        }
        Expr result;
        try {
            result = replacement.instantiate(bindings);
        } catch (ShapeMismatchException e) {
            return null;
        }
        // A number on the right (x - x → 0) stands for that constant at the node's shape. Nothing
        // else is spread: a scalar result for a non-scalar node means the rule does not apply.
        if (result instanceof Expr.Constant c && c.shape().isScalar() && !node.shape().isScalar()) {
            result = Expr.constant(c.value(), node.shape());
        }
        return result.shape().equals(node.shape()) ? result : null;
    }
}

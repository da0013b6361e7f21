package dev.chainrule.typing;

import dev.chainrule.graph.Expr;
import java.util.Map;

/**
 * A shape-checked expression and its inputs, declared or inferred by the naming convention, in
 * order of first use.
 */
public record TypedExpression(Expr expr, Map<String, Expr.Variable> variables) {
    public TypedExpression {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }
}

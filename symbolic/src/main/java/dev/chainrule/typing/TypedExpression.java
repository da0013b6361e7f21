package dev.chainrule.typing;

import dev.chainrule.graph.Expr;
import java.util.Map;

/**
 * A shape-checked expression and its inputs, declared or inferred by the naming convention, in
 * order of first use; and the names its {@code where} clause gives subexpressions, in order, so
 * that printers can write them by those names.
 */
public record TypedExpression(Expr expr, Map<String, Expr.Variable> variables, Map<String, Expr> definitions) {
    public TypedExpression {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        definitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(definitions));
    }

    public TypedExpression(Expr expr, Map<String, Expr.Variable> variables) {
        this(expr, variables, Map.of());
    }

    /** The definitions by node, as {@link dev.chainrule.print.Printer#printCompact} takes names. */
    public Map<Expr, String> names() {
        Map<Expr, String> names = new java.util.IdentityHashMap<>();
        definitions.forEach((name, value) -> names.putIfAbsent(value, name));
        return names;
    }
}

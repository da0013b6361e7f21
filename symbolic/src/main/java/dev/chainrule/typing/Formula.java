package dev.chainrule.typing;

import dev.chainrule.graph.Expr;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcSyntax;
import java.util.Map;

/**
 * An expression in chainrule's syntax over named placeholders, such as {@code g .* (1 - y .^ 2)},
 * instantiated by binding the names to graph nodes. This is how rules are written as data: the
 * derivative and rewrite tables are lists of formulas, and the type checker's builder gives each
 * operator its meaning at the bound shapes (scalar expansion included).
 */
public record Formula(String text, Ast ast) {

    public static Formula of(String text) {
        return new Formula(text, CalcSyntax.parseExpression(text));
    }

    /** Builds the formula's graph; every name in it must be bound. */
    public Expr instantiate(Map<String, Expr> bindings) {
        return new ExprBuilder(name -> {
            Expr bound = bindings.get(name.id());
            if (bound == null) {
                throw new IllegalStateException("'" + name.id() + "' is not bound in the formula " + text);
            }
            return bound;
        }, null).build(ast);
    }

    @Override
    public String toString() {
        return text;
    }
}

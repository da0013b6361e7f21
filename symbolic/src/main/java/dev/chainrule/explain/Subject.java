package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.typing.TypedExpression;
import dev.chainrule.typing.TypedFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function to explain: its name, its body as the user wrote it (not simplified, so that the
 * intermediate variables are the user's steps), and the names the user gave parts of it (a
 * {@code .calc} file's local definitions, an expression's {@code where}), which the derivation
 * calls those parts by.
 */
public record Subject(String name, Expr f, Map<String, Expr> definitions) {
    /** What an expression on the command line or the page is called. */
    public static final String EXPRESSION_NAME = "f";

    public Subject {
        definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    }

    /** An expression, called {@code f}, with its {@code where} names. */
    public static Subject of(TypedExpression typed) {
        return new Subject(EXPRESSION_NAME, typed.expr(), typed.definitions());
    }

    /** A function of a {@code .calc} file, with its local definitions. */
    public static Subject of(TypedFunction function) {
        return new Subject(function.name(), function.body(), function.locals());
    }
}

package dev.chainrule.typing;

import dev.chainrule.graph.Expr;
import dev.chainrule.syntax.CalcFile;
import dev.chainrule.syntax.Span;
import java.util.List;
import java.util.Map;

/**
 * A shape-checked function: its name and where it was declared, its parameters as graph variables,
 * its body (local definitions inlined as shared nodes), the derivatives it asks for, and the names
 * of its local definitions, so that generated code can call their values what the user called them.
 *
 * <p>A {@code .calc} file's functions come from {@link TypeChecker#file}; a function made from one
 * expression (the annotation processor's, {@code chainrule eval --engine compiled}'s) is built
 * directly, with no text behind it.
 *
 * @param span where the function is declared, for messages and the generated Javadoc
 */
public record TypedFunction(String name, Span span, List<Expr.Variable> params, Expr body,
                            List<Request> requests, Map<String, Expr> locals) {

    /** A requested derivative with respect to some of the parameters. */
    public record Request(CalcFile.DerivativeRequest.Kind kind, List<Expr.Variable> wrt) {
        public Request {
            wrt = List.copyOf(wrt);
        }
    }

    public TypedFunction {
        params = List.copyOf(params);
        requests = List.copyOf(requests);
        locals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(locals));
    }

    /** A function without local definitions. */
    public TypedFunction(String name, Span span, List<Expr.Variable> params, Expr body, List<Request> requests) {
        this(name, span, params, body, requests, Map.of());
    }
}

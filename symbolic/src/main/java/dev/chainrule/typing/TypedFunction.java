package dev.chainrule.typing;

import dev.chainrule.graph.Expr;
import dev.chainrule.syntax.CalcFile;
import java.util.List;
import java.util.Map;

/**
 * A shape-checked function of a {@code .calc} file: its parameters as graph variables, its body
 * (local definitions inlined as shared nodes), the derivatives it asks for, and the names of its
 * local definitions, so that generated code can call their values what the user called them.
 */
public record TypedFunction(CalcFile.FunctionDecl decl, List<Expr.Variable> params, Expr body,
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
    public TypedFunction(CalcFile.FunctionDecl decl, List<Expr.Variable> params, Expr body, List<Request> requests) {
        this(decl, params, body, requests, Map.of());
    }

    public String name() {
        return decl.name();
    }
}

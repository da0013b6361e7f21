package dev.chainrule.typing;

import dev.chainrule.graph.Expr;
import dev.chainrule.syntax.CalcFile;
import java.util.List;

/**
 * A shape-checked function of a {@code .calc} file: its parameters as graph variables, its body
 * (local definitions inlined as shared nodes) and the derivatives it asks for.
 */
public record TypedFunction(CalcFile.FunctionDecl decl, List<Expr.Variable> params, Expr body,
                            List<Request> requests) {

    /** A requested derivative with respect to some of the parameters. */
    public record Request(CalcFile.DerivativeRequest.Kind kind, List<Expr.Variable> wrt) {
        public Request {
            wrt = List.copyOf(wrt);
        }
    }

    public TypedFunction {
        params = List.copyOf(params);
        requests = List.copyOf(requests);
    }

    public String name() {
        return decl.name();
    }
}

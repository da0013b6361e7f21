package dev.chainrule.syntax;

import java.util.List;

/**
 * A parsed {@code .calc} file: an optional package and the functions it declares.
 *
 * @param packageSpans where each dot-separated part of the package name is written; empty for none
 */
public record CalcFile(Source source, String packageName, List<Span> packageSpans, List<FunctionDecl> functions) {
    public CalcFile {
        functions = List.copyOf(functions);
        packageName = packageName == null ? "" : packageName;
        packageSpans = List.copyOf(packageSpans);
    }

    /**
     * {@code function name(params) = locals... body requests... ;}
     *
     * @param locals definitions such as {@code z = w . x + b;}, in order, each visible to the next
     */
    public record FunctionDecl(String name, List<Param> params, List<LocalDef> locals, Ast body,
                               List<DerivativeRequest> requests, Span span) {
        public FunctionDecl {
            params = List.copyOf(params);
            locals = List.copyOf(locals);
            requests = List.copyOf(requests);
        }
    }

    public record Param(String name, TypeSpec type, Span span) {}

    public record LocalDef(String name, Ast value, Span span) {}

    /** {@code gradient wrt w, b}, {@code jacobian wrt x}, {@code hessian wrt x} or {@code hvp wrt x}. */
    public record DerivativeRequest(Kind kind, List<Ast.Name> wrt, Span span) {
        public enum Kind {
            GRADIENT, JACOBIAN, HESSIAN,
            /** The Hessian-vector product H v, for a direction v given at run time. */
            HVP
        }

        public DerivativeRequest {
            wrt = List.copyOf(wrt);
        }
    }
}

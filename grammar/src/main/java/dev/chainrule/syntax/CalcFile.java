package dev.chainrule.syntax;

import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code .calc} file: an optional package, an optional precision and the functions it declares.
 *
 * @param packageSpans where each dot-separated part of the package name is written; empty for none
 * @param precision    the precision the file declares ({@code precision float;}); empty where it
 *                     declares none, and a tool's option or {@code double} decides
 */
public record CalcFile(Source source, String packageName, List<Span> packageSpans, Optional<Precision> precision,
                       List<FunctionDecl> functions) {
    public CalcFile {
        functions = List.copyOf(functions);
        packageName = packageName == null ? "" : packageName;
        packageSpans = List.copyOf(packageSpans);
        precision = precision == null ? Optional.empty() : precision;
    }

    /** A file that declares no precision. */
    public CalcFile(Source source, String packageName, List<Span> packageSpans, List<FunctionDecl> functions) {
        this(source, packageName, packageSpans, Optional.empty(), functions);
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

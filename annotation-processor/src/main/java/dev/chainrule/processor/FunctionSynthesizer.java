package dev.chainrule.processor;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.Span;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * From a {@code @Differentiable}'s attributes to the shape-checked function a {@code .calc} file
 * would declare, so that the code generator can take it as it takes a file's: the expression is the
 * body, the variables its parameters (declared ones first, in order, then undeclared ones by first
 * use, with the shapes the naming convention and the expression give them), and {@code wrt},
 * {@code hessianWrt} and {@code jacobianWrt} its derivative requests. Free of javac, for tests.
 */
final class FunctionSynthesizer {
    private FunctionSynthesizer() {}

    /** The annotation's attributes, and where the function comes from, for the generated Javadoc. */
    record Input(String packageName, String functionName, String sourceName, int line, String expr,
                 List<String> vars, List<String> wrt, List<String> hessianWrt, List<String> jacobianWrt) {
        Input {
            vars = List.copyOf(vars);
            wrt = List.copyOf(wrt);
            hessianWrt = List.copyOf(hessianWrt);
            jacobianWrt = List.copyOf(jacobianWrt);
        }
    }

    /** The attributes a problem can be about. */
    enum Attribute {
        EXPR("expr"), VARS("vars"), WRT("wrt"), HESSIAN_WRT("hessianWrt"), JACOBIAN_WRT("jacobianWrt");

        final String javaName;

        Attribute(String javaName) {
            this.javaName = javaName;
        }
    }

    /**
     * One error, on an attribute or (index at least 0) one element of an array attribute, with its
     * message ready to print: what is wrong, where in the attribute, and a caret under it.
     */
    record Problem(Attribute attribute, int index, String message) {}

    /** One of the derivative attributes and what it asks for. */
    private record Requested(Attribute attribute, DerivativeRequest.Kind kind, List<String> names) {}

    /** The annotation's attributes do not make a function; every problem found is listed. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        Invalid(List<Problem> problems) {
            super(problems.isEmpty() ? "invalid" : problems.get(0).message(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<Problem> problems() {
            return problems;
        }
    }

    static TypedFile synthesize(Input input) throws Invalid {
        List<Problem> problems = new ArrayList<>();
        Map<String, Shape> declared = declarations(input.vars(), problems);
        Source exprSource = new Source(Attribute.EXPR.javaName, input.expr());
        Ast body = null;
        TypedExpression typed = null;
        try {
            body = CalcSyntax.parseExpression(exprSource);
            if (problems.isEmpty()) {
                typed = TypeChecker.expression(exprSource, body, declared, null);
            }
        } catch (CalcException e) {
            for (Diagnostic d : e.diagnostics()) {
                problems.add(new Problem(Attribute.EXPR, -1, describe(d, Attribute.EXPR.javaName)));
            }
        }
        if (typed == null) {
            throw new Invalid(problems);
        }
        Map<String, Expr.Variable> used = typed.variables();

        // The parameters: every declared variable, in order, then the undeclared ones by first use.
        Map<String, Expr.Variable> params = new LinkedHashMap<>();
        declared.forEach((name, shape) -> params.put(name,
                used.getOrDefault(name, (Expr.Variable) Expr.variable(name, shape))));
        used.forEach(params::putIfAbsent);
        Set<String> dimensions = new HashSet<>();
        params.values().forEach(v -> dimensions.addAll(symbols(v.shape())));

        Shape result = typed.expr().shape();
        List<TypedFunction.Request> typedRequests = new ArrayList<>();
        Span whole = new Span(1, 1, Math.max(1, input.expr().lines().findFirst().orElse("").length()));
        List<Requested> kinds = List.of(
                new Requested(Attribute.WRT, DerivativeRequest.Kind.GRADIENT, input.wrt()),
                new Requested(Attribute.HESSIAN_WRT, DerivativeRequest.Kind.HESSIAN, input.hessianWrt()),
                new Requested(Attribute.JACOBIAN_WRT, DerivativeRequest.Kind.JACOBIAN, input.jacobianWrt()));
        for (Requested kind : kinds) {
            Attribute attribute = kind.attribute();
            DerivativeRequest.Kind requestKind = kind.kind();
            List<String> names = kind.names();
            if (names.isEmpty()) {
                continue;
            }
            String needs = requestKind == DerivativeRequest.Kind.JACOBIAN ? "a scalar or a vector" : "a scalar";
            boolean resultOk = requestKind == DerivativeRequest.Kind.JACOBIAN
                    ? result.isScalar() || result.isVector() : result.isScalar();
            if (!resultOk) {
                String what = requestKind == DerivativeRequest.Kind.GRADIENT ? "a gradient (wrt)"
                        : requestKind == DerivativeRequest.Kind.HESSIAN ? "a Hessian (hessianWrt)" : "a Jacobian (jacobianWrt)";
                String hint = requestKind == DerivativeRequest.Kind.JACOBIAN ? "" : result.isVector()
                        ? ": use jacobianWrt for the derivative of a vector function" : "";
                problems.add(new Problem(Attribute.EXPR, -1, describe(new Diagnostic(exprSource, whole,
                        "the expression is " + result + ", but " + what + " needs " + needs + hint),
                        Attribute.EXPR.javaName)));
            }
            List<Expr.Variable> wrt = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip();
                Expr.Variable variable = params.get(name);
                String label = attribute.javaName + "[" + i + "]";
                if (!seen.add(name)) {
                    problems.add(new Problem(attribute, i, label + ": '" + name + "' is listed twice"));
                } else if (variable == null) {
                    problems.add(new Problem(attribute, i, label + ": cannot differentiate with respect to '" + name
                            + "': " + (dimensions.contains(name) ? "it is a dimension, not a variable"
                            : "it is not a variable of the expression" + (params.isEmpty() ? ""
                            : " (its variables: " + String.join(", ", params.keySet()) + ")"))));
                } else if (requestKind != DerivativeRequest.Kind.GRADIENT && variable.shape().isMatrix()) {
                    problems.add(new Problem(attribute, i, label + ": " + (requestKind == DerivativeRequest.Kind.HESSIAN
                            ? "a Hessian" : "a Jacobian") + " is taken with respect to a scalar or a vector, but "
                            + name + " is " + variable.shape()));
                } else {
                    wrt.add(variable);
                }
            }
            typedRequests.add(new TypedFunction.Request(requestKind, wrt));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }

        Span at = new Span(Math.max(1, input.line()), 1, 1);
        TypedFunction function = new TypedFunction(input.functionName(), at, List.copyOf(params.values()),
                typed.expr(), typedRequests);
        return new TypedFile(new Source(input.sourceName(), input.expr()), input.packageName(), List.of(function));
    }

    /** Parses {@code vars}: {@code "name: type"} each, names unique and distinct from the dimensions. */
    private static Map<String, Shape> declarations(List<String> vars, List<Problem> problems) {
        Map<String, Shape> declared = new LinkedHashMap<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < vars.size(); i++) {
            String entry = vars.get(i);
            String label = Attribute.VARS.javaName + "[" + i + "]";
            int colon = entry.indexOf(':');
            if (colon < 0) {
                problems.add(new Problem(Attribute.VARS, i, label + ": expected a declaration such as "
                        + "\"x: vector[n]\", found \"" + entry + "\""));
                continue;
            }
            String name = entry.substring(0, colon).strip();
            if (!CalcSyntax.isName(name)) {
                problems.add(new Problem(Attribute.VARS, i, describe(new Diagnostic(new Source(label, entry),
                        new Span(1, 1, Math.max(1, colon)), "expected a variable name before ':', found \""
                        + name + "\""), label)));
                continue;
            }
            Shape shape;
            try {
                shape = TypeChecker.shapeOf(CalcSyntax.parseDeclaration(new Source(label, entry)).type());
            } catch (CalcException e) {
                for (Diagnostic d : e.diagnostics()) {
                    problems.add(new Problem(Attribute.VARS, i, describe(d, label)));
                }
                continue;
            }
            Integer first = index.putIfAbsent(name, i);
            if (first != null) {
                problems.add(new Problem(Attribute.VARS, i, label + ": '" + name + "' is declared twice (first in vars["
                        + first + "])"));
                continue;
            }
            declared.put(name, shape);
        }
        Set<String> dims = new LinkedHashSet<>();
        declared.values().forEach(shape -> dims.addAll(symbols(shape)));
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            if (dims.contains(e.getKey()) && declared.containsKey(e.getKey())) {
                problems.add(new Problem(Attribute.VARS, e.getValue(), Attribute.VARS.javaName + "[" + e.getValue()
                        + "]: '" + e.getKey() + "' is both a variable and a dimension; rename one of them"));
            }
        }
        return declared;
    }

    private static Set<String> symbols(Shape shape) {
        Set<String> names = new LinkedHashSet<>();
        for (Dim d : List.of(shape.rows(), shape.cols())) {
            if (d instanceof Dim.Symbol s) {
                names.add(s.name());
            }
        }
        return names;
    }

    /**
     * A diagnostic as the processor prints it: the message, where in the attribute (the column, and
     * the line when the text has several), then the text with a caret under the place.
     */
    static String describe(Diagnostic d, String attribute) {
        boolean multiline = d.source().text().lines().count() > 1;
        String where = (multiline ? "line " + d.span().line() + ", column " : "column ") + d.span().column();
        String rendered = d.render();
        int firstBreak = rendered.indexOf('\n');
        String excerpt = firstBreak < 0 ? "" : rendered.substring(firstBreak);
        return d.message() + " (" + attribute + ", " + where + ")" + excerpt;
    }
}

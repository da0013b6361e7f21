package dev.chainrule.typing;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcFile;
import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.Span;
import dev.chainrule.syntax.TypeSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * From AST to shape-checked expression graph: infers every node's shape, unifying dimensions
 * across the expression, then builds the graph. Bad input raises a {@link CalcException} whose
 * diagnostics name the shapes involved.
 */
public final class TypeChecker {
    private TypeChecker() {}

    /** The shape a declaration such as {@code matrix[m, 3]} stands for. */
    public static Shape shapeOf(TypeSpec type) {
        return switch (type.kind()) {
            case SCALAR -> Shape.SCALAR;
            case VECTOR -> Shape.vector(dim(type.dims().get(0)));
            case MATRIX -> Shape.matrix(dim(type.dims().get(0)), dim(type.dims().get(1)));
            case SYMMETRIC -> Shape.matrix(dim(type.dims().get(0)), dim(type.dims().get(0)));
        };
    }

    /** The variable a declaration such as {@code S: symmetric[n]} makes. */
    public static Expr.Variable variableOf(String name, TypeSpec type) {
        Shape shape = shapeOf(type);
        return (Expr.Variable) (type.kind() == TypeSpec.Kind.SYMMETRIC ? Expr.symmetricVariable(name, shape.rows())
                : Expr.variable(name, shape));
    }

    private static Dim dim(TypeSpec.DimSpec spec) {
        return spec.isFixed() ? Dim.of(spec.size()) : Dim.of(spec.symbol());
    }

    /** Parses and checks an expression; names not in {@code declared} follow the naming convention. */
    public static TypedExpression expression(String text, Map<String, Shape> declared) {
        Source source = Source.ofExpression(text);
        return expression(source, CalcSyntax.parseExpression(source), declared, null);
    }

    /**
     * Checks an expression.
     *
     * @param declared names with known shapes; their symbolic dimensions are rigid and may be used
     *                 as scalar values
     * @param expected the shape the whole expression must have, or null
     */
    public static TypedExpression expression(Source source, Ast ast, Map<String, Shape> declared, Shape expected) {
        return expression(source, ast, declared, Set.of(), expected);
    }

    /**
     * Checks an expression in which some declared matrices are symmetric.
     *
     * @param symmetric the declared names that are {@code symmetric[n]}
     */
    public static TypedExpression expression(Source source, Ast ast, Map<String, Shape> declared, Set<String> symmetric,
                                             Shape expected) {
        return expression(source, ast, declared, symmetric, expected,
                (name, type) -> "declare it as " + name + ": " + type);
    }

    /**
     * As {@link #expression(Source, Ast, Map, Set, Shape)}, saying how a user declares a name's shape
     * where a shape error comes from an undeclared name's first letter.
     *
     * @param howToDeclare the advice for a name and its type, as in {@code declare it with --var N:scalar}
     */
    public static TypedExpression expression(Source source, Ast ast, Map<String, Shape> declared, Set<String> symmetric,
                                             Shape expected, java.util.function.BiFunction<String, String, String> howToDeclare) {
        try {
            Map<String, Shape> scope = new HashMap<>(declared);
            Set<String> dims = dimensionSymbols(declared.values());
            Set<String> namesInUse = namesIn(ast, declared.keySet());
            ShapeInference inference = new ShapeInference(source, scope, dims, namesInUse);
            try {
                inference.infer(ast);
                if (expected != null) {
                    inference.expect(ast, expected);
                }
            } catch (CalcException shapeError) {
                throw ConventionNotes.explain(shapeError, inference.failedAt(), ast, source, declared, dims,
                        namesInUse, inference.undeclared(), expected, howToDeclare);
            }
            Map<String, Expr.Variable> variables = new LinkedHashMap<>();
            Map<String, Shape> all = new LinkedHashMap<>(declared);
            all.putAll(inference.undeclared());
            ExprBuilder builder = new ExprBuilder(
                    name -> resolveName(name, all, symmetric, dims, variables, inference), inference::shapeOf);
            Expr expr = builder.build(ast);
            return new TypedExpression(expr, variables, builder.definitions());
        } catch (StackOverflowError tooDeep) {
            throw CalcException.at(source, Span.UNKNOWN,
                    "expression nested too deeply to check (run with a larger stack, -Xss, for more)");
        }
    }

    private static Expr resolveName(Ast.Name name, Map<String, Shape> shapes, Set<String> symmetric, Set<String> dims,
                                    Map<String, Expr.Variable> used, ShapeInference inference) {
        String id = name.id();
        Shape shape = shapes.get(id);
        if (shape != null) {
            return used.computeIfAbsent(id, n -> (Expr.Variable) (symmetric.contains(n)
                    ? Expr.symmetricVariable(n, inference.resolve(shape).rows())
                    : Expr.variable(n, inference.resolve(shape))));
        }
        if (dims.contains(id)) {
            return Expr.size(Dim.of(id));
        }
        // Only the identity is left: names were all given shapes by the inference pass.
        return Expr.identity(inference.shapeOf(name).rows());
    }

    /** Checks every function of a file, reporting the errors of all functions together. */
    public static TypedFile file(CalcFile file) {
        List<TypedFunction> functions = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, CalcFile.FunctionDecl> seen = new HashMap<>();
        for (CalcFile.FunctionDecl decl : file.functions()) {
            CalcFile.FunctionDecl previous = seen.putIfAbsent(decl.name(), decl);
            if (previous != null) {
                diagnostics.add(new Diagnostic(file.source(), decl.span(), "redeclaration of function '"
                        + decl.name() + "' (first declared at " + at(previous.span()) + ")"));
                continue;
            }
            try {
                functions.add(function(file.source(), decl));
            } catch (CalcException e) {
                diagnostics.addAll(e.diagnostics());
            } catch (StackOverflowError tooDeep) {
                diagnostics.add(new Diagnostic(file.source(), decl.span(),
                        "function nested too deeply to check (run with a larger stack, -Xss, for more)"));
            }
        }
        if (!diagnostics.isEmpty()) {
            throw new CalcException(diagnostics);
        }
        return new TypedFile(file.source(), file.packageName(), file.packageSpans(), file.precision(), functions);
    }

    private static TypedFunction function(Source source, CalcFile.FunctionDecl decl) {
        Map<String, Shape> declared = new LinkedHashMap<>();
        Map<String, Span> declaredAt = new HashMap<>();
        for (CalcFile.Param param : decl.params()) {
            Span first = declaredAt.putIfAbsent(param.name(), param.span());
            if (first != null) {
                throw CalcException.at(source, param.span(), "redeclaration of '" + param.name()
                        + "' (first declared at " + at(first) + ")");
            }
            declared.put(param.name(), shapeOf(param.type()));
        }
        Set<String> dims = dimensionSymbols(declared.values());
        for (CalcFile.Param param : decl.params()) {
            if (dims.contains(param.name())) {
                throw CalcException.at(source, param.span(), "'" + param.name()
                        + "' is both a parameter and a dimension; rename one of them");
            }
        }
        Set<String> names = new HashSet<>(declared.keySet());
        decl.locals().forEach(local -> collectNames(local.value(), names));
        collectNames(decl.body(), names);

        Map<String, Shape> scope = new HashMap<>(declared);
        ShapeInference inference = new ShapeInference(source, scope, dims, names);
        List<Expr.Variable> params = new ArrayList<>();
        Map<String, Expr> values = new HashMap<>();
        for (CalcFile.Param param : decl.params()) {
            Expr.Variable variable = variableOf(param.name(), param.type());
            params.add(variable);
            values.put(param.name(), variable);
        }
        ExprBuilder builder = new ExprBuilder(name -> {
            Expr value = values.get(name.id());
            if (value != null) {
                return value;
            }
            return dims.contains(name.id()) ? Expr.size(Dim.of(name.id()))
                    : Expr.identity(inference.shapeOf(name).rows());
        }, inference::shapeOf);

        // Infer everything before building anything: a later use may still fix a dimension of an
        // earlier local definition, as in z = vector(1); sum(z .* x).
        Set<String> defined = new java.util.LinkedHashSet<>(declared.keySet());
        for (CalcFile.LocalDef local : decl.locals()) {
            if (defined.contains(local.name())) {
                Span first = declaredAt.get(local.name());
                throw CalcException.at(source, local.span(), "redeclaration of '" + local.name() + "'"
                        + (first == null ? "" : " (first declared at " + at(first) + ")"));
            }
            rejectUndeclared(source, decl, local.value(), defined, declared, dims);
            defined.add(local.name());
            declaredAt.put(local.name(), local.span());
            inference.declareLocal(local.name(), inference.infer(local.value()));
        }
        rejectUndeclared(source, decl, decl.body(), defined, declared, dims);
        inference.infer(decl.body());
        Map<String, Expr> locals = new LinkedHashMap<>();
        for (CalcFile.LocalDef local : decl.locals()) {
            values.put(local.name(), builder.build(local.value()));
            locals.put(local.name(), values.get(local.name()));
        }
        Expr body = builder.build(decl.body());

        List<TypedFunction.Request> requests = new ArrayList<>();
        for (DerivativeRequest request : decl.requests()) {
            requests.add(request(source, decl, request, params, body));
        }
        return new TypedFunction(decl.name(), decl.span(), params, body, requests, locals);
    }

    /** In a file every name is declared: an unknown one is a typo, not an implicit variable. */
    private static void rejectUndeclared(Source source, CalcFile.FunctionDecl decl, Ast ast, Set<String> known,
                                         Map<String, Shape> declared, Set<String> dims) {
        for (Ast.Name name : names(ast)) {
            if (UnknownNames.isUnknown(name, known, dims)) {
                List<String> candidates = new ArrayList<>(known);
                candidates.addAll(dims);
                throw CalcException.at(source, name.span(),
                        UnknownNames.message(name.id(), candidates, source, decl, declared, dims));
            }
        }
    }

    private static TypedFunction.Request request(Source source, CalcFile.FunctionDecl decl, DerivativeRequest request,
                                                 List<Expr.Variable> params, Expr body) {
        List<Expr.Variable> wrt = new ArrayList<>();
        for (Ast.Name name : request.wrt()) {
            Expr.Variable param = params.stream().filter(p -> p.name().equals(name.id())).findFirst().orElse(null);
            if (param == null) {
                throw CalcException.at(source, name.span(), "cannot differentiate with respect to '" + name.id()
                        + "': it is not a parameter of " + decl.name());
            }
            wrt.add(param);
        }
        Shape result = body.shape();
        String kind = request.kind().name().toLowerCase(java.util.Locale.ROOT);
        switch (request.kind()) {
            case GRADIENT -> {
                if (!result.isScalar()) {
                    throw CalcException.at(source, request.span(), "gradient needs a scalar function, but "
                            + decl.name() + " is " + result + ": use jacobian");
                }
            }
            case JACOBIAN -> { }
            case HESSIAN, HVP -> {
                if (!result.isScalar()) {
                    throw CalcException.at(source, request.span(), kind + " needs a scalar function, but "
                            + decl.name() + " is " + result);
                }
            }
        }
        return new TypedFunction.Request(request.kind(), wrt);
    }

    private static Set<String> dimensionSymbols(Iterable<Shape> shapes) {
        Set<String> dims = new HashSet<>();
        for (Shape shape : shapes) {
            for (Dim d : List.of(shape.rows(), shape.cols())) {
                if (d instanceof Dim.Symbol symbol) {
                    dims.add(symbol.name());
                }
            }
        }
        return dims;
    }

    private static Set<String> namesIn(Ast ast, Set<String> declared) {
        Set<String> names = new HashSet<>(declared);
        collectNames(ast, names);
        return names;
    }

    private static void collectNames(Ast ast, Set<String> names) {
        names(ast).forEach(name -> names.add(name.id()));
        if (ast instanceof Ast.Where where) {
            where.definitions().forEach(definition -> names.add(definition.name()));
        }
    }

    /** The names in an expression, in the order they are written; without recursion, however deep it nests. */
    private static List<Ast.Name> names(Ast ast) {
        List<Ast.Name> names = new ArrayList<>();
        Deque<Ast> pending = new ArrayDeque<>();
        pending.push(ast);
        while (!pending.isEmpty()) {
            Ast node = pending.pop();
            if (node instanceof Ast.Name name) {
                names.add(name);
            }
            List<Ast> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return names;
    }

    private static String at(Span span) {
        return span.line() + ":" + span.column();
    }
}

package dev.chainrule.serve;

import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.codegen.CompiledFunction;
import dev.chainrule.derive.DerivativeException;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.explain.Derivation;
import dev.chainrule.explain.DerivationPrinter;
import dev.chainrule.explain.Explainer;
import dev.chainrule.explain.Step;
import dev.chainrule.explain.Subject;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.EvaluationException;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's one door into chainrule's library: parse and shape-check ({@link TypeChecker}),
 * derive ({@link Derivatives}), explain ({@link Explainer}), print ({@link Printer}), generate and
 * compile ({@link CodeGenerator}, {@link CompiledFunction}) and interpret ({@link Interpreter}). The rest
 * of the server works on what this class returns, so that a change of those APIs is met here.
 *
 * <p>Thread-safe: the library builds graphs from any thread, and the compiled classes this class
 * caches are called by one thread at a time.
 */
final class Pipeline {
    /** The name of the page's function, in the {@code .calc} text and the generated class. */
    static final String FUNCTION = "f";
    /** The name of the page's {@code .calc} text, in messages and in the generated Javadoc. */
    static final String FILE = "playground.calc";
    /** Larger results are printed with each shared part named once (see {@link Printer#printCompact}). */
    private static final long MAX_PRINTED_NODES = 400;
    /** Compiled classes kept, by {@code .calc} text and dimensions. */
    private static final int COMPILED_KEPT = 16;

    /** An expression typeset for the page, and as Unicode text for copying and for screen readers. */
    record Typeset(String latex, String text) {}

    /** A parameter: its shape as declared, and the dimension (a size or a name) of its rows and columns. */
    record Param(String name, String shape, Array.Kind kind, String rows, String cols) {}

    /**
     * A derivative to show: {@code expr} is the derivative of {@code of} (the function, or a
     * gradient for a block of a Hessian) with respect to {@code by}, which finite differences check.
     *
     * @param inClass whether the generated class computes it
     */
    record Derivative(String id, String kind, List<String> wrt, Typeset label, Typeset value, String shape,
                      String convention, boolean inClass, Expr expr, Expr of, String by) {}

    /**
     * A checked function with its derivatives, its {@code .calc} text and its generated class.
     *
     * @param variables   its parameters as graph variables, for explaining a derivative
     * @param definitions the names the user gave its parts ({@code where}, local definitions)
     */
    record Function(String name, Typeset label, String className, List<Param> params, List<String> dimensions, String resultShape,
                    Array.Kind resultKind, Typeset restated, List<Derivative> derivatives, String calc, String java,
                    String javaProblem, Expr body, TypedFile file, List<Expr.Variable> variables,
                    Map<String, Expr> definitions) {}

    private final Map<String, Map<String, CompiledFunction>> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, CompiledFunction>> eldest) {
            return size() > COMPILED_KEPT;
        }
    };

    // ---- analysis -------------------------------------------------------------------------------

    /** The functions of the input, checked and differentiated; bad input throws {@link Problem.InputError}. */
    List<Function> analyze(Input input, Deadline deadline) {
        return input.mode() == Input.Mode.FILE ? file(input.file(), deadline) : List.of(expression(input, deadline));
    }

    private Function expression(Input input, Deadline deadline) {
        Map<String, Shape> declared = declarations(input.declarations());
        List<Name> names = names(input.wrt());
        String text = input.expression();
        if (text.isBlank()) {
            throw new Problem.InputError(new Problem("expression", 1, 1, 1, "type a function, as in max(0, w . x + b)"));
        }
        TypedExpression typed;
        try {
            typed = TypeChecker.expression(text, declared);
        } catch (CalcException e) {
            throw problems("expression", e);
        }
        deadline.check();
        Expr f = typed.expr();
        Input.Kind kind = input.derivative();
        if (!names.isEmpty()) {
            requireFunctionShape(kind, f.shape(), text);
        }
        List<Expr.Variable> wrt = new ArrayList<>();
        for (Name name : names) {
            Expr.Variable v = typed.variables().get(name.text());
            if (v == null && declared.containsKey(name.text())) {
                v = (Expr.Variable) Expr.variable(name.text(), declared.get(name.text()));
            }
            if (v == null) {
                throw new Problem.InputError(name.problem("cannot differentiate with respect to '" + name.text()
                        + "': it does not appear in the expression" + (typed.variables().isEmpty() ? ""
                        : " (its variables: " + String.join(", ", typed.variables().keySet()) + ")")));
            }
            if (kind != Input.Kind.GRADIENT && !v.shape().isScalar() && !v.shape().isVector()) {
                throw new Problem.InputError(name.problem("the " + kindName(kind) + " is taken with respect to a scalar"
                        + " or a vector, but " + v.name() + " is " + v.shape()));
            }
            wrt.add(v);
        }
        List<Derivative> derivatives;
        try {
            derivatives = derive(FUNCTION, f, kind, wrt, true, deadline);
        } catch (DerivativeException e) {
            throw new Problem.InputError(Problem.whole("expression", text, e.getMessage()));
        }
        List<Expr.Variable> params = new ArrayList<>(typed.variables().values());
        wrt.stream().filter(v -> !params.contains(v)).forEach(params::add);
        String calc = calcText(text, params, kind, wrt);
        deadline.check();
        return function(FUNCTION, f, params, typed.definitions(), derivatives, calc, () -> TypeChecker.file(
                CalcSyntax.parseFile(new Source(FILE, calc))));
    }

    private List<Function> file(String text, Deadline deadline) {
        TypedFile file;
        try {
            file = TypeChecker.file(CalcSyntax.parseFile(new Source(FILE, text)));
        } catch (CalcException e) {
            throw problems("file", e);
        }
        if (file.functions().isEmpty()) {
            throw new Problem.InputError(Problem.whole("file", text, "this file declares no function: write one, as in "
                    + "function f(x: vector[n]) = sum(x .^ 2) gradient wrt x;"));
        }
        List<Function> functions = new ArrayList<>();
        for (TypedFunction function : file.functions()) {
            deadline.check();
            List<Derivative> derivatives = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            try {
                for (TypedFunction.Request request : function.requests()) {
                    if (request.kind() == dev.chainrule.syntax.CalcFile.DerivativeRequest.Kind.HVP) {
                        continue; // H v for a direction given at run time: nothing to typeset
                    }
                    Input.Kind kind = Input.Kind.valueOf(request.kind().name());
                    for (Derivative d : derive(function.name(), function.body(), kind, request.wrt(), false, deadline)) {
                        if (seen.add(d.id())) {
                            derivatives.add(d);
                        }
                    }
                }
            } catch (DerivativeException e) {
                var span = function.span();
                throw new Problem.InputError(new Problem("file", span.line(), span.column(), span.length(),
                        e.getMessage()));
            }
            functions.add(function(function.name(), function.body(), function.params(), function.locals(), derivatives,
                    text, () -> file));
        }
        return functions;
    }

    private interface Checker {
        TypedFile check();
    }

    /** Generates the function's class from its checked {@code .calc} text; a failure there is shown, not thrown. */
    private Function function(String name, Expr body, List<Expr.Variable> params, Map<String, Expr> definitions,
                              List<Derivative> derivatives, String calc, Checker checker) {
        List<Param> shown = new ArrayList<>();
        Set<String> dims = new LinkedHashSet<>();
        for (Expr.Variable p : params) {
            Shape s = p.shape();
            shown.add(new Param(p.name(), s.toString(), kind(s), dim(s.rows()), dim(s.cols())));
            for (Dim d : List.of(s.rows(), s.cols())) {
                if (d instanceof Dim.Symbol symbol) {
                    dims.add(symbol.name());
                }
            }
        }
        TypedFile file = null;
        String java = null;
        String javaProblem = null;
        try {
            file = checker.check();
            TypedFunction function = file.functions().stream().filter(fn -> fn.name().equals(name)).findFirst()
                    .orElseThrow();
            java = CodeGenerator.generate(file, function).toString();
            dims = new LinkedHashSet<>(CodeGenerator.dimensionOrder(function));
        } catch (CalcException e) {
            javaProblem = "the .calc text of this function does not check: " + e.diagnostics().get(0).headline();
            file = null;
        } catch (RuntimeException e) {
            javaProblem = "chainrule could not generate Java for this function: " + e.getMessage();
            file = null;
        }
        Typeset label = new Typeset(Printer.print(Expr.variable(name, Shape.SCALAR), Format.LATEX), name);
        Typeset restated = new Typeset(label.latex() + " = " + Printer.printCompact(body, Format.LATEX, MAX_PRINTED_NODES),
                name + " = " + Printer.printCompact(body, Format.TEXT, MAX_PRINTED_NODES));
        return new Function(name, label, CodeGenerator.className(name), shown, List.copyOf(dims), body.shape().toString(),
                kind(body.shape()), restated, derivatives, calc, java, javaProblem, body, file, List.copyOf(params),
                Collections.unmodifiableMap(new LinkedHashMap<>(definitions)));
    }

    // ---- the steps ------------------------------------------------------------------------------

    /**
     * How one derivative of a function is derived, step by step: what {@code chainrule explain}
     * prints, ending in the derivative the page shows.
     */
    static Steps.Explanation explain(Function function, Derivative derivative) {
        Subject subject = new Subject(function.name(), function.body(), function.definitions());
        List<Expr.Variable> wrt = derivative.wrt().stream().map(name -> function.variables().stream()
                .filter(v -> v.name().equals(name)).findFirst().orElseThrow()).toList();
        Explainer explainer = Explainer.standard();
        Derivation d = switch (derivative.kind()) {
            case "gradient" -> explainer.gradient(subject, wrt);
            case "jacobian" -> explainer.jacobian(subject, wrt.get(0));
            default -> explainer.hessian(subject, wrt.get(0), wrt.get(wrt.size() - 1));
        };
        List<Steps.Step> steps = new ArrayList<>();
        List<String> notation = new ArrayList<>();
        for (Derivation.Part part : d.parts()) {
            notation.addAll(DerivationPrinter.notation(part).stream().filter(line -> !notation.contains(line)).toList());
            for (Step step : part.steps()) {
                steps.add(new Steps.Step(part.title(), DerivationPrinter.heading(part, step.kind()), step.kind().key(),
                        step.rule(), step.section(), new Typeset(DerivationPrinter.equation(step, Format.LATEX, d),
                        DerivationPrinter.equation(step, Format.TEXT, d)), step.shape().toString()));
            }
        }
        return new Steps.Explanation(d.layout(), notation, steps);
    }

    private static void requireFunctionShape(Input.Kind kind, Shape shape, String text) {
        String problem = switch (kind) {
            case GRADIENT -> shape.isScalar() ? null : "the gradient needs a scalar expression, but this is " + shape
                    + ": ask for the Jacobian of a vector expression";
            case JACOBIAN -> shape.isScalar() || shape.isVector() ? null
                    : "the Jacobian needs a vector or scalar expression, but this is " + shape;
            case HESSIAN -> shape.isScalar() ? null : "the Hessian needs a scalar expression, but this is " + shape;
        };
        if (problem != null) {
            throw new Problem.InputError(Problem.whole("expression", text, problem));
        }
    }

    /** The derivatives of one kind, as {@code chainrule grad}, {@code jacobian} and {@code hessian} derive them. */
    private static List<Derivative> derive(String name, Expr f, Input.Kind kind, List<Expr.Variable> wrt,
                                           boolean crossBlocks, Deadline deadline) {
        List<Derivative> derivatives = new ArrayList<>();
        String fLatex = Printer.print(Expr.variable(name, Shape.SCALAR), Format.LATEX);
        switch (kind) {
            case GRADIENT -> {
                String convention = wrt.size() == 1 ? "Gradient in the shape of " + wrt.get(0).name()
                        : "Gradients, each in the shape of its variable";
                Derivatives.gradients(f, wrt).forEach((v, g) -> derivatives.add(derivative(
                        "gradient", List.of(v.name()), new Typeset(
                                "\\frac{\\partial " + fLatex + "}{\\partial " + latex(v) + "}",
                                "∂" + name + "/∂" + v.name()), g, convention, true, f, v)));
            }
            case JACOBIAN -> {
                for (Expr.Variable v : wrt) {
                    deadline.check();
                    Expr j = Derivatives.jacobian(f, v);
                    derivatives.add(derivative("jacobian", List.of(v.name()), new Typeset(
                            "\\frac{\\partial " + fLatex + "}{\\partial " + latex(v) + "}", "∂" + name + "/∂" + v.name()),
                            j, "Jacobian in numerator layout (" + size(j) + "): a row per entry of " + name
                                    + ", a column per entry of " + v.name(), true, f, v));
                }
            }
            case HESSIAN -> {
                for (int i = 0; i < wrt.size(); i++) {
                    deadline.check();
                    Expr.Variable x = wrt.get(i);
                    Expr gradient = Derivatives.gradient(f, x);
                    Expr h = Derivatives.hessian(f, x);
                    derivatives.add(derivative("hessian", List.of(x.name()), new Typeset(
                            "\\frac{\\partial^2 " + fLatex + "}{\\partial " + latex(x) + "^2}",
                            "∂²" + name + "/∂" + x.name() + "²"), h, "Hessian (" + size(h) + "): ∂²" + name + "/∂"
                            + x.name() + "ᵢ∂" + x.name() + "ⱼ in row i, column j", true, gradient, x));
                    for (int j = i + 1; crossBlocks && j < wrt.size(); j++) {
                        deadline.check();
                        Expr.Variable y = wrt.get(j);
                        Expr block = Derivatives.jacobian(gradient, y);
                        derivatives.add(derivative("hessian", List.of(x.name(), y.name()), new Typeset(
                                "\\frac{\\partial^2 " + fLatex + "}{\\partial " + latex(x) + "\\,\\partial " + latex(y)
                                        + "}", "∂²" + name + "/∂" + x.name() + "∂" + y.name()), block,
                                "Hessian block (" + size(block) + "): ∂²" + name + "/∂" + x.name() + "ᵢ∂" + y.name()
                                        + "ⱼ in row i, column j; ∂²" + name + "/∂" + y.name() + "∂" + x.name()
                                        + " is its transpose", false, gradient, y));
                    }
                }
            }
        }
        return derivatives;
    }

    private static Derivative derivative(String kind, List<String> wrt, Typeset label, Expr value, String convention,
                                         boolean inClass, Expr of, Expr.Variable by) {
        Typeset typeset = new Typeset(Printer.printCompact(value, Format.LATEX, MAX_PRINTED_NODES),
                Printer.printCompact(value, Format.TEXT, MAX_PRINTED_NODES));
        return new Derivative(kind + ":" + String.join(",", wrt), kind, wrt, label, typeset, value.shape().toString(),
                convention, inClass, value, of, by.name());
    }

    private static String latex(Expr.Variable v) {
        return Printer.print(v, Format.LATEX);
    }

    private static String size(Expr e) {
        return e.shape().rows() + " × " + e.shape().cols();
    }

    private static String kindName(Input.Kind kind) {
        return switch (kind) {
            case GRADIENT -> "gradient";
            case JACOBIAN -> "Jacobian";
            case HESSIAN -> "Hessian";
        };
    }

    /**
     * The expression as a one-function {@code .calc} file asking for the same derivatives: what
     * {@code chainrule generate} makes the page's class from.
     */
    private static String calcText(String expression, List<Expr.Variable> params, Input.Kind kind,
                                   List<Expr.Variable> wrt) {
        List<String> declared = new ArrayList<>();
        for (Expr.Variable v : params) {
            declared.add(v.name() + ": " + declaration(v.shape()));
        }
        StringBuilder calc = new StringBuilder("// chainrule generate ").append(FILE)
                .append(" --out src/main/java  writes the class below.\n");
        calc.append("function ").append(FUNCTION).append('(').append(String.join(", ", declared)).append(") =\n    ")
                .append(expression.strip().replace("\n", "\n    "));
        if (!wrt.isEmpty()) {
            calc.append("\n    ").append(kind.name().toLowerCase(java.util.Locale.ROOT)).append(" wrt ")
                    .append(String.join(", ", wrt.stream().map(Expr.Variable::name).toList()));
        }
        return calc.append(";\n").toString();
    }

    private static String declaration(Shape shape) {
        return switch (shape.kind()) {
            case SCALAR -> "scalar";
            case VECTOR, ROW -> "vector[" + shape.length() + "]";
            case MATRIX -> "matrix[" + shape.rows() + "," + shape.cols() + "]";
        };
    }

    // ---- the fields -----------------------------------------------------------------------------

    /** A name in the wrt field, with its place. */
    private record Name(String text, int column) {
        Problem problem(String message) {
            return new Problem("wrt", 1, column, Math.max(1, (int) text.codePoints().count()), message);
        }
    }

    /** The names of the wrt field, separated by commas or spaces, each a name of the language, once. */
    private static List<Name> names(String field) {
        List<Name> names = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int[] points = field.strip().isEmpty() ? new int[0] : field.codePoints().toArray();
        int i = 0;
        while (i < points.length) {
            if (points[i] == ',' || Character.isWhitespace(points[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < points.length && points[i] != ',' && !Character.isWhitespace(points[i])) {
                i++;
            }
            Name name = new Name(new String(points, start, i - start), start + 1);
            if (!isName(name.text())) {
                throw new Problem.InputError(name.problem("'" + name.text() + "' is not a variable name"));
            }
            if (!seen.add(name.text())) {
                throw new Problem.InputError(name.problem("'" + name.text() + "' is named twice"));
            }
            names.add(name);
        }
        return names;
    }

    /** Whether the grammar reads the text as one name (not a keyword, a number or anything longer). */
    private static boolean isName(String text) {
        try {
            return CalcSyntax.parseExpression(text) instanceof Ast.Name name && name.id().equals(text);
        } catch (CalcException e) {
            return false;
        }
    }

    /**
     * The shape declarations: {@code NAME: TYPE} entries separated by new lines, semicolons or
     * commas outside brackets, as in {@code x: vector[n], A: matrix[n,n]}.
     */
    private static Map<String, Shape> declarations(String field) {
        Map<String, Shape> declared = new LinkedHashMap<>();
        List<String> lines = field.lines().toList();
        for (int l = 0; l < lines.size(); l++) {
            int[] points = lines.get(l).codePoints().toArray();
            int start = 0;
            int depth = 0;
            for (int i = 0; i <= points.length; i++) {
                int c = i < points.length ? points[i] : ';';
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth = Math.max(0, depth - 1);
                } else if ((c == ';' || c == ',') && depth == 0) {
                    declare(points, start, i, l + 1, declared);
                    start = i + 1;
                }
            }
        }
        return declared;
    }

    private static void declare(int[] points, int from, int to, int line, Map<String, Shape> declared) {
        while (from < to && Character.isWhitespace(points[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(points[to - 1])) {
            to--;
        }
        if (from == to) {
            return;
        }
        String entry = new String(points, from, to - from);
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw new Problem.InputError(new Problem("declarations", line, from + 1, to - from,
                    "expected NAME: TYPE, as in x: vector[n] (TYPE is scalar, vector[n] or matrix[m,n])"));
        }
        String name = entry.substring(0, colon).strip();
        int nameLength = Math.max(1, (int) entry.substring(0, colon).codePoints().count());
        if (!isName(name)) {
            throw new Problem.InputError(new Problem("declarations", line, from + 1, nameLength,
                    "'" + name + "' is not a variable name"));
        }
        if (declared.containsKey(name)) {
            throw new Problem.InputError(new Problem("declarations", line, from + 1, nameLength,
                    "'" + name + "' is declared twice"));
        }
        String type = entry.substring(colon + 1);
        int typeColumn = from + 1 + (int) entry.substring(0, colon + 1).codePoints().count();
        try {
            declared.put(name, TypeChecker.shapeOf(CalcSyntax.parseType(new Source("declarations", type))));
        } catch (CalcException e) {
            Diagnostic d = e.diagnostics().get(0);
            throw new Problem.InputError(new Problem("declarations", line, typeColumn + d.span().column() - 1,
                    d.span().length(), d.message()));
        } catch (IllegalArgumentException e) {
            throw new Problem.InputError(new Problem("declarations", line, typeColumn,
                    Math.max(1, (int) type.codePoints().count()), e.getMessage()));
        }
    }

    private static Problem.InputError problems(String field, CalcException e) {
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic d : e.diagnostics()) {
            problems.add(new Problem(field, d.span().line(), d.span().column(), d.span().length(), d.message()));
        }
        return new Problem.InputError(problems);
    }

    // ---- numbers --------------------------------------------------------------------------------

    /** A value typed on the page, as JSON: a number, an array, or an array of rows. */
    static Array parse(String json) {
        try {
            return array(Value.fromJson(json));
        } catch (EvaluationException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The reference interpreter's value of {@code expr}; a problem with the numbers throws IllegalArgumentException. */
    static Array interpret(Expr expr, Map<String, Array> point, Map<String, Integer> dimensions) {
        Map<String, Value> values = new LinkedHashMap<>();
        point.forEach((name, a) -> values.put(name, value(a)));
        try {
            return array(Interpreter.evaluate(expr, values, dimensions));
        } catch (EvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * What the generated class computes at the point: the value under "value" and each derivative
     * it has under its id. Compiles the class on first use for these dimensions.
     */
    Map<String, Array> compiled(Function function, Map<String, Array> point, Map<String, Integer> dimensions) {
        CompiledFunction f = compile(function, dimensions);
        Map<String, double[]> arguments = new LinkedHashMap<>();
        point.forEach((name, a) -> arguments.put(name, a.data().clone()));
        Map<String, Array> results = new LinkedHashMap<>();
        synchronized (f) {
            if (function.resultKind() == Array.Kind.SCALAR) {
                List<Expr.Variable> gradients = f.gradientVariables();
                if (gradients.isEmpty()) {
                    results.put("value", new Array(Array.Kind.SCALAR, 1, 1, new double[] {f.value(arguments)}));
                } else {
                    Map<String, double[]> outputs = new LinkedHashMap<>();
                    for (Expr.Variable v : gradients) {
                        outputs.put(v.name(), new double[CompiledFunction.length(v.shape(), dimensions)]);
                    }
                    double value = f.valueAndGradient(arguments, outputs);
                    results.put("value", new Array(Array.Kind.SCALAR, 1, 1, new double[] {value}));
                    for (Expr.Variable v : gradients) {
                        results.put("gradient:" + v.name(), shaped(v.shape(), dimensions, outputs.get(v.name())));
                    }
                }
            } else {
                double[] out = new double[CompiledFunction.length(function.body().shape(), dimensions)];
                f.value(arguments, out);
                results.put("value", shaped(function.body().shape(), dimensions, out));
            }
            for (Derivative d : function.derivatives()) {
                if (d.inClass() && !d.kind().equals("gradient")) {
                    double[] out = new double[CompiledFunction.length(d.expr().shape(), dimensions)];
                    f.derivative(d.kind(), d.by(), arguments, out);
                    results.put(d.id(), shaped(d.expr().shape(), dimensions, out));
                }
            }
        }
        return results;
    }

    private CompiledFunction compile(Function function, Map<String, Integer> dimensions) {
        String key = function.calc() + "\u0000" + new TreeMap<>(dimensions);
        Map<String, CompiledFunction> functions;
        synchronized (compiled) {
            functions = compiled.get(key);
        }
        if (functions == null) {
            functions = CompiledFunction.of(function.file(), dimensions);
            synchronized (compiled) {
                compiled.put(key, functions);
            }
        }
        return functions.get(function.name());
    }

    /**
     * The most entries any node of the function or of its derivatives holds at these dimensions,
     * or {@code Long.MAX_VALUE} past a long: what evaluating them would allocate at once.
     */
    static long largestEntries(Function function, Map<String, Integer> dimensions) {
        List<Expr> roots = new ArrayList<>();
        roots.add(function.body());
        for (Derivative d : function.derivatives()) {
            roots.add(d.expr());
            roots.add(d.of());
        }
        long largest = 1;
        Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Expr root : roots) {
            for (Expr node : Traversal.postOrder(root)) {
                if (seen.add(node)) {
                    Shape s = node.shape();
                    largest = Math.max(largest, multiply(size(s.rows(), dimensions), size(s.cols(), dimensions)));
                }
            }
        }
        return largest;
    }

    private static long size(Dim d, Map<String, Integer> dimensions) {
        if (d instanceof Dim.Fixed fixed) {
            return fixed.size();
        }
        Integer size = dimensions.get(((Dim.Symbol) d).name());
        return size == null ? 1 : size;
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static Array shaped(Shape shape, Map<String, Integer> dimensions, double[] data) {
        int rows = (int) size(shape.rows(), dimensions);
        int cols = (int) size(shape.cols(), dimensions);
        return new Array(kind(shape), rows, cols, data);
    }

    private static Array.Kind kind(Shape shape) {
        return Array.Kind.valueOf(shape.kind().name());
    }

    private static String dim(Dim d) {
        return d instanceof Dim.Fixed fixed ? Integer.toString(fixed.size()) : ((Dim.Symbol) d).name();
    }

    private static Array array(Value v) {
        return new Array(Array.Kind.valueOf(v.kind().name()), v.rows(), v.cols(), v.data());
    }

    private static Value value(Array a) {
        return new Value(Shape.Kind.valueOf(a.kind().name()), a.rows(), a.cols(), a.data());
    }
}

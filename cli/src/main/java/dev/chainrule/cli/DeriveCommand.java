package dev.chainrule.cli;

import dev.chainrule.derive.DerivativeException;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.derive.Layout;
import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.JsonStrings;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Span;
import dev.chainrule.typing.TypedExpression;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule grad|jacobian|hessian EXPR --wrt x[,y]}: closed-form derivatives, one line per
 * variable after a line that restates the function and one that states the layout convention.
 * {@code --format json} prints one object keyed by variable name instead.
 */
abstract class DeriveCommand implements Callable<Integer> {

    /** The notations of {@code --format}. */
    enum OutputFormat {
        text(Format.TEXT), latex(Format.LATEX), ascii(Format.ASCII), json(Format.JSON);

        final Format format;

        OutputFormat(Format format) {
            this.format = format;
        }
    }

    @Parameters(index = "0", paramLabel = "EXPR", description = "the function, e.g. \"x'*A*x\"")
    private String expression;

    @Option(names = "--wrt", required = true, split = ",", paramLabel = "NAME",
            description = "the variables to differentiate with respect to: --wrt x,y or --wrt x --wrt y")
    private List<String> wrt;

    @Mixin
    private Declarations declarations;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (Unicode, as in a paper), latex, ascii (chainrule syntax) or json;"
                    + " default ${DEFAULT-VALUE}")
    private OutputFormat format;

    @Spec
    private CommandSpec spec;

    private final Io io;

    DeriveCommand(Io io) {
        this.io = io;
    }

    /**
     * One derivative to print: with respect to {@code x}, or for a block of a Hessian with respect to
     * {@code x} and then {@code y} (null otherwise).
     */
    record Result(Expr.Variable x, Expr.Variable y, Expr value, Expr.Variable direction) {
        Result(Expr.Variable x, Expr.Variable y, Expr value) {
            this(x, y, value, null);
        }

        /** Its key in JSON: {@code x}, or {@code x,y} for a block of a Hessian. */
        String key() {
            return y == null ? x.name() : x.name() + "," + y.name();
        }
    }

    /** How a result is named in a notation, e.g. ∂f/∂x. */
    abstract String label(Result result, OutputFormat format);

    /** ∂f/∂x and its notations. */
    static String firstDerivative(Expr.Variable x, OutputFormat format) {
        return switch (format) {
            case text -> "∂f/∂" + x.name();
            case latex -> "\\frac{\\partial f}{\\partial " + Printer.print(x, Format.LATEX) + "}";
            case ascii, json -> "df/d" + x.name();
        };
    }

    /** Rejects a function this derivative does not apply to, with the reason. */
    abstract void checkFunction(String expression, Expr f);

    abstract List<Result> derive(Expr f, List<Expr.Variable> wrt);

    /** The line that states the layout convention, without comment markers. */
    abstract String convention(Expr f, List<Expr.Variable> wrt, List<Result> results);

    @Override
    public Integer call() {
        Inputs.rejectUnknownOption(spec, expression);
        Declarations.Declared declared = declarations.declared();
        List<String> names = Inputs.wrtNames(wrt);
        if (names.isEmpty()) {
            // --wrt , splits into no names at all.
            throw new UserError("--wrt needs a variable name, as in --wrt x");
        }
        TypedExpression typed = Inputs.expression(expression, declared);
        Expr f = typed.expr();
        try {
            checkFunction(expression, f);
        } catch (CalcException notWhatTheCommandNeeds) {
            throw f.shape().isScalar() ? notWhatTheCommandNeeds
                    : withScalarNotes(notWhatTheCommandNeeds, expression, typed, declared);
        }
        List<Expr.Variable> variables = Inputs.variables(typed, declared, names);
        List<Result> results = derive(f, variables);
        print(typed, variables, results);
        return 0;
    }

    private void print(TypedExpression typed, List<Expr.Variable> variables, List<Result> results) {
        PrintStream out = io.out();
        if (format == OutputFormat.json) {
            List<String> members = new ArrayList<>();
            for (Result result : results) {
                members.add(JsonStrings.quote(result.key()) + ": " + Printer.print(result.value(), Format.JSON));
            }
            out.println("{" + String.join(", ", members) + "}");
            return;
        }
        String comment = switch (format) {
            case latex -> "% ";
            case ascii -> "// ";
            default -> "";
        };
        String signature = Inputs.signature(typed);
        // Large results name each shared part once (as the user's where clause names parts), so
        // that the text grows with the graph, not with the tree it would be written out as.
        out.println(comment + "f = " + Printer.printCompact(typed.expr(), format.format, Printer.READABLE_TREE_NODES,
                typed.names())
                + (signature.isEmpty() ? "" : "  with " + signature));
        out.println(comment + convention(typed.expr(), variables, results) + (format == OutputFormat.text ? ":" : ""));
        for (Result result : results) {
            out.println(label(result, format) + " = " + Printer.printCompact(result.value(), format.format,
                    Printer.READABLE_TREE_NODES, typed.names()));
        }
    }

    /** The error for a command that needs a scalar expression, {@code needs} naming what needs it. */
    static void requireScalar(String expression, Expr f, String needs, String hint) {
        if (!f.shape().isScalar()) {
            throw Inputs.wholeExpression(expression, needs + " needs a scalar expression, but this is " + f.shape()
                    + hint);
        }
    }

    /**
     * The error of a command that needs a scalar, with a note for each undeclared name whose first
     * letter made it a vector or a matrix where declaring it a scalar makes the expression scalar:
     * {@code lambda * norm2(w)^2} is a vector until lambda is declared a number.
     */
    static CalcException withScalarNotes(CalcException error, String expression, TypedExpression typed,
                                         Declarations.Declared declared) {
        Diagnostic first = error.diagnostics().get(0);
        for (Expr.Variable v : typed.variables().values()) {
            if (declared.shapes().containsKey(v.name()) || v.shape().isScalar()) {
                continue;
            }
            Map<String, Shape> withScalar = new LinkedHashMap<>(declared.shapes());
            withScalar.put(v.name(), Shape.SCALAR);
            boolean scalarThen;
            try {
                scalarThen = Inputs.expression(expression, new Declarations.Declared(withScalar, declared.symmetric()))
                        .expr().shape().isScalar();
            } catch (CalcException stillWrong) {
                scalarThen = false;
            }
            if (scalarThen) {
                first = first.withNote(spanOf(expression, v.name()), v.name() + " is undeclared, so a "
                        + (v.shape().isMatrix() ? "matrix" : "vector") + " by its first letter (a–g scalars, h–z "
                        + "vectors, A–Z matrices): if it is a number, declare it with --var " + v.name() + ":scalar");
            }
        }
        List<Diagnostic> all = new ArrayList<>(error.diagnostics());
        all.set(0, first);
        return new CalcException(all);
    }

    /** Where a name first stands in a one-line expression, as a whole name. */
    private static Span spanOf(String expression, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_])"
                + java.util.regex.Pattern.quote(name) + "(?![\\p{L}\\p{N}_])").matcher(expression);
        if (!m.find()) {
            return new Span(1, 1, 1);
        }
        int column = expression.codePointCount(0, m.start()) + 1;
        return new Span(1, column, name.codePointCount(0, name.length()));
    }

    static String size(Expr e) {
        return e.shape().rows() + " × " + e.shape().cols();
    }

    /** {@code chainrule grad}. */
    @Command(name = "grad",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Gradient of a scalar expression, in the shape of each variable.",
            description = "Derives the gradient of a scalar expression with respect to each --wrt variable in "
                    + "closed form, simplified, in the shape of that variable: a vector for a vector, a matrix for "
                    + "a matrix. Prints one line per variable, ∂f/∂x = ..., after the function and the convention.")
    static final class Grad extends DeriveCommand {
        Grad(Io io) {
            super(io);
        }

        @Override
        void checkFunction(String expression, Expr f) {
            requireScalar(expression, f, "the gradient", ": use 'chainrule jacobian' for a vector expression");
        }

        @Override
        List<Result> derive(Expr f, List<Expr.Variable> wrt) {
            List<Result> results = new ArrayList<>();
            Derivatives.gradients(f, wrt).forEach((v, g) -> results.add(new Result(v, null, g)));
            return results;
        }

        @Override
        String label(Result result, OutputFormat format) {
            return firstDerivative(result.x(), format);
        }

        @Override
        String convention(Expr f, List<Expr.Variable> wrt, List<Result> results) {
            return wrt.size() == 1 ? "Gradient in the shape of " + wrt.get(0).name()
                    : "Gradients, each in the shape of its variable";
        }
    }

    /** {@code chainrule jacobian}. */
    @Command(name = "jacobian",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Jacobian of an expression, in numerator layout.",
            description = "Derives the Jacobian of an expression with respect to each --wrt variable in numerator "
                    + "layout: m × n for an expression of length m and a variable of length n, row i holding the "
                    + "derivatives of entry i of the expression. Matrices (as the expression or the variable) are "
                    + "read row by row, so the Jacobian of an m × n F with respect to a p × q X is mn × pq, "
                    + "∂Fᵢⱼ/∂Xₖₗ in row i·n + j, column k·q + l, in Kronecker and vec notation.")
    static final class Jacobian extends DeriveCommand {
        Jacobian(Io io) {
            super(io);
        }

        @Override
        void checkFunction(String expression, Expr f) {
        }

        @Override
        List<Result> derive(Expr f, List<Expr.Variable> wrt) {
            List<Result> results = new ArrayList<>();
            for (Expr.Variable v : wrt) {
                results.add(new Result(v, null, Derivatives.jacobian(f, v)));
            }
            return results;
        }

        @Override
        String label(Result result, OutputFormat format) {
            return firstDerivative(result.x(), format);
        }

        @Override
        String convention(Expr f, List<Expr.Variable> wrt, List<Result> results) {
            return wrt.size() == 1 ? Layout.jacobian(f, wrt.get(0), results.get(0).value())
                    : "Jacobians in numerator layout (a row per entry of f, a column per entry of the variable; "
                            + "matrices read row by row)";
        }
    }

    /** {@code chainrule hessian}. */
    @Command(name = "hessian",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Hessian of a scalar expression.",
            description = "Derives the Hessian of a scalar expression with respect to a variable: n × n for a vector, "
                    + "∂²f/∂xᵢ∂xⱼ in row i, column j; mn × mn for an m × n matrix X, ∂²f/∂Xᵢⱼ∂Xₖₗ in row i·n + j, "
                    + "column k·n + l. With several variables, prints the blocks ∂²f/∂x∂y of the whole Hessian for "
                    + "x up to y in --wrt order; ∂²f/∂y∂x is the transpose of ∂²f/∂x∂y.")
    static final class Hessian extends DeriveCommand {
        Hessian(Io io) {
            super(io);
        }

        @Override
        void checkFunction(String expression, Expr f) {
            requireScalar(expression, f, "the Hessian", "");
        }

        @Override
        List<Result> derive(Expr f, List<Expr.Variable> wrt) {
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < wrt.size(); i++) {
                Expr.Variable x = wrt.get(i);
                results.add(new Result(x, null, Derivatives.hessian(f, x)));
                for (int j = i + 1; j < wrt.size(); j++) {
                    Expr.Variable y = wrt.get(j);
                    results.add(new Result(x, y, Derivatives.jacobian(Derivatives.gradient(f, x), y)));
                }
            }
            return results;
        }

        @Override
        String label(Result result, OutputFormat format) {
            String x = result.x().name();
            String y = result.y() == null ? null : result.y().name();
            return switch (format) {
                case text -> y == null ? "∂²f/∂" + x + "²" : "∂²f/∂" + x + "∂" + y;
                case latex -> y == null
                        ? "\\frac{\\partial^2 f}{\\partial " + Printer.print(result.x(), Format.LATEX) + "^2}"
                        : "\\frac{\\partial^2 f}{\\partial " + Printer.print(result.x(), Format.LATEX)
                                + " \\partial " + Printer.print(result.y(), Format.LATEX) + "}";
                case ascii, json -> y == null ? "d2f/d" + x + "2" : "d2f/d" + x + "d" + y;
            };
        }

        @Override
        String convention(Expr f, List<Expr.Variable> wrt, List<Result> results) {
            Expr.Variable x = wrt.get(0);
            return wrt.size() == 1 ? Layout.hessian(x, x, results.get(0).value())
                    : "Hessian blocks (∂²f/∂x∂y holds ∂²f/∂xᵢ∂yⱼ in row i, column j, matrices read row by row; "
                            + "∂²f/∂y∂x is its transpose)";
        }
    }

    /** {@code chainrule hvp}. */
    @Command(name = "hvp",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Hessian-vector product of a scalar expression, in closed form.",
            description = "Derives H v, the Hessian of a scalar expression with respect to each --wrt variable times a "
                    + "direction v of that variable's shape, without forming H: the derivative of the gradient along "
                    + "v, what Newton–CG and trust-region solvers need. Its cost is a small multiple of the "
                    + "gradient's. The direction is called v (or v1, v2, … where v is taken).")
    static final class Hvp extends DeriveCommand {
        Hvp(Io io) {
            super(io);
        }

        @Override
        void checkFunction(String expression, Expr f) {
            requireScalar(expression, f, "the Hessian-vector product", "");
        }

        @Override
        List<Result> derive(Expr f, List<Expr.Variable> wrt) {
            List<Result> results = new ArrayList<>();
            java.util.Set<String> taken = new java.util.HashSet<>(dev.chainrule.graph.Traversal.variables(f).keySet());
            wrt.forEach(v -> taken.add(v.name()));
            for (Expr.Variable x : wrt) {
                Expr.Variable direction = DerivedFunction.direction(taken, x);
                results.add(new Result(x, null, Derivatives.hessianVectorProduct(f, x, direction), direction));
            }
            return results;
        }

        @Override
        String label(Result result, OutputFormat format) {
            String x = result.x().name();
            String v = result.direction().name();
            return switch (format) {
                case text -> "(∂²f/∂" + x + "²) " + v;
                case latex -> "\\frac{\\partial^2 f}{\\partial " + Printer.print(result.x(), Format.LATEX) + "^2} "
                        + Printer.print(result.direction(), Format.LATEX);
                case ascii, json -> "d2f/d" + x + "2 * " + v;
            };
        }

        @Override
        String convention(Expr f, List<Expr.Variable> wrt, List<Result> results) {
            return "Hessian-vector product" + (wrt.size() == 1 ? "" : "s") + ", in the shape of "
                    + (wrt.size() == 1 ? wrt.get(0).name() + ", along the direction " + results.get(0).direction().name()
                    : "each variable, along the direction named with it");
        }
    }
}

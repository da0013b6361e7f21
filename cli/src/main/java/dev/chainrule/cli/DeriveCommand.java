package dev.chainrule.cli;

import dev.chainrule.derive.DerivativeException;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypedExpression;
import java.io.PrintStream;
import java.util.ArrayList;
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
    record Result(Expr.Variable x, Expr.Variable y, Expr value) {
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
    abstract String convention(List<Expr.Variable> wrt, List<Result> results);

    @Override
    public Integer call() {
        Inputs.rejectUnknownOption(spec, expression);
        Declarations.Declared declared = declarations.declared();
        List<String> names = Inputs.wrtNames(wrt);
        TypedExpression typed = Inputs.expression(expression, declared);
        Expr f = typed.expr();
        checkFunction(expression, f);
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
                members.add(Json.quote(result.key()) + ": " + Printer.print(result.value(), Format.JSON));
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
        out.println(comment + "f = " + Printer.print(typed.expr(), format.format)
                + (signature.isEmpty() ? "" : "  with " + signature));
        out.println(comment + convention(variables, results) + (format == OutputFormat.text ? ":" : ""));
        for (Result result : results) {
            out.println(label(result, format) + " = " + Printer.print(result.value(), format.format));
        }
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
            if (!f.shape().isScalar()) {
                throw Inputs.wholeExpression(expression, "the gradient needs a scalar expression, but this is "
                        + f.shape() + ": use 'chainrule jacobian' for a vector expression");
            }
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
        String convention(List<Expr.Variable> wrt, List<Result> results) {
            return wrt.size() == 1 ? "Gradient in the shape of " + wrt.get(0).name()
                    : "Gradients, each in the shape of its variable";
        }
    }

    /** {@code chainrule jacobian}. */
    @Command(name = "jacobian",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Jacobian of a vector expression, in numerator layout.",
            description = "Derives the Jacobian of a vector (or scalar) expression with respect to each --wrt "
                    + "variable, a scalar or a vector, in numerator layout: m × n for an expression of length m "
                    + "and a variable of length n, row i holding the derivatives of entry i of the expression.")
    static final class Jacobian extends DeriveCommand {
        Jacobian(Io io) {
            super(io);
        }

        @Override
        void checkFunction(String expression, Expr f) {
            if (!f.shape().isScalar() && !f.shape().isVector()) {
                throw Inputs.wholeExpression(expression, "the Jacobian needs a vector or scalar expression, but this is "
                        + f.shape());
            }
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
        String convention(List<Expr.Variable> wrt, List<Result> results) {
            return wrt.size() == 1
                    ? "Jacobian in numerator layout (" + size(results.get(0).value()) + ": a row per entry of f, "
                            + "a column per entry of " + wrt.get(0).name() + ")"
                    : "Jacobians in numerator layout (a row per entry of f, a column per entry of the variable)";
        }
    }

    /** {@code chainrule hessian}. */
    @Command(name = "hessian",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Hessian of a scalar expression.",
            description = "Derives the Hessian of a scalar expression with respect to a scalar or vector variable: "
                    + "n × n, ∂²f/∂xᵢ∂xⱼ in row i, column j. With several variables, prints the blocks ∂²f/∂x∂y "
                    + "of the whole Hessian for x up to y in --wrt order; ∂²f/∂y∂x is the transpose of ∂²f/∂x∂y.")
    static final class Hessian extends DeriveCommand {
        Hessian(Io io) {
            super(io);
        }

        @Override
        void checkFunction(String expression, Expr f) {
            if (!f.shape().isScalar()) {
                throw Inputs.wholeExpression(expression, "the Hessian needs a scalar expression, but this is "
                        + f.shape());
            }
        }

        @Override
        List<Result> derive(Expr f, List<Expr.Variable> wrt) {
            for (Expr.Variable v : wrt) {
                if (!v.shape().isScalar() && !v.shape().isVector()) {
                    throw new DerivativeException("the Hessian is taken with respect to a scalar or a vector, but "
                            + v.name() + " is " + v.shape());
                }
            }
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
        String convention(List<Expr.Variable> wrt, List<Result> results) {
            Expr.Variable x = wrt.get(0);
            return wrt.size() == 1
                    ? "Hessian (" + size(results.get(0).value()) + ": ∂²f/∂" + x.name() + "ᵢ∂" + x.name()
                            + "ⱼ in row i, column j)"
                    : "Hessian blocks (∂²f/∂x∂y holds ∂²f/∂xᵢ∂yⱼ in row i, column j; ∂²f/∂y∂x is its transpose)";
        }
    }
}

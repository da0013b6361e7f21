package dev.chainrule.cli;

import dev.chainrule.explain.Derivation;
import dev.chainrule.explain.DerivationPrinter;
import dev.chainrule.explain.Explainer;
import dev.chainrule.explain.Subject;
import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule explain EXPR --wrt x} (or {@code --file FILE.calc [--function NAME]}): a derivative
 * derived step by step, each step named by the paper's rule ({@link Explainer}), ending in what
 * {@code grad}, {@code jacobian} or {@code hessian} prints.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Show the work: a derivative derived step by step, by the paper's rules.",
        description = "Derives a gradient (of a scalar expression), a Jacobian (of any) or a Hessian the way Parr and "
                + "Howard do: the function cut into intermediate variables (the names of 'where' and of a .calc "
                + "file's local definitions, else u1, u2, ...), the local derivative of each step by a named rule "
                + "with the paper's section, the chain rule putting them together (backwards for a gradient, "
                + "forwards for a Jacobian), then the result substituted and simplified into what grad, jacobian "
                + "or hessian prints. With --file, explains a function of a .calc file: the derivatives it asks "
                + "for, or those of --wrt and --derivative.")
final class ExplainCommand implements Callable<Integer> {

    /** The notations of {@code --format}. */
    enum OutputFormat { text, latex, json }

    /** The derivatives of {@code --derivative}. */
    enum Kind { gradient, jacobian, hessian }

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", description = "the function, e.g. \"max(0, w . x + b)\"")
    private String expression;

    @Option(names = "--file", paramLabel = "FILE", description = "explain a function of this .calc file instead")
    private String file;

    @Option(names = "--function", paramLabel = "NAME",
            description = "the function of the --file to explain; needed when it has several")
    private String function;

    @Option(names = "--wrt", split = ",", paramLabel = "NAME",
            description = "the variables to differentiate with respect to: --wrt x,y; with --file, by default those "
                    + "the function's requests name")
    private List<String> wrt = new ArrayList<>();

    @Option(names = "--derivative", paramLabel = "KIND",
            description = "gradient, jacobian or hessian; by default the gradient of a scalar function and the "
                    + "Jacobian of another")
    private Kind derivative;

    @Mixin
    private Declarations declarations;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (Unicode, aligned), latex (an align* environment) or json (one object per "
                    + "derivation, one per line); default ${DEFAULT-VALUE}")
    private OutputFormat format;

    @Spec
    private CommandSpec spec;

    private final Io io;

    ExplainCommand(Io io) {
        this.io = io;
    }

    /** One derivative to explain. */
    private record Request(Kind kind, List<Expr.Variable> wrt) {}

    @Override
    public Integer call() {
        if (expression != null) {
            Inputs.rejectUnknownOption(spec, expression);
        }
        if ((expression == null) == (file == null)) {
            throw new UserError(expression == null ? "explain needs an expression, or --file FILE.calc"
                    : "explain takes an expression or --file, not both");
        }
        Subject subject;
        String signature;
        List<Request> requests;
        if (expression != null) {
            if (function != null) {
                throw new UserError("--function names a function of a --file; an expression is the function");
            }
            if (wrt.isEmpty()) {
                throw new UserError("explain needs --wrt with an expression: the variables to differentiate by, "
                        + "as in --wrt x");
            }
            Declarations.Declared declared = declarations.declared();
            TypedExpression typed = Inputs.expression(expression, declared);
            subject = Subject.of(typed);
            signature = Inputs.signature(typed);
            List<Expr.Variable> variables = Inputs.variables(typed, declared, Inputs.wrtNames(wrt));
            requests = List.of(new Request(kind(typed.expr()), variables));
        } else {
            if (!declarations.declared().shapes().isEmpty()) {
                throw new UserError("--var declares a variable of an expression; a .calc file declares its own");
            }
            TypedFunction chosen = chosenFunction(TypeChecker.file(CalcSyntax.parseFile(Inputs.read(file))));
            subject = Subject.of(chosen);
            signature = chosen.params().stream().map(ExplainCommand::declaration).collect(Collectors.joining(", "));
            requests = requestsOf(chosen);
        }
        print(subject, signature, explain(subject, requests));
        return 0;
    }

    /** The derivative asked for, or the one the function's shape calls for. */
    private Kind kind(Expr f) {
        Kind kind = derivative != null ? derivative : f.shape().isScalar() ? Kind.gradient : Kind.jacobian;
        if (kind != Kind.jacobian && !f.shape().isScalar()) {
            String what = kind == Kind.gradient ? "the gradient" : "the Hessian";
            if (expression != null) {
                throw Inputs.wholeExpression(expression, what + " needs a scalar expression, but this is "
                        + f.shape() + ": use --derivative jacobian");
            }
            throw new UserError(what + " needs a scalar function, but " + function + " is " + f.shape()
                    + ": use --derivative jacobian");
        }
        return kind;
    }

    private TypedFunction chosenFunction(TypedFile typed) {
        List<TypedFunction> functions = typed.functions();
        String names = functions.stream().map(TypedFunction::name).collect(Collectors.joining(", "));
        if (function == null) {
            if (functions.size() != 1) {
                throw new UserError(functions.isEmpty() ? file + " declares no function"
                        : file + " declares several functions: choose one with --function NAME (" + names + ")");
            }
            function = functions.get(0).name();
            return functions.get(0);
        }
        return functions.stream().filter(f -> f.name().equals(function)).findFirst().orElseThrow(() ->
                new UserError("no function '" + function + "' in " + file + " (its functions: " + names + ")"));
    }

    /** With --wrt, those variables (parameters of the function); else what the function's requests ask for. */
    private List<Request> requestsOf(TypedFunction f) {
        if (!wrt.isEmpty()) {
            List<Expr.Variable> variables = new ArrayList<>();
            for (String name : Inputs.wrtNames(wrt)) {
                variables.add(f.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                        new UserError("cannot differentiate with respect to '" + name + "': it is not a parameter of "
                                + f.name() + " (its parameters: " + f.params().stream().map(Expr.Variable::name)
                                .collect(Collectors.joining(", ")) + ")")));
            }
            return List.of(new Request(kind(f.body()), variables));
        }
        if (derivative != null) {
            throw new UserError("--derivative needs --wrt: the variables to differentiate by");
        }
        List<Request> requests = new ArrayList<>();
        for (TypedFunction.Request r : f.requests()) {
            if (r.kind() != DerivativeRequest.Kind.HVP) {
                requests.add(new Request(Kind.valueOf(r.kind().name().toLowerCase(java.util.Locale.ROOT)), r.wrt()));
            }
        }
        if (requests.isEmpty()) {
            throw new UserError(f.name() + " asks for no gradient, Jacobian or Hessian: say which with --wrt and "
                    + "--derivative");
        }
        return requests;
    }

    /**
     * The derivations: one for a gradient by all its variables (one backward chain), one per variable
     * for a Jacobian, one per block ∂²f/∂x∂y (x up to y) for a Hessian, as the hessian command prints them.
     */
    private static List<Derivation> explain(Subject subject, List<Request> requests) {
        Explainer explainer = Explainer.standard();
        List<Derivation> derivations = new ArrayList<>();
        for (Request request : requests) {
            List<Expr.Variable> v = request.wrt();
            switch (request.kind()) {
                case gradient -> derivations.add(explainer.gradient(subject, v));
                case jacobian -> v.forEach(x -> derivations.add(explainer.jacobian(subject, x)));
                case hessian -> {
                    for (int i = 0; i < v.size(); i++) {
                        for (int j = i; j < v.size(); j++) {
                            derivations.add(explainer.hessian(subject, v.get(i), v.get(j)));
                        }
                    }
                }
            }
        }
        return derivations;
    }

    private void print(Subject subject, String signature, List<Derivation> derivations) {
        PrintStream out = io.out();
        if (format == OutputFormat.json) {
            derivations.forEach(d -> out.println(DerivationPrinter.json(d)));
            return;
        }
        Map<Expr, String> names = new java.util.IdentityHashMap<>();
        subject.definitions().forEach((name, node) -> names.putIfAbsent(node, name));
        Format notation = format == OutputFormat.latex ? Format.LATEX : Format.TEXT;
        String comment = format == OutputFormat.latex ? "% " : "";
        out.println(comment + subject.name() + " = "
                + Printer.printCompact(subject.f(), notation, Printer.READABLE_TREE_NODES, names)
                + (signature.isEmpty() ? "" : "  with " + signature));
        for (int i = 0; i < derivations.size(); i++) {
            Derivation d = derivations.get(i);
            if (format == OutputFormat.latex) {
                out.println("% " + d.layout());
                out.print(DerivationPrinter.latex(d));
            } else {
                out.print((i == 0 ? "" : "\n") + DerivationPrinter.text(d));
            }
        }
    }

    private static String declaration(Expr.Variable v) {
        return v.name() + ": " + (v.symmetric() ? "symmetric[" + v.shape().rows() + "]" : v.shape().toString());
    }
}

package dev.chainrule.cli;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.EvaluationException;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypedExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule eval EXPR --at x=JSON...}: the value of an expression at a point and, with
 * {@code --wrt}, its gradients there, as one JSON object {@code {"value": V, "gradient": {"x": G}}}.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Evaluate an expression, and its gradients, at a point.",
        description = "Evaluates an expression at the point given by --at and, with --wrt, its gradients there, "
                + "printing one JSON object: {\"value\": V, \"gradient\": {\"x\": G, ...}}, each gradient G in the "
                + "shape of its variable. Values are JSON: a number, an array (a vector) or an array of rows "
                + "(a matrix).")
final class EvalCommand implements Callable<Integer> {

    /** The engines of {@code --engine}. */
    enum Engine { interpreter, compiled }

    @Parameters(index = "0", paramLabel = "EXPR", description = "the expression, e.g. \"x'*A*x\"")
    private String expression;

    @Option(names = "--at", paramLabel = "NAME=JSON",
            description = "a variable's value, e.g. --at x=[1,2] --at A=[[1,2],[3,4]]; one per variable")
    private List<String> at = new ArrayList<>();

    @Option(names = "--wrt", split = ",", paramLabel = "NAME",
            description = "also evaluate the gradient with respect to these variables")
    private List<String> wrt = new ArrayList<>();

    @Mixin
    private Declarations declarations;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
            description = "interpreter (the reference) or compiled (generated, compiled in memory and run);"
                    + " default ${DEFAULT-VALUE}")
    private Engine engine;

    @Spec
    private CommandSpec spec;

    private final Io io;

    EvalCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Inputs.rejectUnknownOption(spec, expression);
        Declarations.Declared declared = declarations.declared();
        List<String> names = Inputs.wrtNames(wrt);
        TypedExpression typed = Inputs.expression(expression, declared);
        Expr f = typed.expr();
        if (!names.isEmpty() && !f.shape().isScalar()) {
            throw Inputs.wholeExpression(expression, "the gradient needs a scalar expression, but this is "
                    + f.shape() + ": drop --wrt to evaluate it");
        }
        List<Expr.Variable> variables = Inputs.variables(typed, declared, names);
        Map<String, Value> values = values(typed, variables);
        if (engine == Engine.compiled) {
            io.out().println(CompiledEvaluation.evaluate(expression, typed, variables, values,
                    dimensions(typed, variables, values)));
            return 0;
        }

        StringBuilder json = new StringBuilder("{\"value\": ").append(Interpreter.evaluate(f, values).toJson());
        if (!variables.isEmpty()) {
            // A gradient may have lost a variable to simplification (a zero, say), but not its size.
            Map<String, Integer> dimensions = dimensions(typed, variables, values);
            List<String> members = new ArrayList<>();
            Derivatives.gradients(f, variables).forEach((v, g) -> members.add(Json.quote(v.name()) + ": "
                    + Interpreter.evaluate(g, values, dimensions).toJson()));
            json.append(", \"gradient\": {").append(String.join(", ", members)).append('}');
        }
        io.out().println(json.append('}'));
        return 0;
    }

    /** The {@code --at} values: exactly one for each variable, none for a name the expression lacks. */
    private Map<String, Value> values(TypedExpression typed, List<Expr.Variable> wrt) {
        Set<String> needed = new LinkedHashSet<>(typed.variables().keySet());
        wrt.forEach(v -> needed.add(v.name()));
        Map<String, Value> values = new LinkedHashMap<>();
        for (String spec : at) {
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new UserError("invalid --at '" + spec + "': expected NAME=JSON, as in x=[1,2,3]");
            }
            String name = spec.substring(0, equals).strip();
            String json = spec.substring(equals + 1);
            if (!needed.contains(name)) {
                throw new UserError("--at gives a value for '" + name + "', which is not a variable of the expression"
                        + (needed.isEmpty() ? "" : " (its variables: " + String.join(", ", needed) + ")"));
            }
            Value value;
            try {
                value = Value.fromJson(json);
            } catch (EvaluationException | IllegalArgumentException e) {
                throw new UserError("invalid --at " + name + "=" + json + ": " + e.getMessage());
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UserError("--at gives '" + name + "' twice");
            }
        }
        for (String name : needed) {
            if (!values.containsKey(name)) {
                throw new UserError("no value for '" + name + "': give one with --at " + name + "=JSON");
            }
        }
        return values;
    }

    /**
     * The symbolic dimensions the values give the variables, first value first; a value that
     * contradicts another is left for the interpreter to report.
     */
    private static Map<String, Integer> dimensions(TypedExpression typed, List<Expr.Variable> wrt,
                                                   Map<String, Value> values) {
        List<Expr.Variable> all = new ArrayList<>(typed.variables().values());
        all.addAll(wrt);
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        for (Expr.Variable variable : all) {
            Value value = values.get(variable.name());
            Shape shape = variable.shape();
            if (value == null || value.kind() != shape.kind() && !(shape.isVector() || shape.isRow())) {
                continue;
            }
            if (shape.isVector() || shape.isRow()) {
                bind(dimensions, shape.length(), value.size());
            } else if (shape.isMatrix() && value.kind() == Shape.Kind.MATRIX) {
                bind(dimensions, shape.rows(), value.rows());
                bind(dimensions, shape.cols(), value.cols());
            }
        }
        return dimensions;
    }

    private static void bind(Map<String, Integer> dimensions, Dim dim, int size) {
        if (dim instanceof Dim.Symbol symbol) {
            dimensions.putIfAbsent(symbol.name(), size);
        }
    }
}

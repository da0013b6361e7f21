package dev.chainrule.cli;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Capacity;
import dev.chainrule.interpret.EvaluationException;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
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
 * {@code chainrule eval EXPR --at x=JSON...}: the value of an expression at a point and, on request,
 * its gradients, Jacobians and Hessians there, as one JSON object
 * {@code {"value": V, "gradient": {"x": G}, "jacobian": {"x": J}, "hessian": {"x": H, "x,y": Hxy}}}.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Evaluate an expression, and its derivatives, at a point.",
        description = "Evaluates an expression at the point given by --at and, on request, its derivatives there, "
                + "printing one JSON object: {\"value\": V, \"gradient\": {\"x\": G}, \"jacobian\": {\"x\": J}, "
                + "\"hessian\": {\"x\": H, \"x,y\": Hxy}}. Values are JSON: a number, an array (a vector) or an array "
                + "of rows (a matrix). A gradient is in the shape of its variable; a Jacobian or a Hessian is nested "
                + "arrays, the function's indices first, then the variable's: ∂fᵢ/∂Xⱼₖ at [i][j][k], "
                + "∂²f/∂Xᵢⱼ∂Xₖₗ at [i][j][k][l].")
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

    @Option(names = "--jacobian", split = ",", paramLabel = "NAME",
            description = "also evaluate the Jacobian with respect to these variables (any expression)")
    private List<String> jacobian = new ArrayList<>();

    @Option(names = "--hessian", split = ",", paramLabel = "NAME",
            description = "also evaluate the Hessian with respect to these variables (a scalar expression); with "
                    + "several, every block \"x,y\" for x up to y")
    private List<String> hessian = new ArrayList<>();

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

    /** What is asked: the function, and the variables of each kind of derivative. */
    record Request(TypedExpression typed, List<Expr.Variable> gradient, List<Expr.Variable> jacobian,
                   List<Expr.Variable> hessian) {
        Expr f() {
            return typed.expr();
        }

        /** Every variable the request reads: the expression's, then those it is differentiated by. */
        List<Expr.Variable> variables() {
            Set<Expr.Variable> all = new LinkedHashSet<>(typed.variables().values());
            all.addAll(gradient);
            all.addAll(jacobian);
            all.addAll(hessian);
            return List.copyOf(all);
        }
    }

    @Override
    public Integer call() {
        Inputs.rejectUnknownOption(spec, expression);
        Declarations.Declared declared = declarations.declared();
        TypedExpression typed = Inputs.expression(expression, declared);
        Expr f = typed.expr();
        if (!f.shape().isScalar() && !(wrt.isEmpty() && hessian.isEmpty())) {
            throw Inputs.wholeExpression(expression, (wrt.isEmpty() ? "the Hessian" : "the gradient")
                    + " needs a scalar expression, but this is " + f.shape() + ": use --jacobian");
        }
        Request request = new Request(typed, Inputs.variables(typed, declared, Inputs.wrtNames(wrt)),
                Inputs.variables(typed, declared, Inputs.wrtNames(jacobian)),
                Inputs.variables(typed, declared, Inputs.wrtNames(hessian)));
        Map<String, Value> values = values(request);
        Map<String, Integer> dimensions;
        try {
            dimensions = Interpreter.dimensions(request.variables(), values);
        } catch (EvaluationException e) {
            throw new UserError(e.getMessage());
        }
        Results results = engine == Engine.compiled
                ? CompiledEvaluation.evaluate(request, values, dimensions)
                : interpret(request, values, dimensions);
        io.out().println(results.toJson());
        return 0;
    }

    /**
     * The reference: every formula derived in closed form, then, once all of them are known to fit
     * at these sizes, evaluated by the interpreter.
     */
    private static Results interpret(Request request, Map<String, Value> values, Map<String, Integer> dimensions) {
        Expr f = request.f();
        Map<Expr.Variable, Expr> gradients = request.gradient().isEmpty() ? Map.of()
                : Derivatives.gradients(f, request.gradient());
        Map<Expr.Variable, Expr> jacobians = new LinkedHashMap<>();
        for (Expr.Variable v : request.jacobian()) {
            jacobians.put(v, Derivatives.jacobian(f, v));
        }
        List<Expr.Variable> h = request.hessian();
        List<Expr> hessians = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            hessians.add(Derivatives.hessian(f, h.get(i)));
            for (int j = i + 1; j < h.size(); j++) {
                hessians.add(Derivatives.jacobian(Derivatives.gradient(f, h.get(i)), h.get(j)));
            }
        }
        List<Expr> formulas = new ArrayList<>(List.of(f));
        formulas.addAll(gradients.values());
        formulas.addAll(jacobians.values());
        formulas.addAll(hessians);
        Capacity.requireFits(formulas, dimensions, Capacity.interpreterEntries(), "the interpreter");

        Results results = new Results(f.shape(), Interpreter.evaluate(f, values, dimensions)).with(dimensions);
        gradients.forEach((v, g) -> results.gradient(v, Interpreter.evaluate(g, values, dimensions)));
        jacobians.forEach((v, j) -> results.jacobian(v, Interpreter.evaluate(j, values, dimensions)));
        int block = 0;
        for (int i = 0; i < h.size(); i++) {
            for (int j = i; j < h.size(); j++) {
                results.hessian(h.get(i), h.get(j), Interpreter.evaluate(hessians.get(block++), values, dimensions));
            }
        }
        return results;
    }

    /** The {@code --at} values: exactly one for each variable, none for a name the request lacks. */
    private Map<String, Value> values(Request request) {
        Set<String> needed = new LinkedHashSet<>();
        request.variables().forEach(v -> needed.add(v.name()));
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
}

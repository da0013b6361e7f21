package dev.chainrule.cli;

import dev.chainrule.codegen.CompiledFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.Span;
import dev.chainrule.typing.TypedExpression;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code eval --engine compiled}: the expression as a function of its variables (and of any
 * {@code --wrt} variable it does not read), generated, compiled in memory and run, printing the
 * same JSON as the interpreter.
 */
final class CompiledEvaluation {
    private CompiledEvaluation() {}

    static String evaluate(String expression, TypedExpression typed, List<Expr.Variable> wrt, Map<String, Value> values,
                           Map<String, Integer> dimensions) {
        List<Expr.Variable> params = new ArrayList<>(typed.variables().values());
        wrt.stream().filter(v -> !params.contains(v)).forEach(params::add);
        List<TypedFunction.Request> requests = wrt.isEmpty() ? List.of()
                : List.of(new TypedFunction.Request(DerivativeRequest.Kind.GRADIENT, wrt));
        Source source = Source.ofExpression(expression);
        TypedFunction function = new TypedFunction("f", new Span(1, 1, 1), params, typed.expr(), requests);
        CompiledFunction f = CompiledFunction.of(new TypedFile(source, "", List.of(function)), dimensions).get("f");
        Map<String, double[]> arguments = new LinkedHashMap<>();
        values.forEach((name, value) -> arguments.put(name, value.data()));
        if (!typed.expr().shape().isScalar()) {
            throw new UserError("--engine compiled evaluates scalar expressions; this is " + typed.expr().shape()
                    + ": use --engine interpreter");
        }
        if (wrt.isEmpty()) {
            return "{\"value\": " + Value.scalar(f.value(arguments)).toJson() + "}";
        }
        Map<String, double[]> gradients = new LinkedHashMap<>();
        for (Expr.Variable v : wrt) {
            gradients.put(v.name(), new double[CompiledFunction.length(v.shape(), dimensions)]);
        }
        double value = f.valueAndGradient(arguments, gradients);
        List<String> members = new ArrayList<>();
        for (Expr.Variable v : wrt) {
            members.add(Json.quote(v.name()) + ": " + shaped(v.shape(), gradients.get(v.name()), dimensions).toJson());
        }
        return "{\"value\": " + Value.scalar(value).toJson() + ", \"gradient\": {" + String.join(", ", members) + "}}";
    }

    private static Value shaped(Shape shape, double[] data, Map<String, Integer> dimensions) {
        if (shape.isScalar()) {
            return Value.scalar(data[0]);
        }
        if (shape.isMatrix()) {
            int rows = CompiledFunction.length(Shape.vector(shape.rows()), dimensions);
            return Value.matrix(rows, data.length / rows, data);
        }
        return Value.vector(data);
    }
}

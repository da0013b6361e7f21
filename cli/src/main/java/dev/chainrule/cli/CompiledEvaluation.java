package dev.chainrule.cli;

import dev.chainrule.codegen.CompiledFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeRules;
import dev.chainrule.syntax.CalcFile.DerivativeRequest.Kind;
import dev.chainrule.syntax.Source;
import dev.chainrule.syntax.Span;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code eval --engine compiled}: the expression as a function of every variable the request reads
 * (a {@code --wrt} variable it does not read included), generated with the derivatives asked for,
 * compiled in memory and run; the same JSON as the interpreter.
 */
final class CompiledEvaluation {
    private CompiledEvaluation() {}

    static Results evaluate(String expression, EvalCommand.Request request, Map<String, Value> values,
                            Map<String, Integer> dimensions) {
        Expr f = request.f();
        List<TypedFunction.Request> requests = new ArrayList<>();
        if (!request.gradient().isEmpty()) {
            requests.add(new TypedFunction.Request(Kind.GRADIENT, request.gradient()));
        }
        if (!request.jacobian().isEmpty()) {
            requests.add(new TypedFunction.Request(Kind.JACOBIAN, request.jacobian()));
        }
        if (!request.hessian().isEmpty()) {
            requests.add(new TypedFunction.Request(Kind.HESSIAN, request.hessian()));
        }
        TypedFunction function = new TypedFunction("f", new Span(1, 1, 1), request.variables(), f, requests);
        CompiledFunction compiled = CompiledFunction.of(
                new TypedFile(Source.ofExpression(expression), "", List.of(function)), dimensions).get("f");

        Map<String, double[]> arguments = new LinkedHashMap<>();
        values.forEach((name, value) -> arguments.put(name, value.data()));
        Results results;
        if (f.shape().isScalar()) {
            results = new Results(f.shape(), Value.scalar(compiled.value(arguments)));
        } else {
            double[] out = new double[CompiledFunction.length(f.shape(), dimensions)];
            compiled.value(arguments, out);
            results = new Results(f.shape(), shaped(f.shape(), out, dimensions));
        }
        results.with(dimensions);
        if (!request.gradient().isEmpty()) {
            Map<String, double[]> gradients = new LinkedHashMap<>();
            for (Expr.Variable v : compiled.gradientVariables()) {
                gradients.put(v.name(), new double[CompiledFunction.length(v.shape(), dimensions)]);
            }
            compiled.valueAndGradient(arguments, gradients);
            for (Expr.Variable v : request.gradient()) {
                results.gradient(v, shaped(v.shape(), gradients.get(v.name()), dimensions));
            }
        }
        for (Expr.Variable v : request.jacobian()) {
            double[] out = new double[entries(f.shape(), v.shape(), dimensions)];
            compiled.derivative("jacobian", v.name(), arguments, out);
            results.jacobian(v, Value.vector(out));
        }
        List<Expr.Variable> h = request.hessian();
        for (int i = 0; i < h.size(); i++) {
            double[] out = new double[entries(h.get(i).shape(), h.get(i).shape(), dimensions)];
            compiled.derivative("hessian", h.get(i).name(), arguments, out);
            results.hessian(h.get(i), h.get(i), Value.vector(out));
            for (int j = i + 1; j < h.size(); j++) {
                results.hessian(h.get(i), h.get(j), mixedBlock(expression, request, h.get(i), h.get(j), arguments,
                        dimensions));
            }
        }
        return results;
    }

    /**
     * ∂²f/∂x∂y, which a generated class does not offer: the Jacobian with respect to y of the
     * gradient with respect to x, generated as a function of its own.
     */
    private static Value mixedBlock(String expression, EvalCommand.Request request, Expr.Variable x, Expr.Variable y,
                                    Map<String, double[]> arguments, Map<String, Integer> dimensions) {
        Expr gradient = dev.chainrule.derive.Derivatives.gradient(request.f(), x);
        TypedFunction block = new TypedFunction("g", new Span(1, 1, 1), request.variables(), gradient,
                List.of(new TypedFunction.Request(Kind.JACOBIAN, List.of(y))));
        CompiledFunction compiled = CompiledFunction.of(
                new TypedFile(Source.ofExpression(expression), "", List.of(block)), dimensions).get("g");
        double[] out = new double[entries(x.shape(), y.shape(), dimensions)];
        compiled.derivative("jacobian", y.name(), arguments, out);
        return Value.vector(out);
    }

    private static int entries(Shape a, Shape b, Map<String, Integer> dimensions) {
        return Math.multiplyExact(ShapeRules.entries(a).value(dimensions::get),
                ShapeRules.entries(b).value(dimensions::get));
    }

    private static Value shaped(Shape shape, double[] data, Map<String, Integer> dimensions) {
        if (shape.isScalar()) {
            return Value.scalar(data[0]);
        }
        if (shape.isMatrix()) {
            int rows = shape.rows().value(dimensions::get);
            return Value.matrix(rows, data.length / rows, data);
        }
        return Value.vector(data);
    }
}

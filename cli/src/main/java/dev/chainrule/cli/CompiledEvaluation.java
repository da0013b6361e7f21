package dev.chainrule.cli;

import dev.chainrule.codegen.CompiledFunction;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.Capacity;
import dev.chainrule.interpret.EvaluationException;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeRules;
import dev.chainrule.syntax.CalcFile.DerivativeRequest.Kind;
import dev.chainrule.syntax.Span;
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

    static Results evaluate(EvalCommand.Request request, Map<String, Value> values, Map<String, Integer> dimensions) {
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
        DerivedFunction derived = DerivedFunction.of(function);
        Map<String, DerivedFunction> mixedBlocks = mixedBlocks(request);
        List<Expr> formulas = new ArrayList<>(formulas(derived));
        mixedBlocks.values().forEach(g -> formulas.addAll(formulas(g)));
        requireBound(formulas, dimensions);
        Capacity.requireFits(formulas, dimensions, Capacity.MAX_ENTRIES, "generated code");
        CompiledFunction compiled = instantiate(derived, dimensions);

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
                CompiledFunction block = instantiate(mixedBlocks.get(h.get(i).name() + "," + h.get(j).name()), dimensions);
                double[] mixed = new double[entries(h.get(i).shape(), h.get(j).shape(), dimensions)];
                block.derivative("jacobian", h.get(j).name(), arguments, mixed);
                results.hessian(h.get(i), h.get(j), Value.vector(mixed));
            }
        }
        return results;
    }

    /**
     * ∂²f/∂x∂y for each pair x before y of the Hessian's variables, which a generated class does not
     * offer: the Jacobian with respect to y of the gradient with respect to x, a function of its own.
     */
    /**
     * Every dimension the formulas use has a value, as the interpreter requires: generated code
     * takes only the dimensions of its parameters, so vector(2) or eye with no input to size it
     * was an internal error from the code generator.
     */
    private static void requireBound(List<Expr> formulas, Map<String, Integer> dimensions) {
        for (Expr formula : formulas) {
            for (Expr node : Traversal.postOrder(formula)) {
                for (Dim dim : List.of(node.shape().rows(), node.shape().cols())) {
                    for (String symbol : dim.symbols()) {
                        if (!dimensions.containsKey(symbol)) {
                            throw new EvaluationException("dimension " + symbol
                                    + " has no value: no input variable carries it, so it must be given explicitly");
                        }
                    }
                }
            }
        }
    }

    private static Map<String, DerivedFunction> mixedBlocks(EvalCommand.Request request) {
        Map<String, DerivedFunction> blocks = new LinkedHashMap<>();
        List<Expr.Variable> h = request.hessian();
        for (int i = 0; i < h.size(); i++) {
            for (int j = i + 1; j < h.size(); j++) {
                Expr gradient = Derivatives.gradient(request.f(), h.get(i));
                TypedFunction block = new TypedFunction("g", new Span(1, 1, 1), request.variables(), gradient,
                        List.of(new TypedFunction.Request(Kind.JACOBIAN, List.of(h.get(j)))));
                blocks.put(h.get(i).name() + "," + h.get(j).name(), DerivedFunction.of(block));
            }
        }
        return blocks;
    }

    /** Every formula a derived function's class computes. */
    private static List<Expr> formulas(DerivedFunction function) {
        List<Expr> formulas = new ArrayList<>(List.of(function.body()));
        formulas.addAll(function.gradients().values());
        function.derivatives().forEach(d -> formulas.add(d.value()));
        return formulas;
    }

    /** The class compiled and constructed; its workspace may not fit in the heap at these sizes. */
    private static CompiledFunction instantiate(DerivedFunction function, Map<String, Integer> dimensions) {
        try {
            return CompiledFunction.of(function, dimensions);
        } catch (OutOfMemoryError e) {
            throw new UserError("the generated class's workspace does not fit in this JVM's heap of "
                    + Runtime.getRuntime().maxMemory() / 1_000_000 + " MB at these sizes; give a larger heap: "
                    + "CHAINRULE_JAVA_OPTS=-Xmx16g");
        }
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

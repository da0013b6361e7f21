package dev.chainrule.tests;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A generated test case: an expression, the sizes of its symbolic dimensions, a seed for the
 * values of its variables (so that a shrunk expression is evaluated at "the same" random point),
 * and, for Jacobians and Hessians, the variable to differentiate with respect to.
 *
 * @param wrt the name of the variable to differentiate by (of any kind), or null
 */
record Case(Expr expr, Map<String, Integer> sizes, long seed, String wrt) {
    Case {
        sizes = new TreeMap<>(sizes);
    }

    Case withExpr(Expr e) {
        return new Case(e, sizes, seed, wrt);
    }

    Map<String, Expr.Variable> variables() {
        return Traversal.variables(expr);
    }

    /** The wrt variable as it occurs in the expression, or null if it does not occur (or none was chosen). */
    Expr.Variable wrtVariable() {
        return wrt == null ? null : variables().get(wrt);
    }

    /** A dimension's size: fixed, a symbol's, or a compound's ({@code m*n}, {@code n - 1}) from its symbols'. */
    int size(Dim d) {
        return d.value(symbol -> {
            Integer size = sizes.get(symbol);
            if (size == null) {
                throw new IllegalStateException("no size for " + symbol + " in " + this);
            }
            return size;
        });
    }

    int rows(Shape s) {
        return size(s.rows());
    }

    int cols(Shape s) {
        return size(s.cols());
    }

    int entries(Shape s) {
        return rows(s) * cols(s);
    }

    /** The values of every variable at random point number {@code attempt}: entries uniform in [-2, 2]. */
    Map<String, double[]> point(int attempt) {
        Map<String, double[]> point = new LinkedHashMap<>();
        for (Expr.Variable v : variables().values()) {
            Random random = new Random(seed * 31 + v.name().hashCode() * 1_000_003L + attempt * 7_919L);
            double[] data = new double[entries(v.shape())];
            for (int i = 0; i < data.length; i++) {
                data[i] = 4 * random.nextDouble() - 2;
            }
            if (v.symmetric()) {
                // A symmetric variable's values are a symmetric matrix: the upper triangle mirrored.
                int n = rows(v.shape());
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        data[i * n + j] = data[j * n + i];
                    }
                }
            }
            point.put(v.name(), data);
        }
        return point;
    }

    /** The point as the interpreter takes it. */
    Map<String, Value> inputs(Map<String, double[]> point) {
        Map<String, Value> inputs = new LinkedHashMap<>();
        for (Expr.Variable v : variables().values()) {
            inputs.put(v.name(), value(v.shape(), point.get(v.name())));
        }
        return inputs;
    }

    Value value(Shape shape, double[] data) {
        return switch (shape.kind()) {
            case SCALAR -> Value.scalar(data[0]);
            case VECTOR -> Value.vector(data);
            case ROW -> Value.row(data);
            case MATRIX -> Value.matrix(rows(shape), cols(shape), data);
        };
    }

    /** The shape of a variable with its sizes, as in {@code x2: vector[2]}, {@code A: matrix[n=3,2]}. */
    String declaration(Expr.Variable v) {
        return v.name() + ": " + (v.symmetric() ? "symmetric[" + v.shape().rows() + "]" : v.shape());
    }

    /** One line: the expression, its variables, the sizes, the wrt variable. */
    String show() {
        String vars = variables().values().stream().map(this::declaration).collect(Collectors.joining(", "));
        List<String> symbols = List.copyOf(Exprs.symbols(expr));
        String dims = symbols.stream().map(s -> s + "=" + sizes.get(s)).collect(Collectors.joining(", "));
        return Exprs.show(expr) + "  [" + vars + (dims.isEmpty() ? "" : "; " + dims)
                + (wrt != null ? "; wrt " + wrt : "") + "; values seed " + seed + "]";
    }

    @Override
    public String toString() {
        return show();
    }
}

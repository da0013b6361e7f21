package dev.chainrule.cli;

import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Value;
import dev.chainrule.print.JsonStrings;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code chainrule eval} prints, from either engine: the value, then each kind of derivative
 * asked for, keyed by variable ({@code "x,y"} for a block of a Hessian). A gradient is in its
 * variable's shape; a Jacobian or a Hessian is nested arrays, the function's indices first, then
 * the variable's, whatever the engine's own layout (both give row-major entries).
 */
final class Results {
    private final Shape function;
    private final Value value;
    private final Map<String, String> gradients = new LinkedHashMap<>();
    private final Map<String, String> jacobians = new LinkedHashMap<>();
    private final Map<String, String> hessians = new LinkedHashMap<>();
    private Map<String, Integer> dimensions = Map.of();

    Results(Shape function, Value value) {
        this.function = function;
        this.value = value;
    }

    /** The sizes of the symbolic dimensions, for the nesting of Jacobians and Hessians. */
    Results with(Map<String, Integer> dimensions) {
        this.dimensions = dimensions;
        return this;
    }

    void gradient(Expr.Variable v, Value gradient) {
        gradients.put(v.name(), gradient.toJson());
    }

    /** ∂f/∂v, any value whose entries are the Jacobian's, row by row. */
    void jacobian(Expr.Variable v, Value entries) {
        jacobians.put(v.name(), nested(entries, function, v.shape()));
    }

    /** ∂²f/∂x∂y, any value whose entries are the block's, row by row. */
    void hessian(Expr.Variable x, Expr.Variable y, Value entries) {
        hessians.put(x == y ? x.name() : x.name() + "," + y.name(), nested(entries, x.shape(), y.shape()));
    }

    private String nested(Value entries, Shape outer, Shape inner) {
        List<Integer> sizes = new ArrayList<>();
        addSizes(outer, sizes);
        addSizes(inner, sizes);
        return entries.toJson(sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    private void addSizes(Shape s, List<Integer> sizes) {
        if (s.isMatrix()) {
            sizes.add(size(s.rows()));
            sizes.add(size(s.cols()));
        } else if (!s.isScalar()) {
            sizes.add(size(s.length()));
        }
    }

    private int size(Dim d) {
        return d.value(dimensions::get);
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\"value\": ").append(value.toJson());
        member(json, "gradient", gradients);
        member(json, "jacobian", jacobians);
        member(json, "hessian", hessians);
        return json.append('}').toString();
    }

    private static void member(StringBuilder json, String name, Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> members = new ArrayList<>();
        entries.forEach((key, text) -> members.add(JsonStrings.quote(key) + ": " + text));
        json.append(", ").append(JsonStrings.quote(name)).append(": {").append(String.join(", ", members)).append('}');
    }
}

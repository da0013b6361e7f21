package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.*;
import dev.chainrule.typing.Formula;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse accumulation, one rule per operator: given the adjoint {@code g} of a node {@code y}
 * (∂f/∂y, in y's shape), what each operand receives. Operands are named by their role; {@code one}
 * is the all-ones value of the first operand's shape, {@code I} the identity, {@code d} the
 * element-wise derivative of an applied function. With these the paper's rules appear directly:
 * the product {@code A*B} sends {@code g Bᵀ} to A and {@code Aᵀ g} to B; the sum reduction sends
 * {@code g·1⃗}; scalar expansion ({@code s·1⃗}) sends {@code sum(g)} to s.
 */
final class AdjointRules {
    private AdjointRules() {}

    /** The operands' role names and, per operand, the formula for what it receives. */
    record AdjointRule(List<String> roles, List<Formula> contributions) {}

    private static final Map<Class<? extends Expr>, AdjointRule> RULES = Map.ofEntries(
            rule(Add.class,            "a b", "g",                      "g"),
            rule(Negate.class,         "a",   "-g"),
            rule(Scale.class,          "s x", "sum(g .* x)",            "s*g"),
            rule(Hadamard.class,       "a b", "g .* b",                 "g .* a"),
            rule(Divide.class,         "a b", "g ./ b",                 "-(g .* y ./ b)"),
            rule(Power.class,          "a p", "g .* p .* a .^ (p - 1)", "g .* y .* log(a)"),
            rule(Product.class,        "A B", "g*B'",                   "A'*g"),
            rule(Transpose.class,      "A",   "g'"),
            rule(Apply.class,          "x",   "g .* d"),
            rule(Max.class,            "a b", "g .* step(a - b)",       "g .* (1 - step(a - b))"),
            rule(Sum.class,            "x",   "g*one"),
            rule(Norm2.class,          "x",   "(g/y)*x"),
            rule(LogSumExp.class,      "x",   "g*softmax(x)"),
            rule(Softmax.class,        "x",   "y .* (g - sum(y .* g))"),
            rule(Trace.class,          "A",   "g*I"),
            rule(Det.class,            "A",   "(g*y)*inv(A)'"),
            rule(LogDet.class,         "A",   "g*inv(A)'"),
            rule(Inverse.class,        "A",   "-(y'*g*y')"),
            rule(DiagonalMatrix.class, "x",   "diag(g)"),
            rule(Diagonal.class,       "A",   "diag(g)"));

    private static Map.Entry<Class<? extends Expr>, AdjointRule> rule(Class<? extends Expr> type, String roles,
                                                                      String... contributions) {
        return Map.entry(type, new AdjointRule(List.of(roles.split(" ")),
                Arrays.stream(contributions).map(Formula::of).toList()));
    }

    static boolean covers(Class<? extends Expr> type) {
        return RULES.containsKey(type);
    }

    /**
     * What operand {@code index} of {@code node} receives when the node's adjoint is {@code g}: by
     * the table's formula, or for the operators that only move entries, by {@link StructuralAdjoints};
     * always in the operand's own shape (see {@link Conformance}).
     */
    static Expr contribution(Expr node, int index, Expr g) {
        Expr operand = node.children().get(index);
        return Conformance.to(operand.shape(), uncheckedContribution(node, index, g), node);
    }

    private static Expr uncheckedContribution(Expr node, int index, Expr g) {
        if (StructuralAdjoints.covers(node)) {
            return StructuralAdjoints.contribution(node, index, g);
        }
        AdjointRule rule = RULES.get(node.getClass());
        List<Expr> operands = node.children();
        Map<String, Expr> bindings = new HashMap<>();
        for (int i = 0; i < operands.size(); i++) {
            bindings.put(rule.roles().get(i), operands.get(i));
        }
        bindings.put("g", g);
        bindings.put("y", node);
        Expr first = operands.get(0);
        bindings.put("one", Expr.ones(first.shape()));
        if (first.shape().isMatrix()) {
            bindings.put("I", Expr.identity(first.shape().rows()));
        }
        if (node instanceof Apply apply) {
            bindings.put("d", ElementwiseDerivatives.derivative(apply));
        }
        return rule.contributions().get(index).instantiate(bindings);
    }
}

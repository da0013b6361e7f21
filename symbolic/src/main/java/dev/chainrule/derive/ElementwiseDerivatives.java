package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.typing.Formula;
import java.util.EnumMap;
import java.util.Map;

/**
 * The derivative of every element-wise function, one per line, as a formula in {@code x} (the
 * argument) and {@code y} (the function's value, reused where the derivative is cheaper from it).
 * Non-smooth points follow the paper: relu'(0) = step(0) = 0, abs'(0) = sign(0) = 0.
 */
final class ElementwiseDerivatives {
    private ElementwiseDerivatives() {}

    private static final Map<Fn, Formula> DERIVATIVES = new EnumMap<>(Map.ofEntries(
            Map.entry(Fn.SIN,      Formula.of("cos(x)")),
            Map.entry(Fn.COS,      Formula.of("-sin(x)")),
            Map.entry(Fn.TAN,      Formula.of("1 + y .^ 2")),
            Map.entry(Fn.ARCSIN,   Formula.of("1 ./ sqrt(1 - x .^ 2)")),
            Map.entry(Fn.ARCCOS,   Formula.of("-(1 ./ sqrt(1 - x .^ 2))")),
            Map.entry(Fn.ARCTAN,   Formula.of("1 ./ (1 + x .^ 2)")),
            Map.entry(Fn.EXP,      Formula.of("y")),
            Map.entry(Fn.LOG,      Formula.of("1 ./ x")),
            Map.entry(Fn.SQRT,     Formula.of("0.5 ./ y")),
            Map.entry(Fn.TANH,     Formula.of("1 - y .^ 2")),
            Map.entry(Fn.ABS,      Formula.of("sign(x)")),
            Map.entry(Fn.SIGN,     Formula.of("0 .* x")),
            Map.entry(Fn.RELU,     Formula.of("step(x)")),
            Map.entry(Fn.SIGMOID,  Formula.of("y .* (1 - y)")),
            Map.entry(Fn.SOFTPLUS, Formula.of("sigmoid(x)")),
            Map.entry(Fn.STEP,     Formula.of("0 .* x"))));

    /** f'(x) element-wise, for the node {@code y = f(x)}. */
    static Expr derivative(Expr.Apply y) {
        return DERIVATIVES.get(y.fn()).instantiate(Map.of("x", y.operand(), "y", y));
    }

    static boolean covers(Fn fn) {
        return DERIVATIVES.containsKey(fn);
    }
}

package dev.chainrule.graph;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The element-wise functions of the language. Each applies to every entry of a vector or matrix.
 * Their derivatives live with the other derivative rules, in {@code dev.chainrule.derive}.
 */
public enum Fn {
    SIN("sin", Math::sin),
    COS("cos", Math::cos),
    TAN("tan", Math::tan),
    ARCSIN("arcsin", Math::asin),
    ARCCOS("arccos", Math::acos),
    ARCTAN("arctan", Math::atan),
    EXP("exp", Math::exp),
    LOG("log", Math::log),
    SQRT("sqrt", Math::sqrt),
    TANH("tanh", Math::tanh),
    ABS("abs", Math::abs),
    /** sign(x): -1, 0 or 1; the derivative of abs. */
    SIGN("sign", Math::signum),
    /** max(0, x), the paper's rectifier. */
    RELU("relu", x -> x > 0 ? x : 0.0),
    SIGMOID("sigmoid", Fn::sigmoid),
    /** log(1 + exp(x)), computed without overflow. */
    SOFTPLUS("softplus", x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
    /** The Heaviside step, 1 where x > 0 and 0 elsewhere: the derivative of relu (0 at 0, as in the paper). */
    STEP("step", x -> x > 0 ? 1.0 : 0.0);

    private final String symbol;
    private final DoubleUnaryOperator apply;

    Fn(String symbol, DoubleUnaryOperator apply) {
        this.symbol = symbol;
        this.apply = apply;
    }

    /** The function's name in the language. */
    public String symbol() {
        return symbol;
    }

    public double apply(double x) {
        return apply.applyAsDouble(x);
    }

    public static Optional<Fn> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(f -> f.symbol.equals(symbol)).findFirst();
    }

    private static double sigmoid(double x) {
        // Either branch keeps exp's argument non-positive, so nothing overflows.
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}

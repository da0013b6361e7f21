package dev.chainrule.codegen.loop;

import dev.chainrule.graph.Fn;

/**
 * How each element-wise function is computed in generated code: a {@code java.lang.Math} method,
 * an inline expression, or a numerically careful private helper written into the class.
 */
enum MathFunction {
    SIN("Math.sin"), COS("Math.cos"), TAN("Math.tan"), ASIN("Math.asin"), ACOS("Math.acos"), ATAN("Math.atan"),
    EXP("Math.exp"), LOG("Math.log"), SQRT("Math.sqrt"), TANH("Math.tanh"), ABS("Math.abs"), SIGNUM("Math.signum"),
    /** max(0, x), inline. */
    RELU(null),
    /** 1 where x > 0, else 0, inline. */
    STEP(null),
    /** 1/(1 + e^-x) without overflow: a helper. */
    SIGMOID("sigmoid"),
    /** log(1 + e^x) without overflow: a helper. */
    SOFTPLUS("softplus"),
    /** The power of two a norm's entries are scaled by so that their squares cannot overflow: a helper. */
    NORM2_SCALE("norm2Scale");

    private final String javaName;

    MathFunction(String javaName) {
        this.javaName = javaName;
    }

    /** The method called, or null for functions written inline. */
    String javaName() {
        return javaName;
    }

    /**
     * Whether computing it calls a library routine (exp, log, tanh, …), as opposed to a few
     * instructions (|x|, √x, max(0, x), a sign, a power of two): a call the JIT cannot see through, around which
     * every value a loop keeps in a register is saved and restored.
     */
    boolean isCall() {
        return switch (this) {
            case ABS, SQRT, SIGNUM, RELU, STEP, NORM2_SCALE -> false;
            default -> true;
        };
    }

    boolean isHelper() {
        return this == SIGMOID || this == SOFTPLUS || this == NORM2_SCALE;
    }

    static MathFunction of(Fn fn) {
        return switch (fn) {
            case SIN -> SIN;
            case COS -> COS;
            case TAN -> TAN;
            case ARCSIN -> ASIN;
            case ARCCOS -> ACOS;
            case ARCTAN -> ATAN;
            case EXP -> EXP;
            case LOG -> LOG;
            case SQRT -> SQRT;
            case TANH -> TANH;
            case ABS -> ABS;
            case SIGN -> SIGNUM;
            case RELU -> RELU;
            case STEP -> STEP;
            case SIGMOID -> SIGMOID;
            case SOFTPLUS -> SOFTPLUS;
        };
    }
}

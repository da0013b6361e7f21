package dev.chainrule.codegen.loop;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.chainrule.syntax.Precision;

/**
 * How a generated class spells its numbers in Java, for its {@link Precision}: the one place that
 * decides the type of its arrays, arguments, locals and results ({@code double} or {@code float}),
 * its literals ({@code 0.0f}) and the narrowing of {@code java.lang.Math}'s double results.
 *
 * <p>A float class computes in float throughout, with float accumulators in several lanes as the
 * double class has double ones; only {@code Math}'s exp, log, sqrt, tanh… are computed in double
 * (Java has no float versions) and narrowed once. Measured (FloatBenchmark, one quick fork, a
 * loaded machine, float time over double time): with float storage but double arithmetic in
 * between, every conversion cost more than the halved bytes saved: the paper's loss 2.1, logistic
 * regression 1.8, softmax 2.0, the quadratic form 1.5 and only the 128 MB quadratic form 0.52
 * (C2 vectorises no loop that converts float to double and back, the gradient's axpy among them);
 * in float throughout 1.0, 1.1, 1.3, 1.1 and 0.42, and the 40 MB logistic regression 0.96. The
 * price is accuracy: a float sum of k terms may be off by about k·2⁻²⁴ of its terms' magnitudes
 * (5e-5 relative for logistic regression over 100,000 rows), where the careful forms (norm2's
 * scaling, log-sum-exp's shift, softplus, sigmoid) keep every intermediate within float's range.
 */
public enum NumberType {
    DOUBLE(Precision.DOUBLE, TypeName.DOUBLE, "Double",
            "about 1e-16 relative (53-bit significands)"),
    FLOAT(Precision.FLOAT, TypeName.FLOAT, "Float",
            "about 6e-8 relative per operation (24-bit significands)");

    private final Precision precision;
    private final TypeName scalar;
    private final String wrapper;
    private final String accuracy;

    NumberType(Precision precision, TypeName scalar, String wrapper, String accuracy) {
        this.precision = precision;
        this.scalar = scalar;
        this.wrapper = wrapper;
        this.accuracy = accuracy;
    }

    public static NumberType of(Precision precision) {
        return precision == Precision.FLOAT ? FLOAT : DOUBLE;
    }

    public Precision precision() {
        return precision;
    }

    /** The Java keyword of the scalar type: {@code double} or {@code float}. */
    public String keyword() {
        return precision.keyword();
    }

    /** The type of scalar arguments and results. */
    public TypeName scalar() {
        return scalar;
    }

    /** The type of vector and matrix arguments, outputs and workspace arrays. */
    public TypeName array() {
        return ArrayTypeName.of(scalar);
    }

    /**
     * The lower bound of a fast range, as Java. For a sum of squares: 2⁻⁹⁰⁰ in double, 2⁻¹⁰⁰ in
     * float, far above the subnormal numbers (below 2⁻¹⁰²² and 2⁻¹²⁶), so that what underflow takes
     * from each square (under 2⁻¹⁰⁷⁵, 2⁻¹⁵⁰) stays far below the sum's last bit.
     */
    public String low(Stmt.FastRange range) {
        return this == DOUBLE ? "0x1.0p-900" : "0x1.0p-100f";
    }

    /** The upper bound of a fast range, as Java: the largest finite number, past which a sum overflowed. */
    public String high(Stmt.FastRange range) {
        return wrapper + ".MAX_VALUE";
    }

    /** The boxed class that names the constants ({@code Float.NaN}). */
    public String wrapper() {
        return wrapper;
    }

    /** The rounding of results, for the Javadoc. */
    public String accuracy() {
        return accuracy;
    }

    /**
     * A {@code double} Java expression narrowed to this type: itself for {@code double},
     * {@code (float) x} or {@code (float) (a + b)} for {@code float}.
     */
    public String narrow(String doubleExpression) {
        if (this == DOUBLE) {
            return doubleExpression;
        }
        return "(float) " + (isPrimary(doubleExpression) ? doubleExpression : "(" + doubleExpression + ")");
    }

    /**
     * A call of a {@code double} method of {@code java.lang.Math} as a value of this type:
     * {@code (float) Math.exp(x)} for float.
     */
    public String fromDouble(String doubleCall) {
        return this == DOUBLE ? doubleCall : "(float) " + doubleCall;
    }

    /** A literal of this type: {@code 1.0} or {@code 1.0f}. */
    public String literal(String doubleLiteral) {
        return this == DOUBLE ? doubleLiteral : doubleLiteral + "f";
    }

    /** A name, an array entry or a call: an operand a cast binds to without parentheses. */
    private static boolean isPrimary(String expression) {
        return expression.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*(\\[[^\\[\\]]*\\])?")
                || expression.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*\\((?:[^()]|\\([^()]*\\))*\\)");
    }
}

package dev.chainrule.codegen.loop;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.chainrule.syntax.Precision;

/**
 * How a generated class spells its numbers in Java, for its {@link Precision}: the one place that
 * decides the type of its arrays, arguments and results ({@code double} or {@code float}), and
 * how a value computed in {@code double} is narrowed into them.
 *
 * <p>In both precisions the arithmetic on locals is {@code double}: a {@code float} class stores
 * its arguments, outputs and workspace as {@code float[]} and narrows each value once, where it is
 * stored or returned. {@code java.lang.Math} has no {@code float} exp, log or tanh, so they cost
 * the same either way; a scalar accumulator in {@code double} costs no more than one in
 * {@code float} (the same scalar instructions), keeps a sum over many terms to {@code float}'s
 * accuracy instead of losing a bit per doubling of its terms, and keeps the numerically careful
 * forms careful: a square of 1e30 or an exp of 100 does not overflow before the scaling or the
 * shift that make {@code norm2} and log-sum-exp safe. What {@code float} saves is memory: half the
 * bytes per array entry, and a call bound by streaming its data (most calls over large data) reads
 * half as many. FloatBenchmark measures the two side by side.
 */
public enum NumberType {
    DOUBLE(Precision.DOUBLE, TypeName.DOUBLE, "Double",
            "about 1e-16 relative (53-bit significands)"),
    FLOAT(Precision.FLOAT, TypeName.FLOAT, "Float",
            "about 6e-8 relative per stored value (24-bit significands), computed in double between stores");

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

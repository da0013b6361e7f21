package dev.chainrule.codegen.loop;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The private static helpers a generated class may carry, written into it so that it needs no
 * runtime library: numerically careful sigmoid and softplus, e^x in double, and LU factorisation with
 * partial pivoting for {@code inv}, {@code det} and {@code logdet}. Only the helpers a class calls are added.
 */
final class Helpers {
    /** exp's table of 2^(j/64), a constant of the class; its name is upper case, which no generated local is. */
    static final String EXP_TABLE = "TWO_TO_SIXTY_FOURTHS";

    private Helpers() {}

    /** The helpers called and those they call: sigmoid and softplus call exp in a double class. */
    private static Set<String> withDependencies(Set<String> called, NumberType numbers) {
        Set<String> names = new LinkedHashSet<>(called);
        if (names.contains("sigmoid") || names.contains("softplus")) {
            names.add("exp");
        }
        return names;
    }

    /** The private static constants of the helpers of those names: exp's table. */
    static List<FieldSpec> constants(Set<String> called, NumberType numbers) {
        if (!withDependencies(called, numbers).contains("exp")) {
            return List.of();
        }
        return List.of(FieldSpec.builder(double[].class, EXP_TABLE, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("2<sup>j/64</sup> for j = 0, …, 63, the table {@link #exp} scales by: StrictMath's, so "
                        + "the same on every machine.\n")
                .initializer("twoToSixtyFourths()")
                .build());
    }

    private static MethodSpec.Builder sigmoid(TypeName type) {
        return MethodSpec.methodBuilder("sigmoid").addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(type);
    }

    /** The sigmoid's last steps, from x and e = exp(-|x|). */
    private static CodeBlock sigmoidFromExp(TypeName type, String one) {
        return CodeBlock.builder()
                .addStatement("final $T reciprocal = $L / ($L + e)", type, one, one)
                .addStatement("return x >= 0 ? reciprocal : e * reciprocal")
                .build();
    }

    private static MethodSpec.Builder softplus(TypeName type) {
        return MethodSpec.methodBuilder("softplus").addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(type);
    }

    /** The softplus's last steps, from x and e = exp(-|x|). */
    private static CodeBlock softplusFromExp(String zero, NumberType numbers) {
        return CodeBlock.builder()
                .add("// log1p(e) for e in [0, 1] from Math.log, an intrinsic where Math.log1p is not: 1 + e\n")
                .add("// rounds, and (e - (u - 1)) / u restores what it lost (within 1 ulp of StrictMath.log1p)\n")
                .addStatement("final double u = 1.0 + e")
                .addStatement("return Math.max(x, $L) + $L", zero, numbers.fromDouble("(Math.log(u) + (e - (u - 1.0)) / u)"))
                .build();
    }

    static List<MethodSpec> used(Set<String> names) {
        return used(names, NumberType.DOUBLE);
    }

    /**
     * The helpers of those names, on the class's number type. In a float class the calls of
     * {@code java.lang.Math}'s double methods are narrowed once, and the careful forms stay careful
     * in float's range: exp's argument is never positive, the norm's scale is float's.
     */
    static List<MethodSpec> used(Set<String> called, NumberType numbers) {
        Set<String> names = withDependencies(called, numbers);
        TypeName type = numbers.scalar();
        String zero = numbers.literal("0.0");
        String one = numbers.literal("1.0");
        List<MethodSpec> methods = new ArrayList<>();
        if (names.contains("square")) {
            methods.add(unary(type, "square", "return x * x", "x²."));
        }
        if (names.contains("cube")) {
            // Math.pow(x, 3.0) costs tens of nanoseconds where two multiplications cost one.
            methods.add(unary(type, "cube", "return x * x * x", "x³."));
        }
        if (names.contains("relu")) {
            methods.add(unary(type, "relu", "return x > 0 ? x : " + zero, "max(0, x), the rectifier."));
        }
        if (names.contains("step")) {
            methods.add(unary(type, "step", "return x > 0 ? " + one + " : " + zero,
                    "The derivative of the rectifier: 1 where x &gt; 0, else 0 (0 at 0, as in the paper)."));
        }
        if (names.contains("exp")) {
            // In double in a float class too, narrowed once, as Math.exp was (Java has no float exp).
            methods.add(exp());
            methods.add(twoToSixtyFourths());
        }
        if (names.contains("sigmoid")) {
            methods.add(sigmoid(type)
                    .addJavadoc("1 / (1 + exp(-x)), with exp's argument never positive, so it cannot overflow: "
                            + "with e = exp(-|x|),\n1 / (1 + e) where x ≥ 0, e / (1 + e) where not. One exp and a "
                            + "choice between two values\n(which the JIT makes without a branch) rather than a branch "
                            + "on the sign: over samples\nof either sign, a branch mispredicts half the time.\n")
                    .addParameter(type, "x")
                    .addStatement("final $T e = $L", type, expOf("-Math.abs(x)", numbers))
                    .addCode(sigmoidFromExp(type, one))
                    .build());
        }
        if (names.contains("sigmoid" + SharedExp.HELPER_SUFFIX)) {
            methods.add(sigmoid(type)
                    .addJavadoc("The sigmoid 1 / (1 + exp(-x)) from e = exp(-|x|), computed once for it and a softplus\n"
                            + "of the same x: 1 / (1 + e) where x ≥ 0, e / (1 + e) where not.\n")
                    .addParameter(type, "x")
                    .addParameter(type, "e")
                    .addCode(sigmoidFromExp(type, one))
                    .build());
        }
        if (names.contains("softplus")) {
            methods.add(softplus(type)
                    .addJavadoc("""
                            log(1 + exp(x)), as max(x, 0) + log1p(exp(-|x|)) so that it cannot overflow; within 1e-15
                            relative of StrictMath's$L.
                            """, numbers == NumberType.DOUBLE ? "" : " before the one rounding to float")
                    .addParameter(type, "x")
                    .addStatement("final double e = exp(-Math.abs(x))")
                    .addCode(softplusFromExp(zero, numbers))
                    .build());
        }
        if (names.contains("softplus" + SharedExp.HELPER_SUFFIX)) {
            methods.add(softplus(type)
                    .addJavadoc("The softplus log(1 + exp(x)) from e = exp(-|x|), computed once for it and a sigmoid\n"
                            + "of the same x: max(x, 0) + log1p(e), which cannot overflow.\n")
                    .addParameter(type, "x")
                    .addParameter(type, "e")
                    .addCode(softplusFromExp(zero, numbers))
                    .build());
        }
        if (names.contains("norm2Scale")) {
            methods.add(MethodSpec.methodBuilder("norm2Scale")
                    .addJavadoc("2<sup>-e</sup> for the binary exponent e of {@code largest}, the largest magnitude of a "
                            + "norm's entries: scaled by it, their squares neither overflow nor underflow, and scaling by a "
                            + "power of two is exact. 1 where {@code largest} is 0, infinite or NaN, which the plain sum "
                            + "of squares then carries into the norm.\n")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(type)
                    .addParameter(type, "largest")
                    .addStatement("return largest > $L && largest <= $L.MAX_VALUE ? Math.scalb($L, -Math.getExponent(largest)) : $L",
                            zero, numbers.wrapper(), one, one)
                    .build());
        }
        if (names.contains("logSumExp")) {
            methods.add(MethodSpec.methodBuilder("logSumExp")
                    .addJavadoc("The last step of log Σ exp(x): {@code max + log(Σ exp(x - max))}, or the limit "
                            + "{@code max} when it is infinite.\n")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(type)
                    .addParameter(type, "max")
                    .addParameter(type, "shiftedSum")
                    .addStatement("return $L.isInfinite(max) ? max : max + $L", numbers.wrapper(),
                            numbers.fromDouble("Math.log(shiftedSum)"))
                    .build());
        }
        if (names.contains("luFactor")) {
            methods.add(luFactor(numbers));
        }
        if (names.contains("luInverse")) {
            methods.add(luInverse(numbers));
        }
        return methods;
    }

    /**
     * e^x by Tang's table-driven method, in place of the {@code Math.exp} intrinsic, which it beats by
     * about 1.5 times in a loop (benchmarks' ExpBenchmark): the JIT inlines it and overlaps iterations,
     * where a call of the intrinsic's stub serialises them. Within 2 ulps of {@code StrictMath.exp}.
     */
    private static MethodSpec exp() {
        return MethodSpec.methodBuilder("exp")
                .addJavadoc("""
                        e<sup>x</sup> within 2 ulps (relative error below 4e-16) of {@code StrictMath.exp}, and
                        exact at 0, ±∞ and NaN.
                        
                        <p>Tang's method: with s = round(64x / ln 2) = 64k + j steps of ln 2 / 64, x = s ln 2 / 64 + r, |r| ≤ ln 2 / 128,
                        and e<sup>x</sup> = 2<sup>k</sup> · 2<sup>j/64</sup> · e<sup>r</sup>: ln 2 / 64 in two parts
                        (the first of 32 significant bits, so that s times it is exact), 2<sup>j/64</sup> from a table,
                        e<sup>r</sup> − 1 by its Taylor polynomial of degree 5 (truncated below 2<sup>-54</sup>
                        relative), 2<sup>k</sup> built from its bits. Where |x| ≥ 708 (overflow, subnormal results, ±∞, NaN)
                        it is {@code Math.exp}.
                        """)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(double.class)
                .addParameter(double.class, "x")
                .beginControlFlow("if (!(Math.abs(x) < 708.0))")
                .addStatement("return Math.exp(x)")
                .endControlFlow()
                .addComment("x · 64 / ln 2, and adding 1.5 · 2^52 rounds it to the integer steps, held in the low bits of shifted")
                .addStatement("final double shifted = x * 92.33248261689366 + 0x1.8p52")
                .addStatement("final double steps = shifted - 0x1.8p52")
                .addComment("ln 2 / 64 in two parts: r = x - steps · ln 2 / 64")
                .addStatement("final double r = x - steps * 0x1.62e42feep-7 - steps * 0x1.a39ef35793c76p-39")
                .addStatement("final long stepBits = Double.doubleToRawLongBits(shifted)")
                .addComment("scale = 2^k · 2^(j/64), j the low 6 bits of steps and k the others")
                .addStatement("final double scale = $L[(int) stepBits & 63] * Double.longBitsToDouble(((stepBits >> 6) + 1023L) << 52)",
                        EXP_TABLE)
                .addStatement("final double r2 = r * r")
                .addComment("e^r - 1 = r + r²/2 + r³/6 + r⁴/24 + r⁵/120, in Estrin's scheme")
                .addStatement("final double expm1 = r + r2 * ((0.5 + r * 0x1.5555555555555p-3) + r2 * (0x1.5555555555555p-5 + r * 0x1.1111111111111p-7))")
                .addStatement("return scale + scale * expm1")
                .build();
    }

    /** Fills exp's table once, when the class is initialised. */
    private static MethodSpec twoToSixtyFourths() {
        return MethodSpec.methodBuilder("twoToSixtyFourths")
                .addJavadoc("The table of 2<sup>j/64</sup>, j = 0, …, 63, for {@link #exp}: computed once, when the class "
                        + "is initialised.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(double[].class)
                .addStatement("final double[] table = new double[64]")
                .beginControlFlow("for (int j = 0; j < 64; j++)")
                .addStatement("table[j] = StrictMath.pow(2.0, j / 64.0)")
                .endControlFlow()
                .addStatement("return table")
                .build();
    }

    /** e^argument: the class's {@link #exp} in double, Math.exp narrowed in float. */
    private static String expOf(String argument, NumberType numbers) {
        return numbers.fromDouble("exp(" + argument + ")");
    }

    private static MethodSpec unary(TypeName type, String name, String body, String doc) {
        return MethodSpec.methodBuilder(name)
                .addJavadoc(doc + "\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(type)
                .addParameter(type, "x")
                .addStatement(body)
                .build();
    }

    private static MethodSpec luFactor(NumberType numbers) {
        String number = numbers.keyword();
        return MethodSpec.methodBuilder("luFactor")
                .addJavadoc("Copies the n × n matrix {@code a} into {@code lu} and factors it in place, PA = LU with "
                        + "partial pivoting.\n\n@return the sign of the permutation, or 0 when a pivot is 0 (a singular "
                        + "matrix: det is then 0, logdet -∞, and the inverse NaN), or NaN when an entry is NaN or "
                        + "infinite (everything computed from the factors is then NaN)\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(numbers.scalar())
                .addParameter(numbers.array(), "a")
                .addParameter(numbers.array(), "lu")
                .addParameter(int[].class, "pivots")
                .addParameter(TypeName.INT, "n")
                .addStatement("System.arraycopy(a, 0, lu, 0, n * n)")
                .beginControlFlow("for (int i = 0; i < n * n; i++)")
                .beginControlFlow("if (Double.isNaN(lu[i]) || Double.isInfinite(lu[i]))")
                .addStatement("java.util.Arrays.fill(lu, 0, n * n, $L.NaN)", numbers.wrapper())
                .addStatement("return $L.NaN", numbers.wrapper())
                .endControlFlow()
                .endControlFlow()
                .addStatement("$L sign = $L", number, numbers.literal("1.0"))
                .beginControlFlow("for (int k = 0; k < n; k++)")
                .addStatement("int pivot = k")
                .addStatement("$L largest = Math.abs(lu[k * n + k])", number)
                .beginControlFlow("for (int i = k + 1; i < n; i++)")
                .addStatement("final $L candidate = Math.abs(lu[i * n + k])", number)
                .beginControlFlow("if (candidate > largest)")
                .addStatement("largest = candidate")
                .addStatement("pivot = i")
                .endControlFlow()
                .endControlFlow()
                .addStatement("pivots[k] = pivot")
                .beginControlFlow("if (largest == $L)", numbers.literal("0.0"))
                .addStatement("sign = $L", numbers.literal("0.0"))
                .addStatement("continue")
                .endControlFlow()
                .beginControlFlow("if (pivot != k)")
                .addStatement("sign = -sign")
                .beginControlFlow("for (int j = 0; j < n; j++)")
                .addStatement("final $L swap = lu[k * n + j]", number)
                .addStatement("lu[k * n + j] = lu[pivot * n + j]")
                .addStatement("lu[pivot * n + j] = swap")
                .endControlFlow()
                .endControlFlow()
                .addStatement("final $L diagonal = lu[k * n + k]", number)
                .beginControlFlow("for (int i = k + 1; i < n; i++)")
                .addStatement("final $L factor = lu[i * n + k] / diagonal", number)
                .addStatement("lu[i * n + k] = factor")
                .beginControlFlow("for (int j = k + 1; j < n; j++)")
                .addStatement("lu[i * n + j] -= factor * lu[k * n + j]")
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .addStatement("return sign")
                .build();
    }

    private static MethodSpec luInverse(NumberType numbers) {
        String number = numbers.keyword();
        return MethodSpec.methodBuilder("luInverse")
                .addJavadoc("Writes the inverse of the factored matrix into {@code out}, column by column; "
                        + "NaN everywhere when the matrix is singular ({@code sign == 0}) or not finite ({@code sign} NaN).\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numbers.array(), "lu")
                .addParameter(int[].class, "pivots")
                .addParameter(numbers.scalar(), "sign")
                .addParameter(numbers.array(), "out")
                .addParameter(TypeName.INT, "n")
                .beginControlFlow("if (sign == $L || $L.isNaN(sign))", numbers.literal("0.0"), numbers.wrapper())
                .addStatement("java.util.Arrays.fill(out, 0, n * n, $L.NaN)", numbers.wrapper())
                .addStatement("return")
                .endControlFlow()
                .beginControlFlow("for (int column = 0; column < n; column++)")
                // Solve A x = e_column: permute, forward substitution with L, back substitution with U.
                .beginControlFlow("for (int i = 0; i < n; i++)")
                .addStatement("out[i * n + column] = i == column ? $L : $L", numbers.literal("1.0"), numbers.literal("0.0"))
                .endControlFlow()
                .beginControlFlow("for (int k = 0; k < n; k++)")
                .addStatement("final int p = pivots[k]")
                .beginControlFlow("if (p != k)")
                .addStatement("final $L swap = out[k * n + column]", number)
                .addStatement("out[k * n + column] = out[p * n + column]")
                .addStatement("out[p * n + column] = swap")
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("for (int i = 0; i < n; i++)")
                .addStatement("$L sum = out[i * n + column]", number)
                .beginControlFlow("for (int k = 0; k < i; k++)")
                .addStatement("sum -= lu[i * n + k] * out[k * n + column]")
                .endControlFlow()
                .addStatement("out[i * n + column] = sum")
                .endControlFlow()
                .beginControlFlow("for (int i = n - 1; i >= 0; i--)")
                .addStatement("$L sum = out[i * n + column]", number)
                .beginControlFlow("for (int k = i + 1; k < n; k++)")
                .addStatement("sum -= lu[i * n + k] * out[k * n + column]")
                .endControlFlow()
                .addStatement("out[i * n + column] = sum / lu[i * n + i]")
                .endControlFlow()
                .endControlFlow()
                .build();
    }
}

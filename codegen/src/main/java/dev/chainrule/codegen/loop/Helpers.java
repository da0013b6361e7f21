package dev.chainrule.codegen.loop;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The private static helpers a generated class may carry, written into it so that it needs no
 * runtime library: numerically careful sigmoid and softplus, and LU factorisation with partial
 * pivoting for {@code inv}, {@code det} and {@code logdet}. Only the helpers a class calls are added.
 */
final class Helpers {
    private Helpers() {}

    static List<MethodSpec> used(Set<String> names) {
        return used(names, NumberType.DOUBLE);
    }

    /**
     * The helpers of those names, on the class's number type. In a float class the calls of
     * {@code java.lang.Math}'s double methods are narrowed once, and the careful forms stay careful
     * in float's range: exp's argument is never positive, the norm's scale is float's.
     */
    static List<MethodSpec> used(Set<String> names, NumberType numbers) {
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
        if (names.contains("sigmoid")) {
            methods.add(MethodSpec.methodBuilder("sigmoid")
                    .addJavadoc("1 / (1 + exp(-x)), with exp's argument never positive, so it cannot overflow.\n")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(type)
                    .addParameter(type, "x")
                    .beginControlFlow("if (x >= 0)")
                    .addStatement("return $L / ($L + $L)", one, one, numbers.fromDouble("Math.exp(-x)"))
                    .endControlFlow()
                    .addStatement("final $T e = $L", type, numbers.fromDouble("Math.exp(x)"))
                    .addStatement("return e / ($L + e)", one)
                    .build());
        }
        if (names.contains("softplus")) {
            methods.add(unary(type, "softplus", "return Math.max(x, " + zero + ") + "
                    + numbers.fromDouble("Math.log1p(Math.exp(-Math.abs(x)))"),
                    "log(1 + exp(x)), as max(x, 0) + log1p(exp(-|x|)) so that it cannot overflow."));
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

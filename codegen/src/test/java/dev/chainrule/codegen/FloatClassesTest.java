package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Precision;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/**
 * {@code precision float}: the same class on {@code float} and {@code float[]}, whose careful forms
 * stay careful in float's range (3.4e38), compiled warning-free for Java 8 by {@link InMemoryCompiler}.
 */
class FloatClassesTest {
    private static final String STABLE = """
            precision float;
            function lse(x: vector[2]) = log(sum(exp(x))) gradient wrt x;
            function norm(x: vector[2]) = norm2(x) gradient wrt x;
            function soft(a: scalar) = log(1 + exp(a)) gradient wrt a;
            function sig(a: scalar) = log(sigmoid(a)) gradient wrt a;
            function det2(A: matrix[2, 2]) = logdet(A) gradient wrt A;
            """;

    private static TypedFile file(String text) {
        return TypeChecker.file(CalcSyntax.parseFile(new Source("float.calc", text)));
    }

    private static double valueAndGradient(CompiledFunction f, String variable, double[] x, double[] gradient) {
        return f.valueAndGradient(Map.of(variable, x), Map.of(variable, gradient));
    }

    @Test
    void logSumExpAtOneHundredDoesNotOverflowFloat() {
        CompiledFunction lse = CompiledFunction.of(file(STABLE), Map.of()).get("lse");
        double[] gradient = new double[2];
        // exp(100) = 2.7e43 is past float's range; 100 + log 2 is not.
        assertEquals((float) (100 + Math.log(2)), valueAndGradient(lse, "x", new double[] {100, 100}, gradient), 0);
        assertEquals(0.5, gradient[0], 0);
        assertEquals(0.5, gradient[1], 0);
    }

    @Test
    void norm2AtOneETo30DoesNotOverflowFloat() {
        CompiledFunction norm = CompiledFunction.of(file(STABLE), Map.of()).get("norm");
        double[] gradient = new double[2];
        // (1e30)² = 1e60 is past float's range; the norm, 1.41e30, is not.
        double value = valueAndGradient(norm, "x", new double[] {1e30, 1e30}, gradient);
        assertEquals((float) (Math.sqrt(2) * (float) 1e30), value, Math.ulp((float) value));
        assertEquals((float) Math.sqrt(0.5), gradient[0], 1e-7);
        // And small entries whose squares would underflow to zero.
        assertEquals(5e-30, valueAndGradient(norm, "x", new double[] {3e-30, 4e-30}, gradient), 1e-36);
        // Squares of about 1e-43 are subnormal in float (below 1.2e-38) and keep two digits: the sum
        // is below the fast path's 2⁻¹⁰⁰, so the scaled computation gives every bit.
        assertEquals(5e-22, valueAndGradient(norm, "x", new double[] {3e-22, 4e-22}, gradient), 5e-22 * 1e-6);
    }

    @Test
    void softplusAndLogSigmoidStayFiniteFarOut() {
        Map<String, CompiledFunction> f = CompiledFunction.of(file(STABLE), Map.of());
        double[] gradient = new double[1];
        assertEquals(100, valueAndGradient(f.get("soft"), "a", new double[] {100}, gradient), 0);
        assertEquals(1, gradient[0], 0);
        assertEquals(-100, valueAndGradient(f.get("sig"), "a", new double[] {-100}, gradient), 0);
        assertEquals(1, gradient[0], 0);
    }

    @Test
    void logdetInFloatAgreesWithTheClosedForm() {
        CompiledFunction det = CompiledFunction.of(file(STABLE), Map.of()).get("det2");
        double[] gradient = new double[4];
        // logdet [[2, 1], [1, 3]] = log 5; its gradient is the inverse transposed, [[3, -1], [-1, 2]] / 5.
        assertEquals(Math.log(5), valueAndGradient(det, "A", new double[] {2, 1, 1, 3}, gradient), 1e-6);
        assertEquals(0.6, gradient[0], 1e-6);
        assertEquals(-0.2, gradient[1], 1e-6);
        assertEquals(0.4, gradient[3], 1e-6);
    }

    @Test
    void theFloatClassHasTheDoubleClassesMethodsOnFloatTypes() {
        String logistic = """
                function logistic(w: vector[n], X: matrix[N, n], y: vector[N]) = sum(softplus(-y .* (X*w))) / N
                    gradient wrt w;
                """;
        JavaFile inDouble = CodeGenerator.generate(file(logistic)).get(0);
        JavaFile inFloat = CodeGenerator.generate(file(logistic), Precision.FLOAT).get(0);
        assertEquals(signatures(inDouble).replace("double", "float"), signatures(inFloat));
        assertTrue(signatures(inFloat).contains("valueAndGradientParallel(float[], float[], float[], float[], int, "
                + "java.util.concurrent.ExecutorService) -> float"), signatures(inFloat));
        // No double array but exp's table: e^x is computed in double and narrowed once, as Java has no float exp.
        assertFalse(inFloat.toString().replace("double[] TWO_TO_SIXTY_FOURTHS", "")
                .replace("final double[] table = new double[64]", "").replace("double[] twoToSixtyFourths()", "")
                .contains("double[]"), inFloat.toString());
        assertTrue(inFloat.toString().contains("(float) (Math.log(u) + (e - (u - 1.0)) / u)"), inFloat.toString());
        assertTrue(inFloat.toString().contains("Single precision ({@code precision float})"), inFloat.toString());
        // A file's own precision wins over the tool's.
        assertEquals(signatures(inDouble), signatures(CodeGenerator.generate(
                file("precision double;\n" + logistic), Precision.FLOAT).get(0)));
    }

    /** The public methods and constructors, one a line: name, parameter types, return type. */
    private static String signatures(JavaFile file) {
        return file.typeSpec().methodSpecs().stream().filter(m -> m.modifiers().contains(Modifier.PUBLIC))
                .map(FloatClassesTest::signature).collect(Collectors.joining("\n"));
    }

    private static String signature(MethodSpec m) {
        List<String> types = m.parameters().stream().map(ParameterSpec::type).map(Object::toString).toList();
        return m.name() + "(" + String.join(", ", types) + ") -> " + m.returnType();
    }
}

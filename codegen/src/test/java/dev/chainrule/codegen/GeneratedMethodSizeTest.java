package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No generated method may exceed 8,000 bytes of bytecode: HotSpot does not JIT-compile larger ones
 * (-XX:HugeMethodLimit), so an oversized method would silently run interpreted. Large bodies are split.
 */
class GeneratedMethodSizeTest {
    static final int HUGE_METHOD_LIMIT = 8000;

    /** d nested tanh(W*…) layers sharing W, with their gradient: a body that grows with d. */
    static String chain(int depth, String dimension) {
        String layer = "x";
        for (int i = 0; i < depth; i++) {
            layer = "tanh(W*" + layer + ")";
        }
        return "function chain(W: matrix[" + dimension + "," + dimension + "], x: vector[" + dimension + "]) = sum("
                + layer + ") gradient wrt W, x;";
    }

    @ParameterizedTest
    @ValueSource(strings = {"10:n", "200:n", "3:3", "40:3"})
    void everyMethodStaysUnderTheJitLimit(String spec) throws Exception {
        int depth = Integer.parseInt(spec.split(":")[0]);
        String dimension = spec.split(":")[1];
        List<JavaFile> files = CodeGenerator.generate(TypeChecker.file(CalcSyntax.parseFile(
                new Source("chain.calc", chain(depth, dimension)))));
        Map<String, byte[]> classes = InMemoryCompiler.compileToBytes(files);
        assertFalse(classes.isEmpty());
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            for (Map.Entry<String, Integer> method : MethodSizes.of(c.getValue()).entrySet()) {
                assertTrue(method.getValue() <= HUGE_METHOD_LIMIT, c.getKey() + "." + method.getKey() + " has "
                        + method.getValue() + " bytes of bytecode, over HotSpot's limit of " + HUGE_METHOD_LIMIT);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"200:n", "40:3"})
    void splitMethodsStillComputeTheGradient(String spec) {
        int depth = Integer.parseInt(spec.split(":")[0]);
        String dimension = spec.split(":")[1];
        var file = TypeChecker.file(CalcSyntax.parseFile(new Source("chain.calc", chain(depth, dimension))));
        CompiledFunction f = CompiledFunction.of(file, Map.of("n", 3)).get("chain");
        java.util.Random random = new java.util.Random(depth);
        // Small weights keep tanh away from saturation, so the chain's gradient is not vanishingly small.
        double[] W = new double[9];
        double[] x = new double[3];
        for (int i = 0; i < 9; i++) {
            W[i] = (i % 4 == 0 ? 0.9 : 0.0) + 0.05 * random.nextGaussian();
        }
        for (int i = 0; i < 3; i++) {
            x[i] = random.nextGaussian();
        }
        Map<String, double[]> args = new java.util.HashMap<>(Map.of("W", W, "x", x));
        double[] gradW = new double[9];
        double[] gradX = new double[3];
        double value = f.valueAndGradient(args, Map.of("W", gradW, "x", gradX));
        org.junit.jupiter.api.Assertions.assertEquals(f.value(args), value, 1e-12 * (1 + Math.abs(value)));
        for (int i = 0; i < 3; i++) {
            double saved = x[i];
            double h = 1e-6;
            x[i] = saved + h;
            double plus = f.value(args);
            x[i] = saved - h;
            double minus = f.value(args);
            x[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            org.junit.jupiter.api.Assertions.assertEquals(numeric, gradX[i], 1e-6 * (1 + Math.abs(numeric)));
        }
    }
}

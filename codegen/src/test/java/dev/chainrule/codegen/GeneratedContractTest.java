package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run-time contract of a generated class, as its Javadoc states it: arguments are checked
 * first (null, length, an output that is also another argument), a wrong length says what the
 * dimensions are and where they came from, and outputs are overwritten, never added to.
 */
class GeneratedContractTest {
    private static final String MODELS = """
            package test.contract;
            function ridge(A: matrix[m, n], x: vector[n], y: vector[m], lambda: scalar) =
                norm2(A*x - y)^2 + lambda * norm2(x)^2
                gradient wrt x, y
                hessian wrt x;
            function layer(W: matrix[m, n], x: vector[n]) = tanh(W*x)
                jacobian wrt x;
            function spring(p: vector[3], q: vector[3]) = norm2(p - q)^2
                gradient wrt p, q
                hessian wrt p;
            """;
    private static final Map<String, Integer> DIMS = Map.of("m", 3, "n", 2);
    private static final TypedFile FILE = TypeChecker.file(CalcSyntax.parseFile(new Source("contract.calc", MODELS)));
    private static final Map<String, CompiledFunction> COMPILED = CompiledFunction.of(FILE, DIMS);

    private static Map<String, double[]> ridgeArguments() {
        Map<String, double[]> x = new HashMap<>();
        x.put("A", new double[] {1, 2, 3, 4, 5, 6});
        x.put("x", new double[] {0.5, -1});
        x.put("y", new double[] {1, 0, -1});
        x.put("lambda", new double[] {0.1});
        return x;
    }

    @Test
    void aWrongLengthNamesTheDimensionsAndThatTheConstructorGaveThem() {
        Map<String, double[]> x = ridgeArguments();
        x.put("A", new double[7]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> COMPILED.get("ridge").value(x));
        assertEquals("A: expected length 6 (matrix[m,n], row-major), got 7; the constructor was given m = 3, n = 2",
                e.getMessage());
        Map<String, double[]> fixed = Map.of("p", new double[2], "q", new double[3]);
        e = assertThrows(IllegalArgumentException.class, () -> COMPILED.get("spring").value(fixed));
        assertEquals("p: expected length 3 (vector[3]), got 2", e.getMessage(), "no dimensions to name");
    }

    @Test
    void dimensionsWhoseProductNoArrayCanHoldGiveALengthErrorNotAnOverflow() {
        CompiledFunction huge = CompiledFunction.of(FILE, Map.of("m", 100_000, "n", 100_000)).get("ridge");
        Map<String, double[]> x = ridgeArguments();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> huge.value(x));
        assertEquals("A: expected length 10000000000 (matrix[m,n], row-major), got 6; the constructor was given "
                + "m = 100000, n = 100000", e.getMessage());
    }

    @Test
    void aWorkspaceNoArrayCanHoldIsRefusedByTheConstructor() {
        TypedFile outer = TypeChecker.file(CalcSyntax.parseFile(new Source("outer.calc",
                "function outer(x: vector[n], A: matrix[n, n]) = sum(exp(A * x * x'))\n  gradient wrt x;")));
        assertTrue(CodeGenerator.generate(outer).get(0).toString().contains("(double) n * n > Integer.MAX_VALUE"),
                "an n × n workspace");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompiledFunction.of(outer, Map.of("n", 50_000)));
        assertEquals("the workspace would need arrays of n*n entries, more than a Java array holds: n = 50000",
                e.getMessage());
        assertEquals(1, CompiledFunction.of(outer, Map.of("n", 3)).size());
    }

    @Test
    void aNullArrayIsRefusedWithItsShape() {
        Map<String, double[]> gradients = new HashMap<>();
        gradients.put("x", new double[2]);
        gradients.put("y", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> COMPILED.get("ridge").valueAndGradient(ridgeArguments(), gradients));
        assertEquals("gradY must not be null: expected vector[m]", e.getMessage());
    }

    @Test
    void anOutputThatIsAlsoAnInputOrAnotherOutputIsRefusedBeforeAnythingIsWritten() {
        CompiledFunction ridge = COMPILED.get("ridge");
        Map<String, double[]> x = ridgeArguments();
        double[] saved = x.get("x").clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ridge.valueAndGradient(x, Map.of("x", x.get("x"), "y", new double[3])));
        assertEquals("gradX is also passed as A, x or y: an output needs an array of its own", e.getMessage());
        assertArrayEquals(saved, x.get("x"), "the input is untouched");
        double[] shared = new double[2];
        Map<String, double[]> square = ridgeArguments();
        square.put("y", new double[2]);
        square.put("A", new double[4]);
        CompiledFunction squareRidge = CompiledFunction.of(FILE, Map.of("m", 2, "n", 2)).get("ridge");
        e = assertThrows(IllegalArgumentException.class,
                () -> squareRidge.valueAndGradient(square, Map.of("x", shared, "y", shared)));
        assertEquals("gradY is also passed as A, x, y or gradX: an output needs an array of its own", e.getMessage());
        double[] both = new double[3];
        Map<String, double[]> points = Map.of("p", new double[] {1, 2, 3}, "q", new double[] {0, 0, 1});
        e = assertThrows(IllegalArgumentException.class,
                () -> COMPILED.get("spring").valueAndGradient(points, Map.of("p", both, "q", both)));
        assertEquals("gradQ is also passed as p, q or gradP: an output needs an array of its own", e.getMessage());
    }

    @Test
    void outputsAreOverwrittenNeverAddedTo() {
        for (String name : new String[] {"ridge", "spring"}) {
            CompiledFunction f = COMPILED.get(name);
            Map<String, double[]> x = name.equals("ridge") ? ridgeArguments()
                    : Map.of("p", new double[] {1, 2, 3}, "q", new double[] {-1, 0.5, 2});
            Map<String, double[]> clean = new HashMap<>();
            Map<String, double[]> dirty = new HashMap<>();
            f.gradientVariables().forEach(v -> {
                int length = CompiledFunction.length(v.shape(), DIMS);
                clean.put(v.name(), new double[length]);
                double[] garbage = new double[length];
                Arrays.fill(garbage, Double.NaN);
                dirty.put(v.name(), garbage);
            });
            f.valueAndGradient(x, clean);
            f.valueAndGradient(x, dirty);
            f.valueAndGradient(x, dirty);
            clean.forEach((v, g) -> assertArrayEquals(g, dirty.get(v), name + ": grad " + v));
            int n = name.equals("ridge") ? 2 : 3;
            double[] hessian = new double[n * n];
            double[] again = new double[n * n];
            Arrays.fill(again, 1e300);
            f.derivative("hessian", name.equals("ridge") ? "x" : "p", x, hessian);
            f.derivative("hessian", name.equals("ridge") ? "x" : "p", x, again);
            assertArrayEquals(hessian, again, name + ": Hessian");
        }
        double[] jacobian = new double[6];
        double[] again = new double[6];
        Arrays.fill(again, -7);
        Map<String, double[]> layer = Map.of("W", new double[] {1, 2, 3, 4, 5, 6}, "x", new double[] {0.1, -0.2});
        COMPILED.get("layer").derivative("jacobian", "x", layer, jacobian);
        COMPILED.get("layer").derivative("jacobian", "x", layer, again);
        assertArrayEquals(jacobian, again);
    }

    @Test
    void theJavadocSaysWhatIsThrownAndThatOutputsAreOverwritten() {
        JavaFile ridge = CodeGenerator.generate(FILE, FILE.functions().get(0));
        String gradient = javadoc(ridge, "valueAndGradient");
        assertTrue(gradient.contains("@param gradX overwritten with ∂ridge/∂x = "), gradient);
        assertTrue(gradient.contains("@throws IllegalArgumentException if an array is null or its length does not fit "
                + "its shape, or if an output is also passed as an input it reads or as another output"), gradient);
        String hessian = javadoc(ridge, "hessianX");
        assertTrue(hessian.contains("@param hessianX overwritten with 2(AᵀA + lambda I)"), hessian);
        // The Hessian of a quadratic does not read x or y: only A may not be its output.
        assertTrue(hessian.contains("@throws IllegalArgumentException if an array is null or its length does not fit "
                + "its shape, or if {@code hessianX} is also passed as {@code A}\n"), hessian);
        String constructor = ridge.typeSpec().methodSpecs().get(0).javadoc().toString();
        assertTrue(constructor.contains("@throws IllegalArgumentException if a dimension is less than 1"), constructor);
        String type = ridge.typeSpec().javadoc().toString();
        assertTrue(type.contains("a method overwrites them: it never adds to what they hold"), type);
        TypedFile scalars = TypeChecker.file(CalcSyntax.parseFile(new Source("s.calc",
                "function f(a: scalar, b: scalar) = a * b;")));
        assertFalse(javadoc(CodeGenerator.generate(scalars).get(0), "value").contains("@throws"),
                "only scalars: nothing is checked, nothing thrown");
    }

    private static String javadoc(JavaFile file, String method) {
        return file.typeSpec().methodSpecs().stream().filter(m -> m.name().equals(method)).findFirst()
                .map(MethodSpec::javadoc).orElseThrow().toString();
    }
}

package examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.codegen.CompiledFunction;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.syntax.CalcFile;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.testing.CentralDifferences;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example, end to end: the generated class (the committed one, by the freshness test) agrees
 * with the reference interpreter to 1e-12 relative on value, gradients, Jacobians and Hessians, and
 * its gradients agree
 * with central finite differences to 1e-6, at random points.
 */
class ExamplesAgreeWithTheInterpreterTest {
    private static final Map<String, Integer> DIMENSIONS = Map.of("n", 7, "N", 11, "m", 5, "h", 6, "g", 5, "k", 4);

    @TestFactory
    Stream<DynamicTest> everyExampleAgreesWithTheInterpreterAndWithFiniteDifferences() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src", "main", "calculus"))) {
            sources = files.filter(p -> p.toString().endsWith(".calc")).sorted().toList();
        }
        return sources.stream().flatMap(path -> {
            TypedFile file = typed(path);
            Map<String, CompiledFunction> compiled = CompiledFunction.of(file, DIMENSIONS);
            boolean single = file.precision().equals(java.util.Optional.of(dev.chainrule.syntax.Precision.FLOAT));
            return compiled.values().stream().map(f -> DynamicTest.dynamicTest(f.function().name()
                    + (single ? " (float)" : ""), () -> check(f, single)));
        });
    }

    private static TypedFile typed(Path path) {
        try {
            return TypeChecker.file(CalcSyntax.parseFile(new Source(path.toString(), Files.readString(path))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A float class ({@code precision float}) gets arguments that are floats already, so that it and the
     * interpreter see the same numbers, and agrees to 1e-5 of the entry or of 1 (the examples' outputs
     * are of order 1 at Gaussian inputs): a float class rounds each operation to 24 bits. Central
     * differences of a float function say nothing at 1e-6, so only the interpreter checks it.
     */
    private static void check(CompiledFunction f, boolean single) {
        Random random = new Random(f.function().name().hashCode());
        List<Expr.Variable> wrt = f.gradientVariables();
        Map<Expr.Variable, Expr> gradients = Derivatives.gradients(f.function().body(), wrt);
        DerivedFunction derived = DerivedFunction.of(f.function());
        for (int trial = 0; trial < 10; trial++) {
            Map<String, double[]> arguments = new HashMap<>();
            Map<String, Value> values = new HashMap<>();
            for (Expr.Variable p : f.function().params()) {
                double[] data = new double[CompiledFunction.length(p.shape(), DIMENSIONS)];
                for (int i = 0; i < data.length; i++) {
                    data[i] = single ? (float) random.nextGaussian() : random.nextGaussian();
                }
                arguments.put(p.name(), data);
                values.put(p.name(), value(p, data));
            }
            Map<String, double[]> outputs = new HashMap<>();
            wrt.forEach(v -> outputs.put(v.name(), new double[CompiledFunction.length(v.shape(), DIMENSIONS)]));
            double generated = f.valueAndGradient(arguments, outputs);
            double interpreted = Interpreter.evaluate(f.function().body(), values, DIMENSIONS).asScalar();
            assertClose(interpreted, generated, single, "value");
            for (Expr.Variable v : wrt) {
                double[] expected = Interpreter.evaluate(gradients.get(v), values, DIMENSIONS).data();
                double[] actual = outputs.get(v.name());
                for (int i = 0; i < actual.length; i++) {
                    assertClose(expected[i], actual[i], single, "∂/∂" + v.name() + "[" + i + "] against the interpreter");
                    if (single) {
                        continue;
                    }
                    double numeric = centralDifference(f, arguments, arguments.get(v.name()), i);
                    assertTrue(Math.abs(numeric - actual[i]) <= 1e-6 * (1 + Math.abs(numeric)),
                            "∂/∂" + v.name() + "[" + i + "] = " + actual[i] + ", numerically " + numeric);
                }
            }
            for (DerivedFunction.Derivative d : derived.derivatives()) {
                if (d.direction() != null) {
                    continue;
                }
                double[] expected = Interpreter.evaluate(d.value(), values, DIMENSIONS).data();
                double[] actual = new double[expected.length];
                f.derivative(d.kind() == CalcFile.DerivativeRequest.Kind.HESSIAN ? "hessian" : "jacobian",
                        d.wrt().name(), arguments, actual);
                for (int i = 0; i < actual.length; i++) {
                    assertClose(expected[i], actual[i], single, d.kind() + " by " + d.wrt().name() + "[" + i
                            + "] against the interpreter");
                }
            }
        }
    }

    private static Value value(Expr.Variable p, double[] data) {
        if (p.shape().isScalar()) {
            return Value.scalar(data[0]);
        }
        if (p.shape().isMatrix()) {
            int rows = CompiledFunction.length(dev.chainrule.shape.Shape.vector(p.shape().rows()), DIMENSIONS);
            return Value.matrix(rows, data.length / rows, data);
        }
        return Value.vector(data);
    }

    private static void assertClose(double expected, double actual, boolean single, String what) {
        if (single) {
            assertTrue(Math.abs(expected - actual) <= 1e-5 * (1 + Math.abs(expected)),
                    what + ": interpreter " + expected + ", float class " + actual);
            return;
        }
        assertClose(expected, actual, 1e-12, what);
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        double scale = Math.max(1e-300, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= relative * scale + 1e-300,
                what + ": interpreter " + expected + ", generated " + actual);
    }

    private static double centralDifference(CompiledFunction f, Map<String, double[]> x, double[] point, int i) {
        return CentralDifferences.partial(() -> f.value(x), point, i);
    }
}

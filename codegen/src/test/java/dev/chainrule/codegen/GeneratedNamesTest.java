package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the user calls parameters, dimensions and local definitions, the class compiles (for
 * Java 8, every lint warning an error) and computes what the interpreter does: names that would
 * hide a type the body uses, Java keywords, letters Java does not accept, and variables whose
 * derivative methods would share a name.
 */
class GeneratedNamesTest {
    static final String NAMES = """
            package test.names;
            function hiding(Math: vector[n], Double: vector[n], System: scalar, java: matrix[n, n]) =
                sum(exp(Math) .* Double) * System + logdet(java) + det(inv(java))
                gradient wrt Math, java;
            function hiding_dimensions(x: vector[Math], A: matrix[java, Math], b: vector[System],
                                       C: matrix[Integer, Integer], t: vector[TWO_TO_SIXTY_FOURTHS]) =
                sum(softplus(A*x)) + sum(exp(b)) + sum(C*C) + log(sum(exp(t)))
                gradient wrt x, C, t;
            function keywords(goto: vector[int], class: scalar, this: vector[int], null: scalar) =
                sum(sigmoid(goto * class) .* this) + null
                gradient wrt goto, class, null;
            function letters(ࡰ: vector[ࡱ], b: scalar) =
                sum(exp(ࡰ * b))
                gradient wrt ࡰ, b;
            function named_locals(W: matrix[m, n], x: vector[n], V: matrix[m, m]) =
                Math = tanh(W*x);
                goto = V * Math;
                ࡰ = V * goto;
                sum(ࡰ .* goto) + sum(Math)
                gradient wrt W, x;
            function fixed_locals(x: vector[3], a_0: scalar) =
                a = sin(x);
                Math = a .* a;
                sum(Math) + dot(a, x) * a_0
                gradient wrt x, a_0;
            function cases(x: vector[n], X: vector[n]) =
                sum(exp(x)) + sum(X .^ 3) + dot(x, X)
                gradient wrt x, X
                hessian wrt x, X;
            """;

    private static final Map<String, Integer> DIMS = Map.of("n", 4, "m", 3, "Math", 3, "java", 5, "System", 2,
            "Integer", 2, "int", 3, "ࡱ", 4, "TWO_TO_SIXTY_FOURTHS", 3);
    private static final TypedFile FILE = TypeChecker.file(CalcSyntax.parseFile(new Source("names.calc", NAMES)));
    private static final Map<String, CompiledFunction> COMPILED = CompiledFunction.of(FILE, DIMS);

    private static TypedFunction function(String name) {
        return FILE.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, double[]> arguments(TypedFunction function, Random random) {
        Map<String, double[]> arguments = new HashMap<>();
        for (Expr.Variable p : function.params()) {
            double[] values = new double[CompiledFunction.length(p.shape(), DIMS)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            if (p.shape().isSquareMatrix()) {
                int n = p.shape().rows().value(DIMS::get);
                for (int i = 0; i < n; i++) {
                    values[i * n + i] += 2 * n;
                }
            }
            arguments.put(p.name(), values);
        }
        return arguments;
    }

    private static Value value(Shape shape, double[] data) {
        if (shape.isScalar()) {
            return Value.scalar(data[0]);
        }
        return shape.isMatrix() ? Value.matrix(shape.rows().value(DIMS::get), shape.cols().value(DIMS::get), data)
                : Value.vector(data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hiding", "hiding_dimensions", "keywords", "letters", "named_locals", "fixed_locals",
            "cases"})
    void compilesAndComputesWhatTheInterpreterDoes(String name) {
        TypedFunction function = function(name);
        Map<String, double[]> x = arguments(function, new Random(name.hashCode()));
        Map<String, Value> inputs = new HashMap<>();
        function.params().forEach(p -> inputs.put(p.name(), value(p.shape(), x.get(p.name()))));
        double expected = Interpreter.evaluate(function.body(), inputs, DIMS).asScalar();
        CompiledFunction f = COMPILED.get(name);
        assertEquals(expected, f.value(x), 1e-12 * (1 + Math.abs(expected)));
        Map<String, double[]> gradients = new HashMap<>();
        f.gradientVariables().forEach(v -> gradients.put(v.name(), new double[CompiledFunction.length(v.shape(), DIMS)]));
        assertEquals(expected, f.valueAndGradient(x, gradients), 1e-12 * (1 + Math.abs(expected)));
    }

    @Test
    void hessiansOfTwoVariablesNamedAlikeAreTwoMethodsEachRight() {
        CompiledFunction f = COMPILED.get("cases");
        Map<String, double[]> args = arguments(function("cases"), new Random(5));
        int n = DIMS.get("n");
        double[] hxx = new double[n * n];
        double[] hXX = new double[n * n];
        f.derivative("hessian", "x", args, hxx);
        f.derivative("hessian", "X", args, hXX);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? Math.exp(args.get("x")[i]) : 0, hxx[i * n + j], 1e-12);
                assertEquals(i == j ? 6 * args.get("X")[i] : 0, hXX[i * n + j], 1e-12);
            }
        }
        List<String> methods = publicMethods("cases");
        assertEquals(List.of("value", "valueAndGradient", "hessianX", "hessianX_"), methods);
    }

    @Test
    void parametersKeepTheUsersNamesExceptWhereJavaCannot() {
        assertEquals("value(double[] Math_, double[] Double_, double System_, double[] java_)",
                signature("hiding", "value"));
        assertEquals("value(double[] goto_, double class_, double[] this_, double null_)",
                signature("keywords", "value"));
        assertEquals("valueAndGradient(double[] x, double[] X, double[] gradX, double[] gradX_)",
                signature("cases", "valueAndGradient"));
        assertEquals("valueAndGradient(double[] u0870, double b, double[] gradU0870, double[] gradB)",
                signature("letters", "valueAndGradient"));
        String constructor = generated("hiding_dimensions").typeSpec().methodSpecs().get(0).toString();
        assertTrue(constructor.contains("(int Math_, int java_, int System_, int Integer_, int TWO_TO_SIXTY_FOURTHS_)"), constructor);
        // Local definitions keep their names too, escaped the same way, and their fields show it.
        assertEquals(List.of("m", "n", "Math_", "goto_", "u0870"), generated("named_locals").typeSpec().fieldSpecs()
                .stream().map(f -> f.name()).filter(f -> !f.startsWith("grad") && !f.startsWith("delta")).toList());
    }

    /**
     * The guard for {@link ClassPlan#QUALIFIERS}: every name the generated bodies put before a dot
     * (a type or package they refer to) is reserved, so that no variable can hide it.
     */
    @Test
    void everyQualifierTheGeneratedCodeUsesIsReserved() {
        // A name, a dot and a name, but not an array's length.
        Pattern qualifier = Pattern.compile("(?<![\\w.\"])([A-Za-z_]\\w*)\\.(?=[A-Za-z_])(?!length\\b)");
        Set<String> used = new LinkedHashSet<>();
        for (String source : List.of(GeneratedCodeTest.MODELS, NAMES)) {
            TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("models.calc", source)));
            for (JavaFile java : CodeGenerator.generate(file)) {
                String text = java.typeSpec().methodSpecs().stream().map(m -> m.code().toString())
                        .reduce("", String::concat);
                Matcher m = qualifier.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.remove("this");
        // Variables of the parallel method of a sum over rows (its executor, a chunk's instance; a task and
        // its failure), not types: the first two are named apart from every name of the class, the others
        // are a helper's own.
        used.removeAll(List.of("executor", "worker", "task", "failed"));
        assertTrue(used.containsAll(List.of("Math", "Double", "System", "Integer", "java")), used::toString);
        assertTrue(ClassPlan.QUALIFIERS.containsAll(used), "qualifiers used but not reserved: " + used);
        assertNotEquals(List.of(), ClassPlan.QUALIFIERS);
    }

    private static JavaFile generated(String name) {
        return CodeGenerator.generate(FILE, function(name));
    }

    private static List<String> publicMethods(String name) {
        return generated(name).typeSpec().methodSpecs().stream()
                .filter(m -> !m.isConstructor() && m.modifiers().contains(javax.lang.model.element.Modifier.PUBLIC))
                .map(m -> m.name()).toList();
    }

    private static String signature(String function, String method) {
        MethodSpec spec = generated(function).typeSpec().methodSpecs().stream().filter(m -> m.name().equals(method))
                .findFirst().orElseThrow();
        return method + spec.parameters().stream().map(p -> p.type() + " " + p.name())
                .reduce((a, b) -> a + ", " + b).map(s -> "(" + s + ")").orElse("()");
    }
}

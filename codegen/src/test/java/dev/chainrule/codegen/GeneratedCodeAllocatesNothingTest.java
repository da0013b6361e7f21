package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * No method of a generated class allocates: each class is called through a driver compiled with
 * it (so that nothing in the measured loop boxes or reflects), every public method in turn, and
 * the bytes the thread allocates are measured with {@code ThreadMXBean.getThreadAllocatedBytes},
 * first while the code still runs in the interpreter (where no escape analysis can hide a
 * {@code new}), then after warm-up. Split classes are included: their public methods call every
 * private part. This checks "no {@code new} in the hot path"; it is not a timing test.
 *
 * <p>While the code is interpreted each round of calls is measured on its own: a {@code new} in
 * a method shows in every round. A few rounds may allocate once, for the JVM rather than the
 * code: when a method is queued for C2, HotSpot resolves every string constant of its class on
 * the calling thread, and the messages of exceptions the calls never throw (a wrong length, an
 * output passed as an input) are strings the calls never resolved themselves. With C2 off
 * ({@code -XX:TieredStopAtLevel=1}) no round allocates.
 */
class GeneratedCodeAllocatesNothingTest {
    private static final Map<String, Integer> DIMS = Map.of("n", 4, "N", 6, "h", 3, "g", 3, "k", 2, "m", 5);
    private static final int COLD_CALLS = 300;
    /** Rounds that may allocate while interpreted: the JVM's one-off string resolutions, never a call's. */
    private static final int ONE_OFF_ROUNDS = COLD_CALLS / 50;
    private static final int WARM_CALLS = 20_000;

    private static List<Source> sources() throws IOException {
        List<Source> sources = new ArrayList<>();
        // The committed examples, as the build regenerates them.
        try (Stream<Path> files = Files.list(Path.of("..", "generated-examples", "src", "main", "calculus"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".calc")).sorted().toList()) {
                sources.add(new Source(file.getFileName().toString(), Files.readString(file)));
            }
        }
        assertFalse(sources.isEmpty(), "the generated examples' .calc files");
        sources.add(new Source("models.calc", GeneratedCodeTest.MODELS));
        // Every model again in single precision: a float class allocates nothing either.
        sources.add(new Source("models-float.calc", GeneratedCodeTest.MODELS.replaceFirst(
                "package ([\\w.]+);", "package $1.single;\nprecision float;")));
        // Large enough to be split into private parts, with symbolic and with fixed sizes.
        sources.add(new Source("chain.calc", "package split.symbolic;\n" + GeneratedMethodSizeTest.chain(200, "n")));
        sources.add(new Source("chain3.calc", "package split.fixed;\n" + GeneratedMethodSizeTest.chain(40, "3")));
        return sources;
    }

    @TestFactory
    Stream<DynamicTest> noMethodOfAGeneratedClassAllocates() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Source source : sources()) {
            TypedFile file = TypeChecker.file(CalcSyntax.parseFile(source));
            List<JavaFile> classes = CodeGenerator.generate(file);
            List<JavaFile> all = new ArrayList<>(classes);
            List<String> drivers = new ArrayList<>();
            for (int i = 0; i < classes.size(); i++) {
                JavaFile driver = driver(file.functions().get(i), classes.get(i),
                        file.precisionOr(dev.chainrule.syntax.Precision.DOUBLE));
                all.add(driver);
                drivers.add(driver.packageName() + "." + driver.typeSpec().name());
            }
            if (source.name().startsWith("chain")) {
                assertTrue(classes.get(0).typeSpec().methodSpecs().stream().anyMatch(m -> m.name().contains("Part")),
                        source.name() + " is split into parts");
            }
            Map<String, Class<?>> compiled = InMemoryCompiler.compile(all);
            for (int i = 0; i < classes.size(); i++) {
                String name = classes.get(i).typeSpec().name();
                Class<?> driver = compiled.get(drivers.get(i));
                tests.add(DynamicTest.dynamicTest(source.name() + ": " + name, () -> assertAllocatesNothing(name, driver)));
            }
        }
        return tests.stream();
    }

    private static void assertAllocatesNothing(String name, Class<?> driverClass) throws ReflectiveOperationException {
        IntToDoubleFunction driver = (IntToDoubleFunction) driverClass.getConstructor().newInstance();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        driver.applyAsDouble(3); // resolves the constants the calls use, once
        List<String> allocating = new ArrayList<>();
        for (int round = 0; round < COLD_CALLS; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            driver.applyAsDouble(1);
            long bytes = threads.getThreadAllocatedBytes(thread) - before;
            if (bytes > 0) {
                allocating.add("round " + round + ": " + bytes + " bytes");
            }
        }
        driver.applyAsDouble(WARM_CALLS);
        long before = threads.getThreadAllocatedBytes(thread);
        driver.applyAsDouble(WARM_CALLS);
        long warm = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocating.size() <= ONE_OFF_ROUNDS, name + " allocates while interpreted, in " + allocating.size()
                + " of " + COLD_CALLS + " rounds of calls: " + allocating.subList(0, Math.min(10, allocating.size())));
        // One object per call would be at least 16 bytes a call: below one byte a call is none.
        assertTrue(warm < WARM_CALLS, name + " allocates after warm-up: " + warm + " bytes in " + WARM_CALLS
                + " rounds of calls");
    }

    /**
     * A class that makes an instance of the generated class and its arguments once, then calls each
     * of its public methods {@code calls} times, adding up what they compute so nothing is dead.
     */
    private static JavaFile driver(TypedFunction function, JavaFile generated, dev.chainrule.syntax.Precision precision) {
        ClassName target = ClassName.get(generated.packageName(), generated.typeSpec().name());
        ClassPlan plan = ClassPlan.of(DerivedFunction.of(function), ClassPlan.className(function.name()), precision);
        TypeName number = plan.numbers().scalar();
        TypeName array = plan.numbers().array();
        String keyword = plan.numbers().keyword();
        TypeSpec.Builder type = TypeSpec.classBuilder(target.simpleName() + "Driver")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(IntToDoubleFunction.class);
        String dims = String.join(", ", CodeGenerator.dimensionOrder(function).stream()
                .map(d -> Integer.toString(DIMS.get(d))).toList());
        type.addField(FieldSpec.builder(target, "f", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T($L)", target, dims).build());
        List<String> arguments = new ArrayList<>();
        int seed = 0;
        for (Map.Entry<Expr.Variable, String> p : plan.parameters().entrySet()) {
            String field = "p" + arguments.size();
            Shape shape = p.getKey().shape();
            if (shape.isScalar()) {
                type.addField(FieldSpec.builder(number, field, Modifier.PRIVATE, Modifier.FINAL)
                        .initializer(plan.numbers().literal("0.7")).build());
            } else {
                type.addField(FieldSpec.builder(array, field, Modifier.PRIVATE, Modifier.FINAL)
                        .initializer("filled($L, $L, $L)", size(shape.rows()), size(shape.cols()), ++seed).build());
            }
            arguments.add(field);
        }
        CodeBlock.Builder calls = CodeBlock.builder().addStatement("double total = 0")
                .beginControlFlow("for (int c = 0; c < calls; c++)");
        int outputs = 0;
        for (ClassPlan.Method method : plan.methods()) {
            List<String> args = new ArrayList<>(arguments);
            if (method.direction() != null) {
                String field = "direction" + outputs;
                Shape shape = method.direction().shape();
                type.addField(shape.isScalar()
                        ? FieldSpec.builder(number, field, Modifier.PRIVATE, Modifier.FINAL)
                                .initializer(plan.numbers().literal("0.3")).build()
                        : FieldSpec.builder(array, field, Modifier.PRIVATE, Modifier.FINAL)
                                .initializer("filled($L, $L, $L)", size(shape.rows()), size(shape.cols()), ++seed).build());
                args.add(field);
            }
            String first = null;
            for (ClassPlan.Output out : method.outputs()) {
                String field = "out" + outputs++;
                type.addField(FieldSpec.builder(array, field, Modifier.PRIVATE, Modifier.FINAL)
                        .initializer("new $L[$L]", keyword, CompiledFunction.length(out.expr().shape(), DIMS)).build());
                args.add(field);
                first = first == null ? field : first;
            }
            String call = "f." + method.name() + "(" + String.join(", ", args) + ")";
            if (method.returned() != null) {
                calls.addStatement("total += $L", call);
            } else {
                calls.addStatement("$L", call).addStatement("total += $L[0]", first);
            }
        }
        boolean overRows = generated.typeSpec().methodSpecs().stream()
                .anyMatch(m -> m.name().equals("valueAndGradientParallel"));
        if (overRows) {
            // The methods over a range of rows, as a cluster job calls them for each block of rows.
            ClassPlan.RowRange range = plan.rowRange().orElseThrow();
            String rows = "1, " + (DIMS.get(range.rows().name()) - 1);
            ClassPlan.Method gradient = plan.methods().get(1);
            List<String> outs = new ArrayList<>();
            for (ClassPlan.Output out : gradient.outputs()) {
                String field = "out" + outputs++;
                type.addField(FieldSpec.builder(array, field, Modifier.PRIVATE, Modifier.FINAL)
                        .initializer("new $L[$L]", keyword, CompiledFunction.length(out.expr().shape(), DIMS)).build());
                outs.add(field);
            }
            calls.addStatement("total += f.value($L, $L)", String.join(", ", arguments), rows)
                    .addStatement("total += f.valueAndGradient($L, $L, $L)", String.join(", ", arguments), rows,
                            String.join(", ", outs));
            if (generated.typeSpec().methodSpecs().stream().anyMatch(m -> m.name().equals("valueOfRowFreeTerms"))) {
                // The terms beside the sum over rows, which a cluster job adds once.
                List<String> rowFree = new ArrayList<>();
                int p = 0;
                for (Expr.Variable parameter : plan.parameters().keySet()) {
                    if (!range.data().contains(parameter)) {
                        rowFree.add(arguments.get(p));
                    }
                    p++;
                }
                calls.addStatement("total += f.valueOfRowFreeTerms($L)", String.join(", ", rowFree))
                        .addStatement("total += f.valueAndGradientOfRowFreeTerms($L, $L)", String.join(", ", rowFree),
                                String.join(", ", outs));
            }
        }
        calls.endControlFlow().addStatement("return total");
        type.addMethod(MethodSpec.methodBuilder("applyAsDouble").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(TypeName.DOUBLE).addParameter(TypeName.INT, "calls")
                .addCode(calls.build()).build());
        type.addMethod(MethodSpec.methodBuilder("filled").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(array)
                .addParameter(TypeName.INT, "rows").addParameter(TypeName.INT, "cols").addParameter(TypeName.INT, "seed")
                .addStatement("$L[] a = new $L[rows * cols]", keyword, keyword)
                .beginControlFlow("for (int i = 0; i < a.length; i++)")
                // Never zero, so that no row is skipped; square matrices well away from singular.
                .addStatement("a[i] = $L", plan.numbers().narrow("0.1 * ((i * 7 + seed) % 11) - 0.45"))
                .endControlFlow()
                .beginControlFlow("for (int i = 0; rows == cols && i < rows; i++)")
                .addStatement("a[i * cols + i] += 2 * rows")
                .endControlFlow()
                .addStatement("return a")
                .build());
        return JavaFile.builder(generated.packageName(), type.build()).build();
    }

    private static int size(dev.chainrule.shape.Dim d) {
        return d instanceof dev.chainrule.shape.Dim.Fixed f ? f.size() : DIMS.get(((dev.chainrule.shape.Dim.Symbol) d).name());
    }
}

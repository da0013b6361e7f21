package dev.chainrule.benchmarks;

import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the work on deep and long inputs grows with their size n, what a user would type: the
 * Hessian of sin nested n deep and the gradient of a tower a^a^…^a of n terms (derived and printed,
 * as {@code chainrule hessian} and {@code grad} do), and {@code generate} of a sum of n sines with
 * gradient and Hessian and of sin nested n deep with both. Each was quadratic or worse, and ran out
 * of a 3 GB heap or took minutes at n = 10⁴; docs/benchmarks.md ("Deep inputs") has the table.
 *
 * <pre>java -Xss1g -jar benchmarks/target/benchmarks.jar DeepInputsBenchmark</pre>
 *
 * One call at n = 10⁴ takes seconds, so each is timed as a single shot, after one warm-up call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss1g", "-Xmx3g"})
public class DeepInputsBenchmark {
    /** The most nodes a printed formula has as a tree before shared parts are named, as the CLI prints. */
    private static final long PRINTED_TREE_NODES = 20_000;

    @Param({"100", "1000", "10000"})
    public int n;

    private String nestedSine;
    private String tower;
    private Source sumOfSinesFile;
    private Source nestedSineFile;

    @Setup
    public void setUp() {
        nestedSine = "sin(".repeat(n) + "a" + ")".repeat(n);
        tower = String.join("^", Collections.nCopies(n, "a"));
        String sum = IntStream.rangeClosed(1, n).mapToObj(k -> "sin(" + k + "*a)").collect(Collectors.joining(" + "));
        sumOfSinesFile = new Source("sum.calc", "function f(a: scalar) = " + sum + "\n    gradient wrt a\n    hessian wrt a;\n");
        nestedSineFile = new Source("nested.calc", "function f(a: scalar) = " + nestedSine
                + "\n    gradient wrt a\n    hessian wrt a;\n");
    }

    private static Expr.Variable a(Expr f) {
        return Traversal.variables(f).get("a");
    }

    @Benchmark
    public String hessianOfNestedSines() {
        Expr f = TypeChecker.expression(nestedSine, Map.of()).expr();
        return Printer.printCompact(Derivatives.hessian(f, a(f)), Format.TEXT, PRINTED_TREE_NODES);
    }

    @Benchmark
    public String gradientOfPowerTower() {
        Expr f = TypeChecker.expression(tower, Map.of()).expr();
        return Printer.printCompact(Derivatives.gradient(f, a(f)), Format.TEXT, PRINTED_TREE_NODES);
    }

    @Benchmark
    public String generateSumOfSines() {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(sumOfSinesFile));
        return CodeGenerator.generate(file).get(0).toString();
    }

    @Benchmark
    public String generateNestedSines() {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(nestedSineFile));
        return CodeGenerator.generate(file).get(0).toString();
    }
}

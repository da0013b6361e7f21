package dev.chainrule.benchmarks;

import dev.chainrule.explain.Derivation;
import dev.chainrule.explain.DerivationPrinter;
import dev.chainrule.explain.Explainer;
import dev.chainrule.explain.Subject;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * {@code chainrule explain} on a network d layers deep, {@code sum(tanh(W*tanh(W*…x)))}, by W,
 * warm: the derivation (intermediates, local derivatives, the backward chain, substitution,
 * simplification, grad's result) and its text. The target (issue 15): well under a second at
 * d = 100, time and output linear in d. Not part of the report's run; by hand:
 * {@code java -jar benchmarks/target/benchmarks.jar ExplainBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xss256m")
public class ExplainBenchmark {
    @Param({"10", "100", "1000"})
    public int layers;

    private Subject network;
    private Expr.Variable w;

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder("x");
        for (int i = 0; i < layers; i++) {
            text.insert(0, "tanh(W*").append(')');
        }
        TypedExpression typed = TypeChecker.expression("sum(" + text + ")",
                Map.of("W", Shape.matrix(Dim.of("n"), Dim.of("n"))));
        network = Subject.of(typed);
        w = typed.variables().get("W");
    }

    /** The derivation, printed: its length, so that nothing is left for the JIT to drop. */
    @Benchmark
    public int explainAndPrint() {
        Derivation d = Explainer.standard().gradient(network, List.of(w));
        return DerivationPrinter.text(d).length();
    }
}

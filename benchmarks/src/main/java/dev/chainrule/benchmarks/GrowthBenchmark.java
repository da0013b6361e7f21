package dev.chainrule.benchmarks;

import dev.chainrule.benchmarks.pipeline.Pipeline;
import dev.chainrule.simplify.Simplifier;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the pipeline's time grows with the size of the function: a chain of d tanh layers sharing one
 * weight matrix ({@link Pipeline#chain(int)}), .calc text to Java source. The report fits the
 * exponent of time ∝ d^p over d = 10, 100, 1000. At d = 1000 the first few calls take seconds
 * while the JIT compiles the pipeline's deep recursions, and steady state (about 0.3 s) comes only
 * after some ten: hence ten warmup iterations, and ten measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xss256m")
public class GrowthBenchmark {
    @Param({"10", "100", "1000"})
    public int layers;

    /**
     * The simplifier every stage uses: the search ({@code search}), or the greedy rewriter alone
     * ({@code greedy}), as chainrule simplified before the search, for the comparison.
     */
    @Param({"search", "greedy"})
    public String simplifier;

    private Pipeline pipeline;

    @Setup
    public void setUp() {
        System.setProperty(Simplifier.STRATEGY_PROPERTY, simplifier);
        pipeline = Pipeline.chain(layers);
    }

    /** The property is the JVM's: in a run without forks (the smoke test), the next benchmark must not inherit it. */
    @TearDown
    public void tearDown() {
        System.clearProperty(Simplifier.STRATEGY_PROPERTY);
    }

    @Benchmark
    public String calcToJava() {
        return pipeline.javaSource();
    }
}

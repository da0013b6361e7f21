package dev.chainrule.benchmarks;

import dev.chainrule.benchmarks.models.Model;
import dev.chainrule.benchmarks.models.Models;
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
 * The symbolic pipeline per model, warm: {@code .calc} text to Java source (parse, check shapes,
 * derive, simplify, lower, optimise, print), as the Maven plugin runs it for each file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xss256m")
public class PipelineBenchmark {
    @Param({"neuron", "paperLoss", "logistic", "logisticL2", "twoLayer", "threeLayer", "softmax", "quadratic",
            "ridgeHessian", "spring", "springHessian", "dot", "sumOfSquares", "logSumExp"})
    public String model;

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
        Model m = Models.byKey(model);
        pipeline = Pipeline.forExample(m.calcFile(), m.function());
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

package dev.chainrule.benchmarks;

import dev.chainrule.benchmarks.models.Model;
import dev.chainrule.benchmarks.models.Models;
import dev.chainrule.benchmarks.pipeline.Pipeline;
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
            "ridgeHessian", "spring", "springHessian"})
    public String model;

    private Pipeline pipeline;

    @Setup
    public void setUp() {
        Model m = Models.byKey(model);
        pipeline = Pipeline.forExample(m.calcFile(), m.function());
    }

    @Benchmark
    public String calcToJava() {
        return pipeline.javaSource();
    }
}

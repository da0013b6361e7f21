package dev.chainrule.benchmarks;

import dev.chainrule.benchmarks.models.Engine;
import dev.chainrule.benchmarks.models.Evaluation;
import dev.chainrule.benchmarks.models.Models;
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
 * Value and gradient of every model by every engine. Each (model, engine) pair runs in a fork of its
 * own, so the call below is monomorphic and the JIT sees each engine's code alone, as an
 * application that uses one engine would; the ratios the report takes all come from one run. Two
 * forks each, since one JIT compilation of the same loop can differ from another's by 10%.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class ModelBenchmark {
    @Param({"neuron", "paperLoss", "logistic", "logisticL2", "twoLayer", "threeLayer", "softmax", "quadratic",
            "ridgeHessian", "spring", "springHessian", "dot", "sumOfSquares", "logSumExp"})
    public String model;

    @Param({"generated", "handWritten", "hipparchus", "interpreter", "finiteDifferences", "value"})
    public String engine;

    private Evaluation evaluation;

    @Setup
    public void setUp() {
        evaluation = Engine.byKey(engine).on(Models.byKey(model));
    }

    @Benchmark
    public double valueAndGradient() {
        return evaluation.run();
    }
}

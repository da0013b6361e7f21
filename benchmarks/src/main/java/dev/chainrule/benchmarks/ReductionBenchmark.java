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
 * Value and gradient of the reductions at n = 10⁵ ({@link Models#LARGE_REDUCTION_KEYS}: past the
 * second-level cache), generated against hand-written only: forward mode and finite differences
 * would take n times the call at this size, and {@link ModelBenchmark} times them at n = 1000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class ReductionBenchmark {
    @Param({"dot:1e5", "sumOfSquares:1e5", "logSumExp:1e5"})
    public String model;

    @Param({"generated", "handWritten"})
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

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
 * Value and gradient of the roofline's models ({@link Models#LARGE_KEYS}: data past every cache),
 * generated and hand-written, for the report to set against {@link MachineBenchmark}'s limits.
 * Three forks: at these sizes one fork's page placement can differ from another's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RooflineBenchmark {
    @Param({"paperLoss:large", "logistic:large", "quadratic:large"})
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

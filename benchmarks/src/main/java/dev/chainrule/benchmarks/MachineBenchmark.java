package dev.chainrule.benchmarks;

import dev.chainrule.benchmarks.machine.Kernel;
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
 * This machine's limits, measured in the same run as the models so that the roofline the report
 * draws is the one the models ran under: read bandwidth from each level of the memory hierarchy,
 * STREAM's triad from memory, and the throughput of double additions and multiplications, scalar
 * and SIMD. See {@link Kernel} for the work each call does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class MachineBenchmark {
    @Param({"read:L2", "read:L3", "read:memory", "triad:memory", "add", "multiply", "multiplyAdd"})
    public String kernel;

    private final double[] sink = new double[1];
    private Runnable call;

    @Setup
    public void setUp() {
        call = Kernel.byKey(kernel).prepare(sink);
    }

    @Benchmark
    public double run() {
        call.run();
        return sink[0];
    }
}

package dev.chainrule.benchmarks;

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
 * Value and gradient of four models of the suite by their generated double class and their
 * generated float class ({@code precision float}), side by side: the float/double ratio is what
 * single precision buys. Each (model, precision) pair runs in a fork of its own, as in
 * {@link ModelBenchmark}, so each call site sees one class. {@code FloatPage} renders the ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class FloatBenchmark {
    @Param({"paperLoss", "logistic", "softmax", "quadratic", "logistic:large", "quadratic:large"})
    public String model;

    @Param({"double", "float"})
    public String precision;

    private PrecisionCase evaluation;

    @Setup
    public void setUp() {
        evaluation = PrecisionCase.of(model, precision);
    }

    @Benchmark
    public double valueAndGradient() {
        return evaluation.run();
    }
}

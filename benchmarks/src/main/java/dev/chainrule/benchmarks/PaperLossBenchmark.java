package dev.chainrule.benchmarks;

import examples.paper.Loss;
import java.util.Random;
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

/** The paper's loss over N samples of n features: value and gradient, generated against hand-written. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PaperLossBenchmark {
    @Param("1000")
    int samples;

    @Param("100")
    int features;

    private Loss generated;
    private double[] w;
    private double b;
    private double[] X;
    private double[] y;
    private double[] gradW;
    private final double[] gradB = new double[1];

    @Setup
    public void setUp() {
        Random random = new Random(42);
        generated = new Loss(features, samples);
        w = gaussian(random, features);
        b = 0.1;
        X = gaussian(random, samples * features);
        y = gaussian(random, samples);
        gradW = new double[features];
    }

    static double[] gaussian(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    @Benchmark
    public double generatedValueAndGradient() {
        return generated.valueAndGradient(w, b, X, y, gradW, gradB);
    }

    @Benchmark
    public double handWrittenValueAndGradient() {
        return HandWritten.paperLoss(w, b, X, y, samples, features, gradW, gradB);
    }

    @Benchmark
    public double generatedValue() {
        return generated.value(w, b, X, y);
    }
}

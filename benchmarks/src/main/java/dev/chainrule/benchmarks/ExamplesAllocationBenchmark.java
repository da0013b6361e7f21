package dev.chainrule.benchmarks;

import examples.logistic.LogisticLoss;
import examples.network.TwoLayer;
import examples.paper.Activation;
import examples.paper.Loss;
import examples.ridge.Quadratic;
import examples.ridge.Ridge;
import examples.softmax.SoftmaxCrossEntropy;
import examples.spring.SpringEnergy;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Value and gradient of every generated example at the suite's sizes, for {@code -prof gc}: the
 * allocation figure ({@code gc.alloc.rate.norm}) must be the harness's floor, as for code that
 * allocates nothing. The speed comparisons live in the per-model benchmarks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ExamplesAllocationBenchmark {
    private final Random random = new Random(42);

    private final Activation activation = new Activation(100);
    private final Loss loss = new Loss(100, 1000);
    private final LogisticLoss logistic = new LogisticLoss(100, 1000);
    private final TwoLayer network = new TwoLayer(64, 100, 10);
    private final SoftmaxCrossEntropy softmax = new SoftmaxCrossEntropy(1000);
    private final Quadratic quadratic = new Quadratic(500);
    private final Ridge ridge = new Ridge(200, 100);
    private final SpringEnergy spring = new SpringEnergy();

    private double[] w100;
    private double[] x100;
    private double[] X;
    private double[] y1000;
    private double[] W1;
    private double[] b1;
    private double[] W2;
    private double[] b2;
    private double[] y10;
    private double[] x1000;
    private double[] A500;
    private double[] x500;
    private double[] A200;
    private double[] y200;
    private double[] p;
    private double[] q;
    private double[] g100;
    private double[] g1000;
    private double[] g500;
    private double[] gW1;
    private double[] gb1;
    private double[] gW2;
    private double[] gb2;
    private final double[] g1 = new double[1];
    private final double[] g3 = new double[3];
    private final double[] h3 = new double[3];

    @Setup
    public void setUp() {
        w100 = gaussian(100);
        x100 = gaussian(100);
        X = gaussian(1000 * 100);
        y1000 = gaussian(1000);
        W1 = gaussian(64 * 100);
        b1 = gaussian(64);
        W2 = gaussian(10 * 64);
        b2 = gaussian(10);
        y10 = gaussian(10);
        x1000 = gaussian(1000);
        A500 = gaussian(500 * 500);
        x500 = gaussian(500);
        A200 = gaussian(200 * 100);
        y200 = gaussian(200);
        p = gaussian(3);
        q = gaussian(3);
        g100 = new double[100];
        g1000 = new double[1000];
        g500 = new double[500];
        gW1 = new double[64 * 100];
        gb1 = new double[64];
        gW2 = new double[10 * 64];
        gb2 = new double[10];
    }

    private double[] gaussian(int length) {
        return PaperLossBenchmark.gaussian(random, length);
    }

    @Benchmark
    public double activation() {
        return activation.valueAndGradient(w100, 0.1, x100, g100, g1);
    }

    @Benchmark
    public double paperLoss() {
        return loss.valueAndGradient(w100, 0.1, X, y1000, g100, g1);
    }

    @Benchmark
    public double logisticRegression() {
        return logistic.valueAndGradient(w100, X, y1000, g100);
    }

    @Benchmark
    public double twoLayerNetwork() {
        return network.valueAndGradient(W1, b1, W2, b2, x100, y10, gW1, gb1, gW2, gb2);
    }

    @Benchmark
    public double softmaxCrossEntropy() {
        return softmax.valueAndGradient(x1000, y1000, g1000);
    }

    @Benchmark
    public double quadraticForm() {
        return quadratic.valueAndGradient(A500, x500, g500);
    }

    @Benchmark
    public double ridgeRegression() {
        return ridge.valueAndGradient(A200, x100, y200, 0.1, g100);
    }

    @Benchmark
    public double spring3() {
        return spring.valueAndGradient(p, q, 2.0, 1.0, g3, h3);
    }
}

package dev.chainrule.benchmarks;

import examples.logistic.LogisticL2;
import examples.logistic.LogisticLoss;
import examples.paper.Loss;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The scaling of a sum over rows across cores: the value and gradient of the paper's loss, of
 * logistic regression and of logistic regression with an L2 penalty (a sum over rows plus a term
 * that reads no rows, added once after the chunks) over N = 100,000 samples of n = 100 features
 * (X of 80 MB), on one thread
 * (the ordinary {@code valueAndGradient}) and on {@code threads} threads
 * ({@code valueAndGradientParallel} with as many chunks: the calling thread computes the first,
 * an executor of {@code threads − 1} threads the others). The control, {@code cores}, splits a
 * loop that only computes (no memory traffic) the same way: its speed-up is what the machine gives
 * two threads during the run, the ceiling for the models' (a shared machine may give less than two
 * cores).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ParallelBenchmark {
    private static final int SAMPLES = 100_000;
    private static final int FEATURES = 100;

    @Param({"paperLoss", "logistic", "logisticL2", "cores"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    private ExecutorService executor;
    private Runnable call;
    private double result;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        double[] w = gaussian(random, FEATURES, 0.1);
        double[] X = gaussian(random, SAMPLES * FEATURES, 1);
        double[] y = gaussian(random, SAMPLES, 1);
        double[] gradW = new double[FEATURES];
        executor = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
        int chunks = threads;
        if (model.equals("paperLoss")) {
            Loss loss = new Loss(FEATURES, SAMPLES);
            double[] gradB = new double[1];
            call = threads == 1 ? () -> result = loss.valueAndGradient(w, 0.1, X, y, gradW, gradB)
                    : () -> result = loss.valueAndGradientParallel(w, 0.1, X, y, gradW, gradB, chunks, executor);
        } else if (model.equals("logistic")) {
            labels(y);
            LogisticLoss loss = new LogisticLoss(FEATURES, SAMPLES);
            call = threads == 1 ? () -> result = loss.valueAndGradient(w, X, y, gradW)
                    : () -> result = loss.valueAndGradientParallel(w, X, y, gradW, chunks, executor);
        } else if (model.equals("logisticL2")) {
            labels(y);
            LogisticL2 loss = new LogisticL2(FEATURES, SAMPLES);
            double lambda = 1e-3;
            call = threads == 1 ? () -> result = loss.valueAndGradient(w, X, y, lambda, gradW)
                    : () -> result = loss.valueAndGradientParallel(w, X, y, lambda, gradW, chunks, executor);
        } else if (model.equals("cores")) {
            call = () -> result = control(threads, executor);
        } else {
            throw new IllegalArgumentException("no model " + model);
        }
    }

    /** Labels in {-1, 1}, by the sign of a Gaussian. */
    private static void labels(double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] > 0 ? 1 : -1;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** About as long as logistic regression's call on one thread: log1p over 2·10⁶ numbers, split in {@code threads}. */
    private static double control(int threads, ExecutorService executor) {
        int total = 2_000_000;
        int share = total / threads;
        if (threads == 1) {
            return logs(0, total);
        }
        java.util.concurrent.Future<Double> other = executor.submit(() -> logs(share, total));
        double mine = logs(0, share);
        try {
            return mine + other.get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double logs(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.log1p(i);
        }
        return sum;
    }

    private static double[] gaussian(Random random, int length, double scale) {
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = scale * random.nextGaussian();
        }
        return a;
    }

    @Benchmark
    public double valueAndGradient() {
        call.run();
        return result;
    }
}

package dev.chainrule.benchmarks;

import dev.chainrule.benchmarks.models.EntryPoints;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
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
 * The bytes each public method of each generated class allocates per call, to be run with
 * {@code -prof gc}: every method of {@link EntryPoints#all()} (value, value and gradient, Hessians,
 * the methods over a range of rows, the parallel ones), called through a method handle bound to
 * its model's inputs, which boxes nothing. The report passes the methods, found by reflection, as
 * the {@code method} parameter; by hand:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.AllocationBenchmark [JMH options]</pre>
 *
 * runs them all. The private methods of a generated class (its checked-argument split into a
 * public method and an {@code …Unchecked} body, the body over a range of rows that each chunk of
 * the parallel method runs) are reached through the public ones. The parallel methods reuse a
 * task per chunk from call to call, and the executor given to the overload that takes one is a
 * fork-join pool of one thread, which runs the tasks as they are: what is measured is the class's
 * allocation. (A {@code ThreadPoolExecutor} would add its own: a node of its work queue per chunk
 * after the first, 24 bytes with compressed pointers, allocated by its {@code execute}.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class AllocationBenchmark {
    /** Set at run time to {@link EntryPoints#keys()}; this default stands for "every method". */
    @Param({ALL})
    public String method;

    static final String ALL = "all";

    private ExecutorService executor;
    private MethodHandle call;

    @Setup(Level.Trial)
    public void setUp() {
        if (method.equals(ALL)) {
            throw new IllegalArgumentException("give the methods: -p method=" + String.join(",", EntryPoints.keys())
                    + " (or run this class's main)");
        }
        executor = new ForkJoinPool(1);
        call = EntryPoints.bind(EntryPoints.byKey(method), executor);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdownNow();
    }

    @Benchmark
    public double call() throws Throwable {
        return (double) call.invokeExact();
    }

    /** Runs the benchmark on every generated method, with {@code -prof gc} and JMH's options from the command line. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.runner.options.Options options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .parent(new org.openjdk.jmh.runner.options.CommandLineOptions(args))
                .include("\\." + AllocationBenchmark.class.getSimpleName() + "\\.")
                .param("method", EntryPoints.keys().toArray(String[]::new))
                .addProfiler(org.openjdk.jmh.profile.GCProfiler.class)
                .build();
        new org.openjdk.jmh.runner.Runner(options).run();
    }
}

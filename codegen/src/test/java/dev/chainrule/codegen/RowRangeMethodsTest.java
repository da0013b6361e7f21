package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The methods of a sum over rows: the value and gradient over a range of rows, adding into the
 * outputs, and the parallel method. Ranges that partition the rows add up to the whole call (the
 * whole call is checked against the interpreter elsewhere); one range of the paper's loss is
 * checked against its closed form; the parallel method gives the same bits for the same number
 * of chunks whatever the executor, and the whole within rounding. A sum over rows plus a penalty
 * has the penalty apart: ranges leave it out, a method of its own computes it (against its closed
 * form), and ranges plus it, the whole call and the parallel method all equal the interpreter.
 * Functions that are not sums over rows get none of these methods. A parallel call that never
 * returns (a chunk waited for that nobody computes) fails its test by the timeout.
 */
@org.junit.jupiter.api.Timeout(120)
class RowRangeMethodsTest {
    private static final String SOURCE = """
            package test.rows;
            function loss(w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]) =
                sum((y - max(0, X*w + b)) .^ 2) / N
                gradient wrt w, b;
            function logistic(w: vector[n], X: matrix[N, n], y: vector[N]) =
                sum(softplus(-y .* (X*w))) / N
                gradient wrt w;
            function mixed(w: vector[n], X: matrix[N, n], y: vector[N], c: scalar) =
                (y' * (X*w)) / N + c * norm2(X*w - y)^2 / (2 * N) - sum(tanh(X*w)) * c
                gradient wrt w, c;
            function layer(W: matrix[n, k], X: matrix[N, n]) =
                sum(tanh(X*W) .^ 2) / N
                gradient wrt W;
            function penalised(w: vector[n], X: matrix[N, n], y: vector[N], lambda: scalar) =
                sum(softplus(-y .* (X*w))) / N + lambda * norm2(w)^2
                gradient wrt w;
            function squared_sum(w: vector[n], X: matrix[N, n]) = sum(X*w)^2
                gradient wrt w;
            function across_rows(w: vector[n], X: matrix[N, n]) = logsumexp(X*w)
                gradient wrt w;
            function norm_only(w: vector[n], X: matrix[N, n], y: vector[N]) = norm2(X*w - y)
                gradient wrt w;
            function data_gradient(w: vector[n], X: matrix[N, n], y: vector[N]) = sum((X*w - y) .^ 2)
                gradient wrt w, y;
            function square_data(A: matrix[N, N], x: vector[N]) = x' * A * x
                gradient wrt x;
            """ + deep();
    /** A sum over rows whose methods are split into private parts, for the JIT's size limit. */
    private static String deep() {
        String e = "X*w";
        for (int i = 0; i < 120; i++) {
            e = i % 2 == 1 ? "tanh(" + e + " + " + (i % 7 + 1) + "*y)" : "sin(" + e + ")";
        }
        return "function deep(w: vector[n], X: matrix[N, n], y: vector[N]) = sum(" + e + ") / N gradient wrt w;\n";
    }

    private static final int N = 23;
    private static final int n = 6;
    private static final int k = 3;
    private static final TypedFile FILE = TypeChecker.file(CalcSyntax.parseFile(new Source("rows.calc", SOURCE)));
    private static final List<JavaFile> JAVA = CodeGenerator.generate(FILE);
    private static final Map<String, Class<?>> CLASSES = InMemoryCompiler.compile(JAVA);
    private static final ExecutorService TWO_THREADS = Executors.newFixedThreadPool(2);
    private static final ExecutorService FIVE_THREADS = Executors.newFixedThreadPool(5);

    @AfterAll
    static void shutDown() {
        TWO_THREADS.shutdownNow();
        FIVE_THREADS.shutdownNow();
    }

    /**
     * A generated class with its arguments (random, fixed seed) and how to call it; {@code rowFree}
     * the indices of the arguments its row-free terms take, or null if it has none.
     */
    private record Model(Class<?> type, Object instance, List<Object> arguments, int[] outputLengths, int[] rowFree) {
        static Model of(String className, int[] dims, int[] outputLengths, Object... arguments) throws Exception {
            return withRowFreeTerms(className, dims, outputLengths, null, arguments);
        }

        static Model withRowFreeTerms(String className, int[] dims, int[] outputLengths, int[] rowFree,
                                      Object... arguments) throws Exception {
            Class<?> type = CLASSES.get("test.rows." + className);
            Class<?>[] ints = new Class<?>[dims.length];
            Arrays.fill(ints, int.class);
            Object[] boxed = Arrays.stream(dims).boxed().toArray();
            return new Model(type, type.getConstructor(ints).newInstance(boxed), List.of(arguments), outputLengths,
                    rowFree);
        }

        /**
         * The row-free terms: their value, and their gradient added into {@code out} (unless null);
         * 0 for a class without them.
         */
        double rowFreeTerms(double[][] out) throws Throwable {
            if (rowFree == null) {
                return 0.0;
            }
            List<Class<?>> types = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (int index : rowFree) {
                types.add(arguments.get(index) instanceof Double ? double.class : double[].class);
                args.add(arguments.get(index));
            }
            if (out != null) {
                for (double[] o : out) {
                    types.add(double[].class);
                    args.add(o);
                }
            }
            return (double) invoke(out == null ? "valueOfRowFreeTerms" : "valueAndGradientOfRowFreeTerms",
                    types.toArray(Class<?>[]::new), args.toArray());
        }

        Class<?>[] parameterTypes(Class<?>... extra) {
            List<Class<?>> types = new ArrayList<>();
            arguments.forEach(a -> types.add(a instanceof Double ? double.class : double[].class));
            types.addAll(List.of(extra));
            return types.toArray(Class<?>[]::new);
        }

        double[][] outputs() {
            double[][] out = new double[outputLengths.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new double[outputLengths[i]];
            }
            return out;
        }

        Object invoke(String name, Class<?>[] types, Object... args) throws Throwable {
            Method m = type.getMethod(name, types);
            try {
                return m.invoke(instance, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        double whole(double[][] out) throws Throwable {
            Class<?>[] outs = new Class<?>[out.length];
            Arrays.fill(outs, double[].class);
            List<Object> args = new ArrayList<>(arguments);
            args.addAll(Arrays.asList((Object[]) out));
            return (double) invoke("valueAndGradient", parameterTypes(outs), args.toArray());
        }

        double range(int from, int to, double[][] out) throws Throwable {
            List<Class<?>> types = new ArrayList<>(List.of(int.class, int.class));
            out = out == null ? new double[0][] : out;
            for (int i = 0; i < out.length; i++) {
                types.add(double[].class);
            }
            List<Object> args = new ArrayList<>(arguments);
            args.add(from);
            args.add(to);
            args.addAll(Arrays.asList((Object[]) out));
            return (double) invoke(out.length == 0 ? "value" : "valueAndGradient",
                    parameterTypes(types.toArray(Class<?>[]::new)), args.toArray());
        }

        /** On the common pool, through the overload without an executor. */
        double parallel(double[][] out, int chunks) throws Throwable {
            return parallel(out, chunks, null, false);
        }

        double parallel(double[][] out, int chunks, ExecutorService executor) throws Throwable {
            return parallel(out, chunks, executor, true);
        }

        private double parallel(double[][] out, int chunks, ExecutorService executor, boolean withExecutor)
                throws Throwable {
            List<Class<?>> types = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                types.add(double[].class);
            }
            types.add(int.class);
            List<Object> args = new ArrayList<>(arguments);
            args.addAll(Arrays.asList((Object[]) out));
            args.add(chunks);
            if (withExecutor) {
                types.add(ExecutorService.class);
                args.add(executor);
            }
            return (double) invoke("valueAndGradientParallel", parameterTypes(types.toArray(Class<?>[]::new)),
                    args.toArray());
        }
    }

    private static double[] random(int length, long seed) {
        Random random = new Random(seed);
        double[] a = new double[length];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    private static double[] labels(long seed) {
        double[] y = random(N, seed);
        for (int i = 0; i < N; i++) {
            y[i] = y[i] > 0 ? 1 : -1;
        }
        return y;
    }

    private static List<Model> rowSums() throws Exception {
        return List.of(
                Model.of("Loss", new int[] {n, N}, new int[] {n, 1}, random(n, 1), 0.1, random(N * n, 2), random(N, 3)),
                Model.of("Logistic", new int[] {n, N}, new int[] {n}, random(n, 4), random(N * n, 5), labels(6)),
                Model.of("Mixed", new int[] {n, N}, new int[] {n, 1}, random(n, 7), random(N * n, 8), random(N, 9), 0.8),
                Model.of("Layer", new int[] {n, k, N}, new int[] {n * k}, random(n * k, 10), random(N * n, 11)),
                Model.of("Deep", new int[] {n, N}, new int[] {n}, random(n, 12), random(N * n, 13), random(N, 14)),
                penalised());
    }

    /** Logistic regression with an L2 penalty: a sum over rows plus row-free terms, λ‖w‖². */
    private static Model penalised() throws Exception {
        return Model.withRowFreeTerms("Penalised", new int[] {n, N}, new int[] {n}, new int[] {0, 3},
                random(n, 15), random(N * n, 16), labels(17), 0.3);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    private static void assertClose(double[][] expected, double[][] actual, String what) {
        for (int o = 0; o < expected.length; o++) {
            double scale = Arrays.stream(expected[o]).map(Math::abs).max().orElse(0);
            for (int i = 0; i < expected[o].length; i++) {
                assertEquals(expected[o][i], actual[o][i], 1e-12 * Math.max(1, scale), what + ", output " + o + "[" + i + "]");
            }
        }
    }

    @Test
    void rangesThatPartitionTheRowsAddUpToTheWholeValueAndGradient() throws Throwable {
        int[][] partitions = {{0, N}, {0, 1, N}, {0, 7, 7, 15, 22, N}, {0, 4, 8, 12, 16, 20, N}};
        for (Model model : rowSums()) {
            double[][] whole = model.outputs();
            double value = model.whole(whole);
            for (int[] cuts : partitions) {
                double[][] added = model.outputs();
                double values = 0;
                double valuesOnly = 0;
                for (int c = 0; c + 1 < cuts.length; c++) {
                    values += model.range(cuts[c], cuts[c + 1], added);
                    valuesOnly += model.range(cuts[c], cuts[c + 1], null);
                }
                // Once per partition, whatever its ranges: the terms that read no rows, if any.
                values += model.rowFreeTerms(added);
                valuesOnly += model.rowFreeTerms(null);
                String what = model.type().getSimpleName() + " over " + Arrays.toString(cuts);
                assertClose(value, values, what);
                assertClose(value, valuesOnly, what + ", value only");
                assertClose(whole, added, what);
            }
        }
    }

    @Test
    void theRangeMethodAddsIntoItsOutputsWhereTheWholeCallOverwritesThem() throws Throwable {
        Model model = rowSums().get(0);
        double[][] once = model.outputs();
        model.range(3, 11, once);
        double[][] twice = model.outputs();
        for (double[] out : twice) {
            Arrays.fill(out, 100.0);
        }
        model.range(3, 11, twice);
        for (int o = 0; o < once.length; o++) {
            for (int i = 0; i < once[o].length; i++) {
                assertEquals(100.0 + once[o][i], twice[o][i], 1e-12);
            }
        }
        double[][] empty = model.outputs();
        assertEquals(0.0, model.range(9, 9, empty));
        assertTrue(Arrays.stream(empty).flatMapToDouble(Arrays::stream).allMatch(x -> x == 0.0));
    }

    /** The paper's loss over one range against its closed form, (1/N) Σ (yᵢ − max(0, w·xᵢ + b))². */
    @Test
    void aRangeOfThePapersLossIsItsClosedForm() throws Throwable {
        Model model = rowSums().get(0);
        double[] w = (double[]) model.arguments().get(0);
        double b = (double) model.arguments().get(1);
        double[] X = (double[]) model.arguments().get(2);
        double[] y = (double[]) model.arguments().get(3);
        int from = 5;
        int to = 17;
        double value = 0;
        double[] gradW = new double[n];
        double gradB = 0;
        for (int i = from; i < to; i++) {
            double z = b;
            for (int j = 0; j < n; j++) {
                z += w[j] * X[i * n + j];
            }
            double residual = y[i] - Math.max(0, z);
            value += residual * residual / N;
            double delta = z > 0 ? -2 * residual / N : 0;
            for (int j = 0; j < n; j++) {
                gradW[j] += delta * X[i * n + j];
            }
            gradB += delta;
        }
        double[][] out = model.outputs();
        assertClose(value, model.range(from, to, out), "value");
        assertClose(new double[][] {gradW, {gradB}}, out, "gradient");
    }

    @Test
    void theParallelMethodGivesTheSameBitsForTheSameNumberOfChunks() throws Throwable {
        for (Model model : rowSums()) {
            double[][] whole = model.outputs();
            double value = model.whole(whole);
            for (int chunks : new int[] {1, 2, 3, 7, N}) {
                double[][] first = model.outputs();
                double firstValue = model.parallel(first, chunks, TWO_THREADS);
                String what = model.type().getSimpleName() + " in " + chunks + " chunks";
                assertClose(value, firstValue, what);
                assertClose(whole, first, what);
                for (ExecutorService executor : Arrays.asList(TWO_THREADS, FIVE_THREADS, ForkJoinPool.commonPool(), null)) {
                    for (int repeat = 0; repeat < 3; repeat++) {
                        double[][] again = model.outputs();
                        for (double[] out : again) {
                            Arrays.fill(out, Double.NaN); // overwritten, not added to
                        }
                        double againValue = executor == null ? model.parallel(again, chunks)
                                : model.parallel(again, chunks, executor);
                        assertEquals(Double.doubleToRawLongBits(firstValue), Double.doubleToRawLongBits(againValue), what);
                        for (int o = 0; o < first.length; o++) {
                            assertArrayEquals(first[o], again[o], 0.0, what);
                        }
                    }
                }
            }
            // One chunk is the whole call's arithmetic, in the calling thread.
            double[][] one = model.outputs();
            assertEquals(value, model.parallel(one, 1, TWO_THREADS), 0.0);
            for (int o = 0; o < one.length; o++) {
                assertArrayEquals(whole[o], one[o], 0.0);
            }
        }
    }

    /**
     * The parallel method's arithmetic done in this thread: each chunk's range into outputs of
     * its own (first zero, so that the range method's adding copies the chunk's gradient), the
     * chunks' values and gradients added in chunk order, then the row-free terms once, as the
     * generated reduction does; the chunks' rows are N·c/chunks, rounded down.
     */
    private static double sequentiallyInChunks(Model model, int chunks, double[][] out) throws Throwable {
        double[][][] parts = new double[chunks][][];
        double value = 0;
        for (int c = 0; c < chunks; c++) {
            parts[c] = model.outputs();
            double chunkValue = model.range((int) ((long) N * c / chunks), (int) ((long) N * (c + 1) / chunks), parts[c]);
            value = c == 0 ? chunkValue : value + chunkValue;
        }
        double[][] free = model.outputs();
        boolean rowFree = model.rowFree() != null;
        if (rowFree) {
            value += model.rowFreeTerms(free);
        }
        for (int o = 0; o < out.length; o++) {
            for (int i = 0; i < out[o].length; i++) {
                double sum = parts[0][o][i];
                for (int c = 1; c < chunks; c++) {
                    sum += parts[c][o][i];
                }
                out[o][i] = rowFree ? sum + free[o][i] : sum;
            }
        }
        return value;
    }

    private static void assertSameBits(double expectedValue, double[][] expected, double value, double[][] actual,
                                       String what) {
        assertEquals(Double.doubleToRawLongBits(expectedValue), Double.doubleToRawLongBits(value),
                what + ": " + expectedValue + " vs " + value);
        for (int o = 0; o < expected.length; o++) {
            for (int i = 0; i < expected[o].length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[o][i]), Double.doubleToRawLongBits(actual[o][i]),
                        what + ", output " + o + "[" + i + "]");
            }
        }
    }

    /**
     * The reused chunk tasks: on one instance, calls with the same and with changed chunk counts,
     * on a thread pool, on the common pool (both overloads) and on a fork-join pool of the
     * caller's, each the sequential method split by the same chunks, bit for bit.
     */
    @Test
    void repeatedCallsWithSameAndChangedChunkCountsAreTheSequentialSplitBitForBit() throws Throwable {
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            for (Model model : rowSums()) {
                for (int chunks : new int[] {3, 3, 5, 2, 2, N, 1, 3}) {
                    double[][] expected = model.outputs();
                    double expectedValue = sequentiallyInChunks(model, chunks, expected);
                    for (ExecutorService executor : Arrays.asList(TWO_THREADS, ForkJoinPool.commonPool(), null, pool,
                            FIVE_THREADS)) {
                        double[][] out = model.outputs();
                        for (double[] o : out) {
                            Arrays.fill(o, Double.NaN); // overwritten, not added to
                        }
                        double value = executor == null ? model.parallel(out, chunks)
                                : model.parallel(out, chunks, executor);
                        assertSameBits(expectedValue, expected, value, out, model.type().getSimpleName() + " in "
                                + chunks + " chunks on " + (executor == null ? "the common pool's overload" : executor));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A caller that is itself the only worker of a fork-join pool, calling with that pool: no other
     * thread can compute the chunks it hands over, so it takes them back and computes them itself
     * instead of waiting for ever. The same from a task of the common pool with its overload.
     */
    @Test
    void aWorkerOfAPoolOfOneThreadCallingWithItsPoolComputesTheChunksItself() throws Throwable {
        Model model = rowSums().get(1);
        double[][] expected = model.outputs();
        double expectedValue = sequentiallyInChunks(model, 4, expected);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            for (int call = 0; call < 3; call++) {
                double[][] out = model.outputs();
                double value = single.submit(() -> {
                    try {
                        return model.parallel(out, 4, single);
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertSameBits(expectedValue, expected, value, out, "from the pool's only worker, call " + call);
            }
        } finally {
            single.shutdownNow();
        }
        double[][] out = model.outputs();
        double value = ForkJoinPool.commonPool().submit(() -> {
            try {
                return model.parallel(out, 4);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertSameBits(expectedValue, expected, value, out, "from a task of the common pool");
    }

    /**
     * An executor that takes the first two chunks and rejects the third: its exception is the
     * call's, once the two taken are done; the next call, with the same tasks, is right.
     */
    @Test
    void aRejectedChunkSurfacesItsExceptionAndTheTasksAreReused() throws Throwable {
        Model model = rowSums().get(0);
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService twoThenFull = new java.util.concurrent.AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                if (taken.incrementAndGet() > 2) {
                    throw new java.util.concurrent.RejectedExecutionException("full after two chunks");
                }
                TWO_THREADS.execute(task);
            }

            @Override
            public void shutdown() {}

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
                return false;
            }
        };
        java.util.concurrent.RejectedExecutionException e = assertThrows(
                java.util.concurrent.RejectedExecutionException.class, () -> model.parallel(model.outputs(), 5, twoThenFull));
        assertEquals("full after two chunks", e.getMessage());
        assertEquals(3, taken.get());
        ForkJoinPool shut = new ForkJoinPool(1);
        shut.shutdown();
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> model.parallel(model.outputs(), 5, shut));
        double[][] expected = model.outputs();
        double expectedValue = sequentiallyInChunks(model, 5, expected);
        for (ExecutorService executor : Arrays.asList(TWO_THREADS, ForkJoinPool.commonPool())) {
            double[][] out = model.outputs();
            assertSameBits(expectedValue, expected, model.parallel(out, 5, executor), out, "after the rejections");
        }
    }

    /**
     * Interrupted while a fork-join pool's only worker is busy: the chunks it holds are abandoned,
     * the call says so and sets the flag again; the worker, once free, skips them, and the next
     * call (new tasks) is right.
     */
    @Test
    void anInterruptedWaitOnAForkJoinPoolAbandonsTheChunksLeft() throws Throwable {
        Model model = rowSums().get(0);
        ForkJoinPool single = new ForkJoinPool(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        single.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Thread.currentThread().interrupt();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.parallel(model.outputs(), 4, single));
            assertEquals("interrupted while waiting for the chunks of rows", e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt flag is set again");
        } finally {
            release.countDown();
        }
        double[][] expected = model.outputs();
        double expectedValue = sequentiallyInChunks(model, 4, expected);
        double[][] out = model.outputs();
        assertSameBits(expectedValue, expected, model.parallel(out, 4, single), out, "after an interrupted call");
        single.shutdownNow();
    }

    @Test
    void badRangesAndChunkCountsAreClearErrors() throws Throwable {
        Model model = rowSums().get(0);
        for (int[] range : new int[][] {{-1, 3}, {5, 4}, {0, N + 1}, {N + 1, N + 1}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.range(range[0], range[1], model.outputs()));
            assertEquals("rows from fromRow = " + range[0] + " to toRow = " + range[1]
                    + ": a range of rows needs 0 <= fromRow <= toRow <= N = " + N, e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> model.range(range[0], range[1], null));
        }
        for (int chunks : new int[] {0, -2, N + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.parallel(model.outputs(), chunks, TWO_THREADS));
            assertEquals("chunks must be from 1 to N = " + N + ", not " + chunks, e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.parallel(model.outputs(), 2, null));
        assertEquals("executor must not be null", e.getMessage());
        // The arrays are checked as by every method: a wrong length, an output that is an input.
        double[][] shortOutput = {new double[n - 1], new double[1]};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.range(0, 3, shortOutput))
                .getMessage().startsWith("gradW: expected length " + n));
    }

    @Test
    void aShutDownExecutorIsReportedAndTheInstanceStaysUsable() throws Throwable {
        Model model = rowSums().get(1);
        ExecutorService shut = Executors.newSingleThreadExecutor();
        shut.shutdown();
        assertThrows(java.util.concurrent.RejectedExecutionException.class,
                () -> model.parallel(model.outputs(), 3, shut));
        double[][] whole = model.outputs();
        double value = model.whole(whole);
        double[][] out = model.outputs();
        assertClose(value, model.parallel(out, 3, TWO_THREADS), "after a rejected call");
        assertClose(whole, out, "after a rejected call");
    }

    @Test
    void anInterruptedWaitCancelsTheTasksLeftAndSaysSo() throws Throwable {
        Model model = rowSums().get(0);
        ExecutorService busy = Executors.newSingleThreadExecutor();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        busy.submit(() -> {
            release.await();
            return null;
        });
        try {
            Thread.currentThread().interrupt();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.parallel(model.outputs(), 4, busy));
            assertEquals("interrupted while waiting for the chunks of rows", e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt flag is set again");
        } finally {
            release.countDown();
            busy.shutdown();
        }
        double[][] whole = model.outputs();
        double value = model.whole(whole);
        double[][] out = model.outputs();
        assertClose(value, model.parallel(out, 4, TWO_THREADS), "after an interrupted call");
        assertClose(whole, out, "after an interrupted call");
    }

    /**
     * The penalised loss against the interpreter: the whole call, the ranges of a partition plus
     * the row-free terms, and the parallel method in several chunk counts; the ranges leave the
     * penalty out, and the row-free terms are λ‖w‖² and 2λw, adding into the outputs.
     */
    @Test
    void aPenaltyBesideTheSumIsAddedOnceAndTheRangesLeaveItOut() throws Throwable {
        Model model = penalised();
        double[] w = (double[]) model.arguments().get(0);
        double[] X = (double[]) model.arguments().get(1);
        double[] y = (double[]) model.arguments().get(2);
        double lambda = (double) model.arguments().get(3);
        TypedFunction function = FILE.functions().stream().filter(f -> f.name().equals("penalised")).findFirst()
                .orElseThrow();
        Map<String, Value> inputs = Map.of("w", Value.vector(w), "X", Value.matrix(N, n, X), "y", Value.vector(y),
                "lambda", Value.scalar(lambda));
        double expectedValue = Interpreter.evaluate(function.body(), inputs).asScalar();
        double[][] expectedGradient = {Interpreter.evaluate(Derivatives.gradient(function.body(),
                function.params().get(0)), inputs).data()};
        double penalty = 0;
        double[] penaltyGradient = new double[n];
        for (int j = 0; j < n; j++) {
            penalty += lambda * w[j] * w[j];
            penaltyGradient[j] = 1.0 + 2 * lambda * w[j];
        }

        double[][] whole = model.outputs();
        assertClose(expectedValue, model.whole(whole), "the whole call");
        assertClose(expectedGradient, whole, "the whole call");

        double[][] added = model.outputs();
        Arrays.fill(added[0], 1.0);
        assertClose(penalty, model.rowFreeTerms(added), "the row-free terms");
        assertClose(new double[][] {penaltyGradient}, added, "the row-free terms, added");
        assertClose(penalty, model.rowFreeTerms(null), "the row-free terms' value");

        double[][] allRows = model.outputs();
        assertClose(expectedValue - penalty, model.range(0, N, allRows), "the range of every row");
        assertClose(expectedValue - penalty, model.range(0, N, null), "the range of every row, value only");
        double[][] sum = model.outputs();
        double value = model.range(0, 9, sum) + model.range(9, 9, sum) + model.range(9, N, sum) + model.rowFreeTerms(sum);
        assertClose(expectedValue, value, "ranges and the row-free terms");
        assertClose(expectedGradient, sum, "ranges and the row-free terms");

        for (int chunks : new int[] {1, 2, 3, 5, N}) {
            double[][] parallel = model.outputs();
            assertClose(expectedValue, model.parallel(parallel, chunks, FIVE_THREADS), chunks + " chunks");
            assertClose(expectedGradient, parallel, chunks + " chunks");
        }
    }

    @Test
    void theRowFreeTermsCheckTheirArguments() throws Throwable {
        Model model = penalised();
        double[] w = (double[]) model.arguments().get(0);
        Class<?>[] types = {double[].class, double.class, double[].class};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.invoke("valueAndGradientOfRowFreeTerms", types, w, 0.3, new double[n + 1]));
        assertTrue(e.getMessage().startsWith("gradW: expected length " + n), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.invoke("valueAndGradientOfRowFreeTerms", types, w, 0.3, w));
        assertEquals("gradW is also passed as w: an output needs an array of its own", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.invoke("valueOfRowFreeTerms", new Class<?>[] {double[].class, double.class}, null, 0.3));
        assertEquals("w must not be null: expected vector[n]", e.getMessage());
    }

    @Test
    void onlySumsOverRowsGetTheMethods() {
        List<String> offered = JAVA.stream()
                .filter(java -> java.typeSpec().methodSpecs().stream().anyMatch(m -> m.name().equals("valueAndGradientParallel")))
                .map(java -> java.typeSpec().name()).toList();
        assertEquals(List.of("Loss", "Logistic", "Mixed", "Layer", "Penalised", "Deep"), offered);
        List<String> withRowFreeTerms = JAVA.stream()
                .filter(java -> java.typeSpec().methodSpecs().stream().anyMatch(m -> m.name().equals("valueOfRowFreeTerms")))
                .map(java -> java.typeSpec().name()).toList();
        assertEquals(List.of("Penalised"), withRowFreeTerms);
        assertTrue(JAVA.get(JAVA.size() - 1).typeSpec().methodSpecs().stream()
                .anyMatch(m -> m.name().equals("valueAndGradientOverRowsPart1")), "the deep function is split");
        for (JavaFile java : JAVA) {
            boolean rangeMethods = java.typeSpec().methodSpecs().stream().anyMatch(m -> m.parameters().stream()
                    .anyMatch(p -> p.name().equals("fromRow")));
            assertEquals(offered.contains(java.typeSpec().name()), rangeMethods, java.typeSpec().name());
        }
        assertFalse(JAVA.stream().filter(j -> !offered.contains(j.typeSpec().name()))
                .anyMatch(j -> j.toString().contains("ExecutorService")));
    }
}

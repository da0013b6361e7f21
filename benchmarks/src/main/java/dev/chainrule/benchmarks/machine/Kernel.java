package dev.chainrule.benchmarks.machine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * One measurement of the machine's limits: a kernel of {@link Kernels} on data of a given size,
 * and the bytes it moves or the operations it does per call, by which the report divides its time.
 */
public enum Kernel {
    /** Read bandwidth with the data in the second-level cache (512 KiB). */
    READ_L2("read:L2", "read, 512 KiB (second-level cache)", 1 << 16, Unit.BYTES),
    /** Read bandwidth with the data in the last-level cache (8 MiB). */
    READ_L3("read:L3", "read, 8 MiB (last-level cache)", 1 << 20, Unit.BYTES),
    /** Read bandwidth from memory: an array eight times the last-level cache (256 MiB). */
    READ_MEMORY("read:memory", "read, 256 MiB (memory)", 1 << 25, Unit.BYTES),
    /** STREAM's triad from memory: three arrays of 256 MiB. */
    TRIAD_MEMORY("triad:memory", "triad a = b + s·c, 3 × 256 MiB (memory)", 1 << 25, Unit.BYTES),
    /** Scalar double additions on independent chains. */
    ADD("add", "scalar additions, 16 chains", 1 << 16, Unit.FLOPS),
    /** Scalar double multiplications on independent chains. */
    MULTIPLY("multiply", "scalar multiplications, 16 chains", 1 << 16, Unit.FLOPS),
    /** SIMD multiplications and additions, as the JIT vectorises a loop over an array in the first-level cache. */
    MULTIPLY_ADD("multiplyAdd", "SIMD multiply and add, 16 KiB (first-level cache)", 1 << 11, Unit.FLOPS);

    /** What a kernel's figure counts. */
    public enum Unit { BYTES, FLOPS }

    private final String key;
    private final String title;
    private final int size;
    private final Unit unit;

    Kernel(String key, String title, int size, Unit unit) {
        this.key = key;
        this.title = title;
        this.size = size;
        this.unit = unit;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public Unit unit() {
        return unit;
    }

    /** The bytes moved or the operations done by one call. */
    public double work() {
        return switch (this) {
            case READ_L2, READ_L3, READ_MEMORY -> 8.0 * size;
            case TRIAD_MEMORY -> 3 * 8.0 * size;
            case ADD, MULTIPLY -> (double) Kernels.CHAINS * size;
            case MULTIPLY_ADD -> (double) Kernels.MULTIPLY_ADD_FLOPS * size;
        };
    }

    /** Work per second, given the time of a call: bytes/s or operations/s. */
    public double rate(double nanoseconds) {
        return work() / nanoseconds * 1e9;
    }

    /** A rate as the report writes it: GB/s or GFLOP/s. */
    public String format(double nanoseconds) {
        return String.format(Locale.ROOT, "%.1f %s", rate(nanoseconds) / 1e9, unit == Unit.BYTES ? "GB/s" : "GFLOP/s");
    }

    /** The kernel with the given {@link #key()}. */
    public static Kernel byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kernel " + key));
    }

    /** The data and the call, made once per benchmark fork. */
    public Runnable prepare(double[] sink) {
        Random random = new Random(42);
        return switch (this) {
            case READ_L2, READ_L3, READ_MEMORY -> {
                double[] a = filled(size, random);
                yield () -> sink[0] += Kernels.read(a);
            }
            case TRIAD_MEMORY -> {
                double[] a = new double[size];
                double[] b = filled(size, random);
                double[] c = filled(size, random);
                yield () -> {
                    Kernels.triad(a, b, c, 0.5);
                    sink[0] += a[size / 2];
                };
            }
            case ADD -> () -> sink[0] += Kernels.add(sink[0] * 1e-300, 1e-3, size);
            case MULTIPLY -> () -> sink[0] += Kernels.multiply(1 + sink[0] * 1e-300, 0.999999, size);
            case MULTIPLY_ADD -> {
                double[] a = filled(size, random);
                yield () -> {
                    Kernels.multiplyAdd(a, 0.5, 0.25);
                    sink[0] += a[size / 2];
                };
            }
        };
    }

    private static double[] filled(int size, Random random) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = random.nextDouble();
        }
        return a;
    }
}

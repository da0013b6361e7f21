package dev.chainrule.benchmarks.machine;

/**
 * The loops that measure this machine's limits, each as simple as a loop can be so that what it
 * measures is the memory or the arithmetic, not the loop. The benchmark divides each figure by the
 * bytes moved or the operations done ({@link Kernel}).
 */
public final class Kernels {
    /** Independent chains in the arithmetic kernels: enough to keep every pipeline of every unit busy. */
    static final int CHAINS = 16;

    private Kernels() {}

    /**
     * Reads every entry of {@code a} once. Eight accumulators, so that the additions keep up with
     * the loads; the loads are what is measured.
     */
    public static double read(double[] a) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (; i < a.length - 7; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (; i < a.length; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** STREAM's triad, a = b + s·c: two arrays read, one written, per entry. */
    public static void triad(double[] a, double[] b, double[] c, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    /**
     * {@code rounds} additions on each of {@link #CHAINS} independent chains: scalar additions, the
     * kind the generated code does, as fast as the processor issues them.
     */
    public static double add(double x, double step, int rounds) {
        double a0 = x, a1 = x + 1, a2 = x + 2, a3 = x + 3, a4 = x + 4, a5 = x + 5, a6 = x + 6, a7 = x + 7;
        double a8 = x + 8, a9 = x + 9, a10 = x + 10, a11 = x + 11, a12 = x + 12, a13 = x + 13, a14 = x + 14;
        double a15 = x + 15;
        for (int r = 0; r < rounds; r++) {
            a0 += step; a1 += step; a2 += step; a3 += step; a4 += step; a5 += step; a6 += step; a7 += step;
            a8 += step; a9 += step; a10 += step; a11 += step; a12 += step; a13 += step; a14 += step; a15 += step;
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) + ((a12 + a13) + (a14 + a15));
    }

    /** As {@link #add}, with multiplications. */
    public static double multiply(double x, double factor, int rounds) {
        double a0 = x, a1 = x + 1, a2 = x + 2, a3 = x + 3, a4 = x + 4, a5 = x + 5, a6 = x + 6, a7 = x + 7;
        double a8 = x + 8, a9 = x + 9, a10 = x + 10, a11 = x + 11, a12 = x + 12, a13 = x + 13, a14 = x + 14;
        double a15 = x + 15;
        for (int r = 0; r < rounds; r++) {
            a0 *= factor; a1 *= factor; a2 *= factor; a3 *= factor; a4 *= factor; a5 *= factor; a6 *= factor;
            a7 *= factor; a8 *= factor; a9 *= factor; a10 *= factor; a11 *= factor; a12 *= factor; a13 *= factor;
            a14 *= factor; a15 *= factor;
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) + ((a12 + a13) + (a14 + a15));
    }

    /** Multiplications and additions per entry in {@link #multiplyAdd}. */
    static final int MULTIPLY_ADD_FLOPS = 16;

    /**
     * Vector arithmetic: each entry of a small array (in the first-level cache) multiplied and added
     * to eight times in registers, a loop the JIT turns into SIMD instructions and unrolls, so that
     * the chains of neighbouring iterations overlap: {@link #MULTIPLY_ADD_FLOPS} operations per entry.
     */
    public static void multiplyAdd(double[] a, double factor, double term) {
        for (int i = 0; i < a.length; i++) {
            double v = a[i];
            v = v * factor + term;
            v = v * factor + term;
            v = v * factor + term;
            v = v * factor + term;
            v = v * factor + term;
            v = v * factor + term;
            v = v * factor + term;
            v = v * factor + term;
            a[i] = v;
        }
    }
}

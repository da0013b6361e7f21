package dev.chainrule.benchmarks;

import java.util.SplittableRandom;
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
 * Whether generated code could compute e^x faster than {@code Math.exp} (a HotSpot intrinsic) by
 * writing the routine out in Java, at 1 ulp: a loop of 1000 exponentials, summed (log-sum-exp's
 * shape, a chain through one accumulator) or stored (the gradient's workspace), over [−30, 30] and
 * [−700, 700]; and softplus, log1p(e^−|x|), with Math.log1p against log1p from Math.log. The
 * evidence behind the e^x generated code writes for itself (codegen's Helpers): of the three routines,
 * {@link #scalarExp} (Cody–Waite, degree-13 Taylor) and {@link #branchFreeExp} (the same without a branch,
 * for C2's superword, which does not vectorise it) are no faster than the intrinsic, {@link #tableExp}
 * (Tang's, a table of 64) is about 1.5 times as fast.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
public class ExpBenchmark {
    private static final int N = 1000;

    /** The inputs are uniform in [−range, range]. */
    @Param({"30", "700"})
    public double range;

    private final double[] x = new double[N];
    private final double[] out = new double[N];

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < N; i++) {
            x[i] = random.nextDouble(-range, range);
        }
    }

    @Benchmark
    public double sumMathExp() {
        double sum = 0.0;
        for (int i = 0; i < N; i++) {
            sum += Math.exp(x[i]);
        }
        return sum;
    }

    @Benchmark
    public double sumScalarExp() {
        double sum = 0.0;
        for (int i = 0; i < N; i++) {
            sum += scalarExp(x[i]);
        }
        return sum;
    }

    @Benchmark
    public double sumBranchFreeExp() {
        double sum = 0.0;
        for (int i = 0; i < N; i++) {
            sum += branchFreeExp(x[i]);
        }
        return sum;
    }

    @Benchmark
    public double[] storeMathExp() {
        for (int i = 0; i < N; i++) {
            out[i] = Math.exp(x[i]);
        }
        return out;
    }

    @Benchmark
    public double[] storeScalarExp() {
        for (int i = 0; i < N; i++) {
            out[i] = scalarExp(x[i]);
        }
        return out;
    }

    @Benchmark
    public double[] storeBranchFreeExp() {
        for (int i = 0; i < N; i++) {
            out[i] = branchFreeExp(x[i]);
        }
        return out;
    }

    @Benchmark
    public double sumTableExp() {
        double sum = 0.0;
        for (int i = 0; i < N; i++) {
            sum += tableExp(x[i]);
        }
        return sum;
    }

    @Benchmark
    public double[] storeTableExp() {
        for (int i = 0; i < N; i++) {
            out[i] = tableExp(x[i]);
        }
        return out;
    }

    @Benchmark
    public double sumSoftplusMath() {
        double sum = 0.0;
        for (int i = 0; i < N; i++) {
            double v = x[i];
            sum += Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
        }
        return sum;
    }

    @Benchmark
    public double sumSoftplusWritten() {
        double sum = 0.0;
        for (int i = 0; i < N; i++) {
            double v = x[i];
            sum += Math.max(v, 0.0) + log1pOfUnitInterval(tableExp(-Math.abs(v)));
        }
        return sum;
    }

    /**
     * log(1 + y) for y in [0, 1] from the intrinsic Math.log: u = 1 + y rounds, and (y − (u − 1)) / u
     * is the first-order correction for what the rounding lost (within 1 ulp of StrictMath.log1p there).
     */
    static double log1pOfUnitInterval(double y) {
        double u = 1.0 + y;
        return Math.log(u) + (y - (u - 1.0)) / u;
    }

    private static final double LOG2_E = 1.4426950408889634;
    /** 1.5 · 2^52: adding it rounds a double of magnitude below 2^51 to an integer, held in the low bits. */
    private static final double ROUNDING_SHIFT = 0x1.8p52;
    /** ln 2 in two parts (fdlibm's): the high part has 32 significant bits, so k · LN2_HI is exact for |k| < 2^21. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;

    /**
     * e^x as 2^k · e^r, k = round(x / ln 2), r = x − k ln 2 (Cody–Waite, |r| ≤ ln 2 / 2), e^r by its Taylor
     * polynomial of degree 13 (truncation below 2^-55) in Estrin's scheme; outside |x| < 708 (overflow,
     * subnormal results, infinities, NaN) Math.exp. Within 1 ulp of StrictMath.exp.
     */
    static double scalarExp(double x) {
        if (!(Math.abs(x) < 708.0)) {
            return Math.exp(x);
        }
        double shifted = x * LOG2_E + ROUNDING_SHIFT;
        double k = shifted - ROUNDING_SHIFT;
        double r = x - k * LN2_HI - k * LN2_LO;
        // The low bits of shifted hold k; adding the exponent bias and shifting makes 2^k.
        double twoToK = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023L) << 52);
        return expReduced(r) * twoToK;
    }

    /**
     * The same without a branch: x clamped to [−746, 710] (beyond which e^x rounds to 0 or ∞), and 2^k
     * applied as two factors 2^(k/2) · 2^(k − k/2) so that overflow and gradual underflow come out of the
     * last multiplication. NaN propagates through the arithmetic.
     */
    static double branchFreeExp(double x) {
        double clamped = Math.max(-746.0, Math.min(710.0, x));
        double shifted = clamped * LOG2_E + ROUNDING_SHIFT;
        double k = shifted - ROUNDING_SHIFT;
        double r = clamped - k * LN2_HI - k * LN2_LO;
        long kBits = Double.doubleToRawLongBits(shifted) - Double.doubleToRawLongBits(ROUNDING_SHIFT);
        long half = kBits >> 1;
        double firstScale = Double.longBitsToDouble((half + 1023L) << 52);
        double secondScale = Double.longBitsToDouble((kBits - half + 1023L) << 52);
        return expReduced(r) * firstScale * secondScale;
    }

    /** 2^(j/64) for j = 0 … 63. */
    private static final double[] TWO_TO_SIXTY_FOURTHS = new double[64];

    static {
        for (int j = 0; j < 64; j++) {
            TWO_TO_SIXTY_FOURTHS[j] = StrictMath.pow(2.0, j / 64.0);
        }
    }

    /**
     * e^x by Tang's method: x = (64k + j) ln 2 / 64 + r with |r| ≤ ln 2 / 128, e^x = 2^k · 2^(j/64) · e^r,
     * 2^(j/64) from a table of 64 and e^r − 1 by its Taylor polynomial of degree 5 (truncation below
     * 2^-54); outside |x| < 708 Math.exp. Within 2 ulps of StrictMath.exp.
     */
    static double tableExp(double x) {
        if (!(Math.abs(x) < 708.0)) {
            return Math.exp(x);
        }
        double shifted = x * (64 * LOG2_E) + ROUNDING_SHIFT;
        double n = shifted - ROUNDING_SHIFT;
        double r = x - n * (LN2_HI / 64) - n * (LN2_LO / 64);
        long nBits = Double.doubleToRawLongBits(shifted);
        double twoToN64 = TWO_TO_SIXTY_FOURTHS[(int) nBits & 63]
                * Double.longBitsToDouble(((nBits >> 6) + 1023L) << 52);
        double r2 = r * r;
        double expm1 = r + r2 * ((1.0 / 2 + r * (1.0 / 6)) + r2 * (1.0 / 24 + r * (1.0 / 120)));
        return twoToN64 + twoToN64 * expm1;
    }

    /** e^r for |r| ≤ ln 2 / 2: Taylor to degree 13 in Estrin's scheme, 1 + r added last. */
    private static double expReduced(double r) {
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double c23 = 1.0 / 2 + r * (1.0 / 6);
        double c45 = 1.0 / 24 + r * (1.0 / 120);
        double c67 = 1.0 / 720 + r * (1.0 / 5040);
        double c89 = 1.0 / 40320 + r * (1.0 / 362880);
        double c1011 = 1.0 / 3628800 + r * (1.0 / 39916800);
        double c1213 = 1.0 / 479001600 + r * (1.0 / 6227020800.0);
        double tail = (c23 + r2 * c45) + r4 * (c67 + r2 * c89) + r8 * (c1011 + r2 * c1213);
        return 1.0 + (r + r2 * tail);
    }
}

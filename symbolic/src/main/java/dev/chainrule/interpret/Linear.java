package dev.chainrule.interpret;

/**
 * The numerics behind the interpreter's reductions and matrix functions, on row-major arrays:
 * textbook algorithms (partial pivoting, scaled sums), chosen to be easy to check rather than fast,
 * and the same, step for step, as the helpers of generated code, so that both engines agree on
 * singular, badly scaled and non-finite input (docs/codegen.md, "Numerics").
 */
final class Linear {
    private Linear() {}

    /**
     * The Euclidean (Frobenius) norm, sqrt of the sum of squares, computed on the entries scaled by
     * a power of two near the largest magnitude, so that squaring neither overflows for entries
     * near 1e200 nor underflows to 0 for entries near 1e-200. Scaling by a power of two is exact,
     * so where the plain formula does not overflow or underflow it gives the same bits.
     */
    static double norm2(double[] x) {
        return normPower(x, 1);
    }

    /**
     * ‖x‖ᵏ for k ≥ 1, from the same scaled sum of squares S as {@link #norm2}: S^⌊k/2⌋ (times √S for
     * an odd k) scaled back by 2^(k·e), one rounding each, so ‖x‖³ is S·√S, not a cube of a rounded
     * norm (as generated code computes it, from its plain sum of squares). Where that overflows or
     * underflows, the scaling back gives ∞ or the rounded subnormal, as the power of the norm would.
     */
    static double normPower(double[] x, int k) {
        double scale = 0;
        boolean nan = false;
        for (double v : x) {
            double a = Math.abs(v);
            if (Double.isNaN(a)) {
                nan = true;
            } else if (a > scale) {
                scale = a;
            }
        }
        // NaN if an entry is NaN, even beside an infinite one, as sqrt(Σ x²) gives and generated code computes.
        if (nan) {
            return Double.NaN;
        }
        if (Double.isInfinite(scale)) {
            return Double.POSITIVE_INFINITY;
        }
        if (scale == 0) {
            return 0;
        }
        int exponent = Math.getExponent(scale);
        double sum = 0;
        for (double v : x) {
            double r = Math.scalb(v, -exponent);
            sum += r * r;
        }
        // pow(S, 0) = 1 and pow(S, 1) = S exactly, and 1·√S = √S: the norm itself for k = 1.
        double even = Math.pow(sum, k / 2);
        double scaled = k % 2 == 0 ? even : even * Math.sqrt(sum);
        // k·e fits an int for the k a norm's power is computed by (≤ 64) and |e| ≤ 1074.
        return Math.scalb(scaled, k * exponent);
    }

    /**
     * log Σ exp(xᵢ), computed as m + log Σ exp(xᵢ − m) with m the largest entry, so that no
     * exponential overflows. When m is infinite the shift would make NaN of ∞ − ∞, so the limits are
     * taken directly: +∞ if some entry is +∞, −∞ if every entry is −∞; NaN if any entry is NaN.
     */
    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            max = Math.max(max, v);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /**
     * softmax(x) = exp(x − m) / Σ exp(x − m) with m the largest entry, so that no exponential
     * overflows. Where that shift is undefined (an entry +∞, every entry −∞, or a NaN) every entry is
     * NaN, as in generated code.
     */
    static double[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double[] out = new double[x.length];
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            out[k] = Math.exp(x[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < x.length; k++) {
            out[k] /= sum;
        }
        return out;
    }

    /**
     * An LU factorisation {@code PA = LU} with partial pivoting, packed as generated code packs it:
     * U on and above the diagonal, L's multipliers below; {@code pivots[k]} the row swapped with
     * row k at step k; {@code sign} the permutation's sign, 0 when a pivot was exactly zero.
     */
    private record Lu(double[] lu, int[] pivots, int sign) {}

    /**
     * Gaussian elimination with partial pivoting, step for step as the generated {@code luFactor}
     * does it, so that both engines decide alike whether a matrix is singular: when every candidate
     * pivot of a column is exactly zero (as LAPACK's dgetrf decides), the column is left as it is,
     * its zero lands on U's diagonal, and the sign is 0.
     */
    private static Lu lu(double[] a, int n) {
        double[] m = a.clone();
        int[] pivots = new int[n];
        int sign = 1;
        for (int k = 0; k < n; k++) {
            int pivot = k;
            double largest = Math.abs(m[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double candidate = Math.abs(m[i * n + k]);
                if (candidate > largest) {
                    largest = candidate;
                    pivot = i;
                }
            }
            pivots[k] = pivot;
            if (largest == 0.0) {
                sign = 0;
                continue;
            }
            if (pivot != k) {
                sign = -sign;
                swapRows(m, n, k, pivot);
            }
            double diagonal = m[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double factor = m[i * n + k] / diagonal;
                m[i * n + k] = factor;
                for (int j = k + 1; j < n; j++) {
                    m[i * n + j] -= factor * m[k * n + j];
                }
            }
        }
        return new Lu(m, pivots, sign);
    }

    /** det A as the signed product of U's diagonal: 0 when singular; NaN if an entry is not finite. */
    static double det(double[] a, int n) {
        if (!allFinite(a)) {
            return Double.NaN;
        }
        Lu lu = lu(a, n);
        double det = lu.sign();
        for (int i = 0; i < n; i++) {
            det *= lu.lu()[i * n + i];
        }
        return det;
    }

    /**
     * log |det A| as a sum of logarithms, which stays finite where the product would overflow or
     * underflow (10·I of size 1000 has det 10^1000); -Infinity when A is singular.
     */
    static double logAbsDet(double[] a, int n) {
        if (!allFinite(a)) {
            return Double.NaN;
        }
        Lu lu = lu(a, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(Math.abs(lu.lu()[i * n + i]));
        }
        return sum;
    }

    /**
     * A⁻¹ from the LU factorisation, column by column (permute, forward substitution with L, back
     * substitution with U), as the generated {@code luInverse} computes it; every entry NaN when
     * A is singular (a pivot exactly zero) or has an entry that is not finite.
     */
    static double[] inverse(double[] a, int n) {
        double[] out = new double[n * n];
        if (!allFinite(a)) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        Lu f = lu(a, n);
        if (f.sign() == 0) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        double[] lu = f.lu();
        for (int column = 0; column < n; column++) {
            for (int i = 0; i < n; i++) {
                out[i * n + column] = i == column ? 1.0 : 0.0;
            }
            for (int k = 0; k < n; k++) {
                int p = f.pivots()[k];
                if (p != k) {
                    double swap = out[k * n + column];
                    out[k * n + column] = out[p * n + column];
                    out[p * n + column] = swap;
                }
            }
            for (int i = 0; i < n; i++) {
                double sum = out[i * n + column];
                for (int k = 0; k < i; k++) {
                    sum -= lu[i * n + k] * out[k * n + column];
                }
                out[i * n + column] = sum;
            }
            for (int i = n - 1; i >= 0; i--) {
                double sum = out[i * n + column];
                for (int k = i + 1; k < n; k++) {
                    sum -= lu[i * n + k] * out[k * n + column];
                }
                out[i * n + column] = sum / lu[i * n + i];
            }
        }
        return out;
    }

    private static void swapRows(double[] m, int n, int r, int s) {
        for (int j = 0; j < n; j++) {
            double t = m[r * n + j];
            m[r * n + j] = m[s * n + j];
            m[s * n + j] = t;
        }
    }

    private static boolean allFinite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}

package dev.chainrule.interpret;

/**
 * The numerics behind the interpreter's reductions and matrix functions, on row-major arrays:
 * textbook algorithms (partial pivoting, scaled sums), chosen to be easy to check rather than fast.
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
        // As Math.hypot: an infinite entry makes the norm infinite even beside a NaN.
        if (Double.isInfinite(scale)) {
            return Double.POSITIVE_INFINITY;
        }
        if (nan) {
            return Double.NaN;
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
        return Math.scalb(Math.sqrt(sum), exponent);
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

    /** An LU factorisation {@code PA = LU}, packed: U on and above the diagonal. */
    private static final class Lu {
        final double[] u;
        final int sign;

        Lu(double[] u, int sign) {
            this.u = u;
            this.sign = sign;
        }
    }

    /**
     * Gaussian elimination with partial pivoting. A column with no nonzero pivot is left as it is:
     * its zero lands on U's diagonal and makes the determinant 0, which is the right answer.
     */
    private static Lu lu(double[] a, int n) {
        double[] m = a.clone();
        int sign = 1;
        for (int k = 0; k < n; k++) {
            int pivot = k;
            double best = Math.abs(m[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double candidate = Math.abs(m[i * n + k]);
                if (candidate > best) {
                    best = candidate;
                    pivot = i;
                }
            }
            if (best == 0) {
                continue;
            }
            if (pivot != k) {
                swapRows(m, n, k, pivot);
                sign = -sign;
            }
            for (int i = k + 1; i < n; i++) {
                double f = m[i * n + k] / m[k * n + k];
                m[i * n + k] = 0;
                for (int j = k + 1; j < n; j++) {
                    m[i * n + j] -= f * m[k * n + j];
                }
            }
        }
        return new Lu(m, sign);
    }

    /** det A as the signed product of U's diagonal; NaN if an entry is not finite. */
    static double det(double[] a, int n) {
        if (!allFinite(a)) {
            return Double.NaN;
        }
        Lu lu = lu(a, n);
        double det = lu.sign;
        for (int i = 0; i < n; i++) {
            det *= lu.u[i * n + i];
        }
        return det == 0 ? 0.0 : det;
    }

    /**
     * log |det A| as a sum of logarithms, which stays finite where the product would overflow or
     * underflow (a 1000×1000 matrix of 10s has det 10^1000); -Infinity when A is singular.
     */
    static double logAbsDet(double[] a, int n) {
        if (!allFinite(a)) {
            return Double.NaN;
        }
        Lu lu = lu(a, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(Math.abs(lu.u[i * n + i]));
        }
        return sum;
    }

    /**
     * A⁻¹ by Gauss–Jordan elimination of [A | I] with partial pivoting, or null if A is singular:
     * when a pivot is no bigger than n·ε times the largest entry of its row of A (see
     * {@link Interpreter}). All NaN if an entry of A is not finite.
     */
    static double[] inverse(double[] a, int n) {
        double[] inv = new double[n * n];
        if (!allFinite(a)) {
            java.util.Arrays.fill(inv, Double.NaN);
            return inv;
        }
        double[] m = a.clone();
        // The scale of each row as it was in A; rowScale follows its row through the swaps.
        double[] rowScale = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowScale[i] = Math.max(rowScale[i], Math.abs(m[i * n + j]));
            }
            inv[i * n + i] = 1;
        }
        double tolerance = n * Math.ulp(1.0);
        for (int k = 0; k < n; k++) {
            int pivot = k;
            double best = Math.abs(m[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double candidate = Math.abs(m[i * n + k]);
                if (candidate > best) {
                    best = candidate;
                    pivot = i;
                }
            }
            if (best == 0 || best <= tolerance * rowScale[pivot]) {
                return null;
            }
            if (pivot != k) {
                swapRows(m, n, k, pivot);
                swapRows(inv, n, k, pivot);
                double s = rowScale[k];
                rowScale[k] = rowScale[pivot];
                rowScale[pivot] = s;
            }
            double p = m[k * n + k];
            for (int j = 0; j < n; j++) {
                m[k * n + j] /= p;
                inv[k * n + j] /= p;
            }
            for (int i = 0; i < n; i++) {
                if (i == k) {
                    continue;
                }
                double f = m[i * n + k];
                if (f == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    m[i * n + j] -= f * m[k * n + j];
                    inv[i * n + j] -= f * inv[k * n + j];
                }
            }
        }
        return inv;
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

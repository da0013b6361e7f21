package dev.chainrule.testing;

import dev.chainrule.testing.property.Gen;
import dev.chainrule.testing.property.Shrinking;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Random vectors and matrices (row-major {@code double[]}, as generated classes take them), both as
 * plain functions of a {@link Random} and as {@link Gen generators} for properties, which shrink
 * entries towards 0 and to fewer decimals.
 */
public final class ArrayGen {
    private ArrayGen() {}

    /** What kind of square matrix to make; other matrices are always general. */
    public enum MatrixKind {
        /** Entries independent and uniform. */
        GENERAL,
        /** {@code AᵀA/n + I}: symmetric, eigenvalues at least 1, so inv, det and logdet are safe. */
        SYMMETRIC_POSITIVE_DEFINITE,
        /** Uniform entries plus {@code n·max(|min|,|max|)} on the diagonal: invertible and not symmetric. */
        DIAGONALLY_DOMINANT
    }

    /** The shape of an array: rows × cols, and whether it is a scalar, a vector or a matrix. */
    public record Shape(Variables.Variable.Kind kind, int rows, int cols) {
        private static final Pattern SYNTAX = Pattern.compile(
                "\\s*(scalar|vector\\s*\\[\\s*(\\w+)\\s*]|matrix\\s*\\[\\s*(\\w+)\\s*,\\s*(\\w+)\\s*])\\s*");

        public int size() {
            return rows * cols;
        }

        /**
         * Reads {@code scalar}, {@code vector[3]} or {@code matrix[2,3]}, the types of chainrule's
         * language; symbolic sizes ({@code vector[n]}) are looked up in {@code dims}.
         */
        public static Shape parse(String text, Map<String, Integer> dims) {
            Matcher m = SYNTAX.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a shape: '" + text
                        + "'; write scalar, vector[3], matrix[2,3] (or vector[n] with n given in dims)");
            }
            if (m.group(1).equals("scalar")) {
                return new Shape(Variables.Variable.Kind.SCALAR, 1, 1);
            }
            if (m.group(2) != null) {
                return new Shape(Variables.Variable.Kind.VECTOR, size(m.group(2), dims, text), 1);
            }
            return new Shape(Variables.Variable.Kind.MATRIX, size(m.group(3), dims, text), size(m.group(4), dims, text));
        }

        private static int size(String dim, Map<String, Integer> dims, String text) {
            int size;
            if (dim.chars().allMatch(Character::isDigit)) {
                size = Integer.parseInt(dim);
            } else {
                Integer bound = dims.get(dim);
                if (bound == null) {
                    throw new IllegalArgumentException("no size for " + dim + " in '" + text + "'; give it in dims, as in "
                            + dim + "=3");
                }
                size = bound;
            }
            if (size < 1) {
                throw new IllegalArgumentException("a size must be at least 1, not " + size + " in '" + text + "'");
            }
            return size;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case SCALAR -> "scalar";
                case VECTOR -> "vector[" + rows + "]";
                case MATRIX -> String.format(Locale.ROOT, "matrix[%d,%d]", rows, cols);
            };
        }
    }

    // ---- plain functions ------------------------------------------------------------------------

    /** A number uniform in [min, max). */
    public static double scalar(Random random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /** n entries uniform in [min, max). */
    public static double[] vector(Random random, int n, double min, double max) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scalar(random, min, max);
        }
        return v;
    }

    /** An m × n row-major matrix, entries uniform in [min, max). */
    public static double[] matrix(Random random, int m, int n, double min, double max) {
        return vector(random, m * n, min, max);
    }

    /** An n × n matrix of the given kind, built from entries uniform in [min, max). */
    public static double[] square(Random random, int n, double min, double max, MatrixKind kind) {
        double[] a = matrix(random, n, n, min, max);
        return switch (kind) {
            case GENERAL -> a;
            case SYMMETRIC_POSITIVE_DEFINITE -> {
                double[] s = new double[n * n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int k = 0; k < n; k++) {
                            sum += a[k * n + i] * a[k * n + j];
                        }
                        s[i * n + j] = sum / n + (i == j ? 1 : 0);
                    }
                }
                yield s;
            }
            case DIAGONALLY_DOMINANT -> {
                double bound = Math.max(Math.abs(min), Math.abs(max));
                for (int i = 0; i < n; i++) {
                    a[i * n + i] += n * bound;
                }
                yield a;
            }
        };
    }

    /** An array of the given shape: square matrices of the given kind. */
    public static double[] array(Random random, Shape shape, double min, double max, MatrixKind kind) {
        if (shape.kind() == Variables.Variable.Kind.MATRIX && shape.rows() == shape.cols()) {
            return square(random, shape.rows(), min, max, kind);
        }
        return vector(random, shape.size(), min, max);
    }

    // ---- generators -----------------------------------------------------------------------------

    /** Doubles uniform in [min, max), shrinking towards 0 (or the end nearer to it) and to fewer decimals. */
    public static Gen<Double> scalars(double min, double max) {
        return Gen.doubles(min, max);
    }

    /** Vectors of length n, entries uniform in [-1, 1). */
    public static Gen<double[]> vectors(int n) {
        return vectors(n, -1, 1);
    }

    /** Vectors of length n, entries uniform in [min, max); they shrink entry by entry. */
    public static Gen<double[]> vectors(int n, double min, double max) {
        return Gen.of((random, size) -> vector(random, n, min, max), v -> shrinkEntries(v, min, max));
    }

    /** m × n row-major matrices, entries uniform in [-1, 1). */
    public static Gen<double[]> matrices(int m, int n) {
        return vectors(m * n, -1, 1);
    }

    /** n × n matrices of the given kind, from entries uniform in [-1, 1). */
    public static Gen<double[]> squareMatrices(int n, MatrixKind kind) {
        if (kind == MatrixKind.GENERAL) {
            return matrices(n, n);
        }
        // Shrink the entries the matrix is built from, so that shrunk matrices keep their kind.
        return Gen.of((random, size) -> matrix(random, n, n, -1, 1), v -> shrinkEntries(v, -1, 1))
                .map(a -> square(new FixedRandom(a), n, -1, 1, kind));
    }

    private static Stream<double[]> shrinkEntries(double[] v, double min, double max) {
        double target = min <= 0 && 0 < max ? 0 : min;
        return IntStream.range(0, v.length).boxed().flatMap(i -> Shrinking.simplerDoubles(v[i], target)
                .filter(d -> d >= min && d < max)
                .mapToObj(d -> {
                    double[] copy = v.clone();
                    copy[i] = d;
                    return copy;
                }));
    }

    /** Replays given uniform entries as a Random, so that {@link #square} builds on shrinkable entries. */
    private static final class FixedRandom extends Random {
        private static final long serialVersionUID = 1L;
        private final double[] entries;
        private int next;

        FixedRandom(double[] entries) {
            this.entries = entries;
        }

        @Override
        public double nextDouble() {
            // square() maps nextDouble() from [0, 1) onto [-1, 1): undo that here.
            return (entries[next++] + 1) / 2;
        }
    }
}

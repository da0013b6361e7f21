package dev.chainrule.syntax;

import java.util.List;

/**
 * A declared type as written: {@code scalar}, {@code vector[n]}, {@code matrix[m, 3]} or
 * {@code symmetric[n]} (a square matrix equal to its transpose).
 */
public record TypeSpec(Kind kind, List<DimSpec> dims, Span span) {
    public enum Kind {
        SCALAR(0), VECTOR(1), MATRIX(2), SYMMETRIC(1);

        /** How many dimensions the type takes. */
        public final int dimensions;

        Kind(int dimensions) {
            this.dimensions = dimensions;
        }
    }

    /** A dimension as written: a symbol such as {@code n}, or a fixed size such as {@code 3}. */
    public record DimSpec(String symbol, int size, Span span) {
        public static DimSpec symbolic(String symbol, Span span) {
            return new DimSpec(symbol, 0, span);
        }

        public static DimSpec fixed(int size, Span span) {
            return new DimSpec(null, size, span);
        }

        public boolean isFixed() {
            return symbol == null;
        }

        @Override
        public String toString() {
            return isFixed() ? Integer.toString(size) : symbol;
        }
    }

    public TypeSpec {
        dims = List.copyOf(dims);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SCALAR -> "scalar";
            case VECTOR -> "vector[" + dims.get(0) + "]";
            case MATRIX -> "matrix[" + dims.get(0) + "," + dims.get(1) + "]";
            case SYMMETRIC -> "symmetric[" + dims.get(0) + "]";
        };
    }
}

package dev.chainrule.shape;

/**
 * The shape of a value: a scalar, a (column) vector of length n, a row vector (a transposed vector,
 * 1 × n) or an m × n matrix. Every node of the expression graph carries one.
 */
public record Shape(Kind kind, Dim rows, Dim cols) {
    public enum Kind { SCALAR, VECTOR, ROW, MATRIX }

    public static final Shape SCALAR = new Shape(Kind.SCALAR, Dim.ONE, Dim.ONE);

    public Shape {
        if (rows.isZero() || cols.isZero()) {
            throw new IllegalArgumentException("a shape has at least one row and one column, not " + rows + "×" + cols);
        }
        boolean consistent = switch (kind) {
            case SCALAR -> rows.equals(Dim.ONE) && cols.equals(Dim.ONE);
            case VECTOR -> cols.equals(Dim.ONE);
            case ROW -> rows.equals(Dim.ONE);
            case MATRIX -> true;
        };
        if (!consistent) {
            throw new IllegalArgumentException("inconsistent shape " + kind + " " + rows + "×" + cols);
        }
    }

    public static Shape vector(Dim length) {
        return new Shape(Kind.VECTOR, length, Dim.ONE);
    }

    public static Shape row(Dim length) {
        return new Shape(Kind.ROW, Dim.ONE, length);
    }

    public static Shape matrix(Dim rows, Dim cols) {
        return new Shape(Kind.MATRIX, rows, cols);
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    public boolean isVector() {
        return kind == Kind.VECTOR;
    }

    public boolean isRow() {
        return kind == Kind.ROW;
    }

    public boolean isMatrix() {
        return kind == Kind.MATRIX;
    }

    /** The length of a vector or row vector. */
    public Dim length() {
        return switch (kind) {
            case VECTOR -> rows;
            case ROW -> cols;
            default -> throw new IllegalStateException(this + " has no length");
        };
    }

    public boolean isSquareMatrix() {
        return kind == Kind.MATRIX && rows.equals(cols);
    }

    public Shape transpose() {
        return switch (kind) {
            case SCALAR -> this;
            case VECTOR -> row(rows);
            case ROW -> vector(cols);
            case MATRIX -> matrix(cols, rows);
        };
    }

    /** The shape as the language declares it: {@code scalar}, {@code vector[n]}, {@code vector[n]'}, {@code matrix[m,n]}. */
    @Override
    public String toString() {
        return switch (kind) {
            case SCALAR -> "scalar";
            case VECTOR -> "vector[" + rows + "]";
            case ROW -> "vector[" + cols + "]'";
            case MATRIX -> "matrix[" + rows + "," + cols + "]";
        };
    }
}

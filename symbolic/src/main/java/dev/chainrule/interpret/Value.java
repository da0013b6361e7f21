package dev.chainrule.interpret;

import dev.chainrule.shape.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * A numeric value of one of the language's shapes: a scalar, a (column) vector, a row vector or a
 * matrix, its entries stored row-major. The {@link Shape.Kind kind} is kept apart from the size so
 * that a 1×1 matrix, a vector of length 1 and a scalar stay distinguishable, as they are in the
 * expression graph.
 *
 * <p>Immutable in practice: the constructor copies {@code data} and {@link #data()} returns a copy,
 * so no caller can change a value another holds. Equality compares entries with
 * {@link Arrays#equals(double[], double[])}, so NaN equals NaN and {@code 0.0} differs from
 * {@code -0.0}: two values are equal when they print the same.
 *
 * <p>A vector, a row or a matrix may have no entries: inside a derivative, the zeros before and
 * after an entry are blocks of sizes such as n − 2, which is 0 at n = 2. Inputs never are empty:
 * the JSON reader refuses {@code []} and the interpreter a dimension below 1.
 *
 * @param kind scalar, vector, row vector or matrix
 * @param rows the number of rows: 1 for a scalar or a row vector
 * @param cols the number of columns: 1 for a scalar or a vector
 * @param data the {@code rows × cols} entries, row by row
 */
public record Value(Shape.Kind kind, int rows, int cols, double[] data) {

    /**
     * Checks that the size fits the kind and that there is one entry per position.
     *
     * @throws IllegalArgumentException if it does not
     */
    public Value {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a value cannot have a negative size, " + rows + "×" + cols);
        }
        boolean consistent = switch (kind) {
            case SCALAR -> rows == 1 && cols == 1;
            case VECTOR -> cols == 1;
            case ROW -> rows == 1;
            case MATRIX -> true;
        };
        if (!consistent) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " cannot be " + rows + "×" + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " value needs " + (long) rows * cols
                    + " entries, not " + data.length);
        }
        data = data.clone();
    }

    /** The scalar {@code value}. */
    public static Value scalar(double value) {
        return new Value(Shape.Kind.SCALAR, 1, 1, new double[] {value});
    }

    /** The column vector of {@code entries}. */
    public static Value vector(double... entries) {
        return new Value(Shape.Kind.VECTOR, entries.length, 1, entries);
    }

    /** The row vector (a transposed vector) of {@code entries}. */
    public static Value row(double... entries) {
        return new Value(Shape.Kind.ROW, 1, entries.length, entries);
    }

    /** The {@code rows × cols} matrix whose entries are {@code rowMajor}, row by row. */
    public static Value matrix(int rows, int cols, double... rowMajor) {
        return new Value(Shape.Kind.MATRIX, rows, cols, rowMajor);
    }

    /** A copy of the entries, row-major: changing it does not change this value. */
    @Override
    public double[] data() {
        return data.clone();
    }

    /**
     * The entries without a copy, for the interpreter's inner loops; callers must not write to it.
     */
    double[] raw() {
        return data;
    }

    /** The number of entries, {@code rows × cols}. */
    public int size() {
        return data.length;
    }

    /**
     * The entry in row {@code i} and column {@code j}, both counted from 0.
     *
     * @throws IndexOutOfBoundsException if the position is outside the value
     */
    public double get(int i, int j) {
        Objects.checkIndex(i, rows);
        Objects.checkIndex(j, cols);
        return data[i * cols + j];
    }

    /**
     * The entry at {@code index} counted row-major from 0: for a vector or a row vector, its
     * {@code index}-th entry.
     *
     * @throws IndexOutOfBoundsException if there is no such entry
     */
    public double get(int index) {
        Objects.checkIndex(index, data.length);
        return data[index];
    }

    /**
     * The number this scalar holds.
     *
     * @throws IllegalStateException if this is not a scalar (a 1×1 matrix or a vector of length 1 is not)
     */
    public double asScalar() {
        if (kind != Shape.Kind.SCALAR) {
            throw new IllegalStateException("not a scalar but " + describe());
        }
        return data[0];
    }

    /** This vector or row vector's entries as a vector or row vector, as {@code newKind} says. */
    Value asOneDimensional(Shape.Kind newKind) {
        if (newKind == kind) {
            return this;
        }
        return newKind == Shape.Kind.ROW ? row(data) : vector(data);
    }

    /**
     * What this value is, for messages: "a scalar", "a vector of length 3", "a row vector of
     * length 3" or "a 2×3 matrix".
     */
    public String describe() {
        return switch (kind) {
            case SCALAR -> "a scalar";
            case VECTOR -> "a vector of length " + rows;
            case ROW -> "a row vector of length " + cols;
            case MATRIX -> "a " + rows + "×" + cols + " matrix";
        };
    }

    /**
     * This value as JSON: a number for a scalar, an array of numbers for a vector or a row vector
     * (the two print alike), an array of rows for a matrix. Numbers print as
     * {@link Double#toString(double)} does, which reads back to the same double; NaN and the
     * infinities, which JSON has no numbers for, print as the strings {@code "NaN"},
     * {@code "Infinity"} and {@code "-Infinity"}.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder();
        switch (kind) {
            case SCALAR -> appendNumber(json, data[0]);
            case VECTOR, ROW -> appendArray(json, 0, data.length);
            case MATRIX -> {
                json.append('[');
                for (int i = 0; i < rows; i++) {
                    if (i > 0) {
                        json.append(", ");
                    }
                    appendArray(json, i * cols, cols);
                }
                json.append(']');
            }
        }
        return json.toString();
    }

    /**
     * This value's entries, read row by row, as nested JSON arrays of the given sizes, the outer
     * first: a derivative's flattened matrix read back as [i][j][k][l] (the function's indices,
     * then the variable's). No sizes is a scalar.
     *
     * @throws IllegalArgumentException if the sizes do not multiply to the number of entries
     */
    public String toJson(int... sizes) {
        long count = 1;
        for (int size : sizes) {
            count *= size;
        }
        if (count != data.length) {
            throw new IllegalArgumentException(java.util.Arrays.toString(sizes) + " do not hold " + data.length
                    + " entries");
        }
        StringBuilder json = new StringBuilder();
        nested(json, sizes, 0, 0);
        return json.toString();
    }

    private void nested(StringBuilder json, int[] sizes, int level, int offset) {
        if (level == sizes.length) {
            appendNumber(json, data[offset]);
            return;
        }
        int stride = 1;
        for (int k = level + 1; k < sizes.length; k++) {
            stride *= sizes[k];
        }
        json.append('[');
        for (int i = 0; i < sizes[level]; i++) {
            if (i > 0) {
                json.append(", ");
            }
            nested(json, sizes, level + 1, offset + i * stride);
        }
        json.append(']');
    }

    private void appendArray(StringBuilder json, int from, int count) {
        json.append('[');
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                json.append(", ");
            }
            appendNumber(json, data[from + k]);
        }
        json.append(']');
    }

    private static void appendNumber(StringBuilder json, double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            json.append('"').append(x).append('"');
        } else {
            json.append(x);
        }
    }

    /**
     * Reads the forms {@link #toJson()} writes: a number (or {@code "NaN"}, {@code "Infinity"},
     * {@code "-Infinity"}) is a scalar, a non-empty array of numbers a (column) vector, a
     * non-empty array of equally long non-empty arrays of numbers a matrix. Since vectors and row
     * vectors print alike, an array of numbers always reads as a vector; the interpreter accepts it
     * for a row-vector variable too. Numbers are read by {@link Double#parseDouble(String)}, so one
     * beyond the range of a double, such as {@code 1e400}, reads as an infinity.
     *
     * @throws IllegalArgumentException naming the offset and what was expected, if {@code json} is
     *     not one of these forms
     */
    public static Value fromJson(String json) {
        Objects.requireNonNull(json, "json");
        return new JsonReader(json).readValue();
    }

    /** Same kind, size and entries, NaN equal to NaN and {@code 0.0} unequal to {@code -0.0}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && kind == v.kind && rows == v.rows && cols == v.cols
                && Arrays.equals(data, v.data);
    }

    /** A hash of kind, size and entries, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(kind, rows, cols) * 31 + Arrays.hashCode(data);
    }

    /** The kind and size with the entries as JSON, for test failures and debugging. */
    @Override
    public String toString() {
        return kind + " " + rows + "×" + cols + " " + toJson();
    }
}

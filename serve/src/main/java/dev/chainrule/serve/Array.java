package dev.chainrule.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * A number, vector, row vector or matrix of the numbers section, its entries row by row: the
 * server's own value type, so that only {@link Pipeline} knows the interpreter's.
 */
record Array(Kind kind, int rows, int cols, double[] data) {

    enum Kind { SCALAR, VECTOR, ROW, MATRIX }

    Array {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(rows + "×" + cols + " needs " + (long) rows * cols + " entries");
        }
    }

    int size() {
        return data.length;
    }

    /** The same shape with other entries. */
    Array with(double[] entries) {
        return new Array(kind, rows, cols, entries);
    }

    /** As JSON: a number, an array (a vector), or an array of rows (a matrix). */
    Object toJson() {
        return switch (kind) {
            case SCALAR -> data[0];
            case VECTOR, ROW -> list(0, data.length);
            case MATRIX -> {
                List<Object> rowsList = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    rowsList.add(list(i * cols, cols));
                }
                yield rowsList;
            }
        };
    }

    private List<Object> list(int from, int count) {
        List<Object> entries = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            entries.add(data[from + k]);
        }
        return entries;
    }

    /** The largest absolute difference between entries, NaN where only one side is NaN. */
    static double maxDifference(Array a, Array b) {
        if (a.size() != b.size()) {
            return Double.NaN;
        }
        double max = 0;
        for (int k = 0; k < a.size(); k++) {
            double x = a.data[k];
            double y = b.data[k];
            if (Double.isNaN(x) || Double.isNaN(y)) {
                if (Double.isNaN(x) != Double.isNaN(y)) {
                    return Double.NaN;
                }
                continue;
            }
            if (x == y) {
                continue;
            }
            max = Math.max(max, Math.abs(x - y));
        }
        return max;
    }

    /** The largest absolute entry, for scaling a difference. */
    double maxAbs() {
        double max = 0;
        for (double x : data) {
            if (!Double.isNaN(x)) {
                max = Math.max(max, Math.abs(x));
            }
        }
        return max;
    }
}

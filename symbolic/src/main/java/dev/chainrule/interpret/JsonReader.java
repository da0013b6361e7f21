package dev.chainrule.interpret;

import java.util.ArrayList;
import java.util.List;

/**
 * The little JSON that {@link Value#fromJson(String)} reads: a number, an array of numbers, or an
 * array of arrays of numbers, with the strings "NaN", "Infinity" and "-Infinity" standing for the
 * numbers JSON lacks. Numbers follow JSON's grammar exactly (no {@code +1}, {@code .5} or {@code 01}).
 *
 * <p>Written by hand with a fixed nesting depth, rather than as a general recursive parser, so that
 * no input, however deeply nested, can overflow the stack, and every error can say what the only
 * acceptable forms are.
 */
final class JsonReader {
    private final String text;
    private int pos;

    JsonReader(String text) {
        this.text = text;
    }

    Value readValue() {
        skipWhitespace();
        Value value;
        if (peek() == '[') {
            value = readArray();
        } else {
            value = Value.scalar(readNumber());
        }
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected " + describe(pos) + " after the value");
        }
        return value;
    }

    /** An array of numbers (a vector) or of arrays of numbers (a matrix), decided by its first entry. */
    private Value readArray() {
        int start = pos;
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            throw error(start, "empty array: a vector or matrix needs at least one entry");
        }
        if (peek() == '[') {
            return readMatrix(start);
        }
        List<Double> entries = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (peek() == '[') {
                throw error("unexpected '[' in a vector: an array holds either numbers or arrays, not both");
            }
            entries.add(readNumber());
            if (!separator()) {
                break;
            }
        }
        return Value.vector(unbox(entries));
    }

    private Value readMatrix(int start) {
        List<double[]> rows = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (peek() != '[') {
                throw error("expected '[' to start row " + (rows.size() + 1) + " of a matrix but found " + describe(pos)
                        + ": an array holds either numbers or arrays, not both");
            }
            int rowStart = pos;
            double[] row = readRow();
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw error(rowStart, "ragged matrix: row " + (rows.size() + 1)
                        + " has " + row.length + " entries but row 1 has " + rows.get(0).length);
            }
            rows.add(row);
            if (!separator()) {
                break;
            }
        }
        int cols = rows.get(0).length;
        double[] data = new double[rows.size() * cols];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, data, i * cols, cols);
        }
        return Value.matrix(rows.size(), cols, data);
    }

    /** One row of a matrix: numbers only, since values have at most two dimensions. */
    private double[] readRow() {
        int start = pos;
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            throw error(start, "empty row: a matrix row needs at least one entry");
        }
        List<Double> entries = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (peek() == '[') {
                throw error("unexpected '[' in a matrix row: values have at most two dimensions");
            }
            entries.add(readNumber());
            if (!separator()) {
                break;
            }
        }
        return unbox(entries);
    }

    /** After an entry: true at a comma (another entry follows), false at the closing bracket. */
    private boolean separator() {
        skipWhitespace();
        char c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == ']') {
            pos++;
            return false;
        }
        throw error("expected ',' or ']' but found " + describe(pos));
    }

    private double readNumber() {
        if (peek() == '"') {
            return readSpecialNumber();
        }
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            pos = start;
            throw error("expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found " + describe(pos));
        }
        if (peek() == '.') {
            pos++;
            requireDigit(start);
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigit(start);
            skipDigits();
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private double readSpecialNumber() {
        int start = pos;
        int close = text.indexOf('"', pos + 1);
        if (close < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(pos + 1, close);
        pos = close + 1;
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                pos = start;
                throw error("unexpected string \"" + s + "\": the only strings allowed are \"NaN\", \"Infinity\" and \"-Infinity\"");
        }
    }

    private void requireDigit(int numberStart) {
        if (!isDigit(peek())) {
            throw error("malformed number '" + text.substring(numberStart, pos) + "': expected a digit but found "
                    + describe(pos));
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "' but found " + describe(pos));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The character at the cursor, or NUL at the end: no JSON token starts with NUL. */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String describe(int at) {
        return at < text.length() ? "'" + text.charAt(at) + "'" : "the end of the input";
    }

    private IllegalArgumentException error(String message) {
        return error(pos, message);
    }

    private static IllegalArgumentException error(int at, String message) {
        return new IllegalArgumentException("bad JSON value at offset " + at + ": " + message);
    }

    private static double[] unbox(List<Double> entries) {
        double[] a = new double[entries.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = entries.get(i);
        }
        return a;
    }
}

package dev.chainrule.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.shape.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTest {

    // ---- construction and access ----------------------------------------------------------------

    @Test
    void factoriesGiveEachKindItsSize() {
        Value s = Value.scalar(2.5);
        assertEquals(Shape.Kind.SCALAR, s.kind());
        assertEquals(1, s.rows());
        assertEquals(1, s.cols());
        assertEquals(2.5, s.asScalar());

        Value v = Value.vector(1, 2, 3);
        assertEquals(Shape.Kind.VECTOR, v.kind());
        assertEquals(3, v.rows());
        assertEquals(1, v.cols());
        assertEquals(2, v.get(1, 0));
        assertEquals(3, v.get(2));

        Value r = Value.row(1, 2, 3);
        assertEquals(Shape.Kind.ROW, r.kind());
        assertEquals(1, r.rows());
        assertEquals(3, r.cols());
        assertEquals(2, r.get(0, 1));

        Value m = Value.matrix(2, 3, 1, 2, 3, 4, 5, 6);
        assertEquals(Shape.Kind.MATRIX, m.kind());
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        assertEquals(6, m.size());
        assertEquals(3, m.get(0, 2));
        assertEquals(4, m.get(1, 0));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.data());
    }

    @Test
    void aOneByOneMatrixIsNotAScalar() {
        Value m = Value.matrix(1, 1, 7);
        assertNotEquals(Value.scalar(7), m);
        assertNotEquals(Value.vector(7), m);
        assertNotEquals(Value.vector(7), Value.row(7));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::asScalar);
        assertEquals("not a scalar but a 1×1 matrix", e.getMessage());
    }

    @Test
    void dataIsCopiedInAndOut() {
        double[] entries = {1, 2};
        Value v = Value.vector(entries);
        entries[0] = 99;
        assertEquals(1, v.get(0));
        v.data()[1] = 99;
        assertEquals(2, v.get(1));
    }

    @Test
    void equalityComparesEntriesLikeTheirPrintedForm() {
        assertEquals(Value.matrix(2, 2, 1, 2, 3, 4), Value.matrix(2, 2, 1, 2, 3, 4));
        assertEquals(Value.matrix(2, 2, 1, 2, 3, 4).hashCode(), Value.matrix(2, 2, 1, 2, 3, 4).hashCode());
        assertNotEquals(Value.matrix(2, 2, 1, 2, 3, 4), Value.matrix(2, 2, 1, 2, 3, 5));
        assertNotEquals(Value.matrix(1, 4, 1, 2, 3, 4), Value.matrix(2, 2, 1, 2, 3, 4));
        assertEquals(Value.scalar(Double.NaN), Value.scalar(Double.NaN));
        assertNotEquals(Value.scalar(0.0), Value.scalar(-0.0));
    }

    @Test
    void badSizesAreRejected() {
        assertEquals("a 2×3 value needs 6 entries, not 5",
                assertThrows(IllegalArgumentException.class, () -> Value.matrix(2, 3, 1, 2, 3, 4, 5)).getMessage());
        assertEquals("a value cannot have a negative size, -1×1",
                assertThrows(IllegalArgumentException.class,
                        () -> new Value(Shape.Kind.VECTOR, -1, 1, new double[0])).getMessage());
        assertEquals("a scalar cannot be 0×1",
                assertThrows(IllegalArgumentException.class,
                        () -> new Value(Shape.Kind.SCALAR, 0, 1, new double[0])).getMessage());
        assertEquals(0, Value.vector().size(), "a block of no entries, as the zeros after x[n] in its gradient");
        assertEquals("a scalar cannot be 2×1",
                assertThrows(IllegalArgumentException.class,
                        () -> new Value(Shape.Kind.SCALAR, 2, 1, new double[2])).getMessage());
        assertEquals("a vector cannot be 2×2",
                assertThrows(IllegalArgumentException.class,
                        () -> new Value(Shape.Kind.VECTOR, 2, 2, new double[4])).getMessage());
        assertEquals("a row cannot be 2×2",
                assertThrows(IllegalArgumentException.class,
                        () -> new Value(Shape.Kind.ROW, 2, 2, new double[4])).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Value.matrix(2, 2, 1, 2, 3, 4).get(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Value.vector(1, 2).get(2));
    }

    // ---- JSON -----------------------------------------------------------------------------------

    @Test
    void toJsonWritesNumbersArraysAndArraysOfRows() {
        assertEquals("2.5", Value.scalar(2.5).toJson());
        assertEquals("-3.0", Value.scalar(-3).toJson());
        assertEquals("1.0E-7", Value.scalar(1e-7).toJson());
        assertEquals("[1.0, 2.0, 3.0]", Value.vector(1, 2, 3).toJson());
        assertEquals("[1.0, 2.0, 3.0]", Value.row(1, 2, 3).toJson());
        assertEquals("[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]", Value.matrix(2, 3, 1, 2, 3, 4, 5, 6).toJson());
        assertEquals("[[7.0]]", Value.matrix(1, 1, 7).toJson());
        assertEquals("[7.0]", Value.vector(7).toJson());
    }

    @Test
    void nonFiniteNumbersAreJsonStrings() {
        assertEquals("[\"NaN\", \"Infinity\", \"-Infinity\"]",
                Value.vector(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).toJson());
        assertEquals("\"NaN\"", Value.scalar(Double.NaN).toJson());
    }

    @Test
    void fromJsonReadsEachForm() {
        assertEquals(Value.scalar(2.5), Value.fromJson("2.5"));
        assertEquals(Value.scalar(-0.0), Value.fromJson("-0"));
        assertEquals(Value.scalar(120), Value.fromJson(" 1.2E+2 "));
        assertEquals(Value.scalar(0.012), Value.fromJson("1.2e-2"));
        assertEquals(Value.vector(1, -2, 3.5), Value.fromJson("[1, -2, 3.5]"));
        assertEquals(Value.vector(4), Value.fromJson("[4]"));
        assertEquals(Value.matrix(2, 2, 1, 2, 3, 4), Value.fromJson("\n[ [1,2] ,\t[3, 4]\r\n]"));
        assertEquals(Value.matrix(1, 3, 1, 2, 3), Value.fromJson("[[1, 2, 3]]"));
        assertEquals(Value.matrix(3, 1, 1, 2, 3), Value.fromJson("[[1], [2], [3]]"));
        Value special = Value.fromJson("[\"NaN\", \"Infinity\", \"-Infinity\", 0]");
        assertTrue(Double.isNaN(special.get(0)));
        assertEquals(Double.POSITIVE_INFINITY, special.get(1));
        assertEquals(Double.NEGATIVE_INFINITY, special.get(2));
    }

    @Test
    void jsonRoundTripKeepsEveryBit() {
        Random random = new Random(42);
        double[] tricky = {0.1, 1.0 / 3, Math.PI, -Math.E, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL,
                1e23, 2e-3, 123456789.123456789, -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double x : tricky) {
            assertEquals(Value.scalar(x), Value.fromJson(Value.scalar(x).toJson()), () -> "scalar " + x);
        }
        assertEquals(Value.vector(tricky), Value.fromJson(Value.vector(tricky).toJson()));
        for (int trial = 0; trial < 100; trial++) {
            int rows = 1 + random.nextInt(5);
            int cols = 1 + random.nextInt(5);
            double[] data = new double[rows * cols];
            for (int k = 0; k < data.length; k++) {
                // Random bit patterns reach subnormals, huge exponents and NaN payloads alike.
                data[k] = Double.longBitsToDouble(random.nextLong());
                if (Double.isNaN(data[k])) {
                    data[k] = Double.NaN;
                }
            }
            Value m = Value.matrix(rows, cols, data);
            assertEquals(m, Value.fromJson(m.toJson()), m::toJson);
            Value v = Value.vector(data);
            assertEquals(v, Value.fromJson(v.toJson()));
            // A row vector prints as a vector does and reads back as one.
            assertEquals(v, Value.fromJson(Value.row(data).toJson()));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                    | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found the end of the input",
        "x                     | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found 'x'",
        "[]                    | bad JSON value at offset 0: empty array: a vector or matrix needs at least one entry",
        "[[1], []]             | bad JSON value at offset 6: empty row: a matrix row needs at least one entry",
        "[[1, 2], [3]]         | bad JSON value at offset 9: ragged matrix: row 2 has 1 entries but row 1 has 2",
        "[1, [2]]              | bad JSON value at offset 4: unexpected '[' in a vector: an array holds either numbers or arrays, not both",
        "[[1], 2]              | bad JSON value at offset 6: expected '[' to start row 2 of a matrix but found '2': an array holds either numbers or arrays, not both",
        "[[[1]]]               | bad JSON value at offset 2: unexpected '[' in a matrix row: values have at most two dimensions",
        "[1, 2                 | bad JSON value at offset 5: expected ',' or ']' but found the end of the input",
        "[1 2]                 | bad JSON value at offset 3: expected ',' or ']' but found '2'",
        "[1,]                  | bad JSON value at offset 3: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found ']'",
        "1 2                   | bad JSON value at offset 2: unexpected '2' after the value",
        "01                    | bad JSON value at offset 1: unexpected '1' after the value",
        "+1                    | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found '+'",
        ".5                    | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found '.'",
        "1.                    | bad JSON value at offset 2: malformed number '1.': expected a digit but found the end of the input",
        "1e                    | bad JSON value at offset 2: malformed number '1e': expected a digit but found the end of the input",
        "-                     | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found '-'",
        "\"nan\"               | bad JSON value at offset 0: unexpected string \"nan\": the only strings allowed are \"NaN\", \"Infinity\" and \"-Infinity\"",
        "\"NaN                 | bad JSON value at offset 0: unterminated string",
        "NaN                   | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found 'N'",
        "null                  | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found 'n'",
        "{\"a\": 1}            | bad JSON value at offset 0: expected a number, '[' or one of \"NaN\", \"Infinity\", \"-Infinity\" but found '{'",
    })
    void badJsonIsRejectedWithItsOffset(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.fromJson(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void deeplyNestedJsonIsAnErrorNotAStackOverflow() {
        String json = "[".repeat(100_000) + "1" + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.fromJson(json));
        assertEquals("bad JSON value at offset 2: unexpected '[' in a matrix row: values have at most two dimensions",
                e.getMessage());
    }
}

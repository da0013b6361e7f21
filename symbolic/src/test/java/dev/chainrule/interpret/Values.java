package dev.chainrule.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Test helpers: approximate comparison and random inputs. */
final class Values {
    private Values() {}

    /**
     * Same kind and size, and every entry within {@code tolerance} of the expected one, relative to
     * the expected entry's magnitude where that exceeds 1 (absolute below).
     */
    static void assertClose(Value expected, Value actual, double tolerance) {
        assertEquals(expected.kind(), actual.kind(), "kind");
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.cols(), actual.cols(), "cols");
        for (int k = 0; k < expected.size(); k++) {
            double e = expected.get(k);
            double a = actual.get(k);
            if (Math.abs(e - a) > tolerance * Math.max(1, Math.abs(e))) {
                fail("entry " + k + ": expected " + e + " but was " + a + "\nexpected " + expected + "\nactual   " + actual);
            }
        }
    }

    /** As {@link #assertClose(Value, Value, double)} for scalars. */
    static void assertClose(double expected, double actual, double tolerance) {
        assertClose(Value.scalar(expected), Value.scalar(actual), tolerance);
    }

    /** An n × n matrix of standard normal entries: almost surely invertible, moderately conditioned. */
    static Value randomMatrix(Random random, int rows, int cols) {
        double[] data = new double[rows * cols];
        for (int k = 0; k < data.length; k++) {
            data[k] = random.nextGaussian();
        }
        return Value.matrix(rows, cols, data);
    }

    static Value randomVector(Random random, int n) {
        double[] data = new double[n];
        for (int k = 0; k < n; k++) {
            data[k] = random.nextGaussian();
        }
        return Value.vector(data);
    }
}

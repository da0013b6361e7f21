package examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExactSumTest {
    @Test
    void sumDoesNotDependOnTheOrderOfItsTerms() {
        // In doubles, (1e16 + 1) − 1e16 is 0 and (1e16 − 1e16) + 1 is 1; summed exactly, both are 1.
        double[][] terms = {{1e16}, {1.0}, {-1e16}};
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {2, 1, 0}};
        for (int[] order : orders) {
            ExactSum sum = ExactSum.zero(1);
            for (int k : order) {
                sum.add(1, terms[k][0], terms[k]);
            }
            assertEquals(1.0 / 3.0, sum.meanValue(), 0.0);
            double[] gradient = new double[1];
            sum.meanGradient(gradient);
            assertArrayEquals(new double[] {1.0 / 3.0}, gradient, 0.0);
        }
    }

    @Test
    void blocksAreWeightedByTheirRowCounts() {
        // A block of 1 row with mean 4 and one of 3 rows with mean 2: the mean over 4 rows is (4 + 6) / 4.
        ExactSum left = ExactSum.zero(2).add(1, 4.0, new double[] {4.0, -8.0});
        ExactSum right = ExactSum.zero(2).add(3, 2.0, new double[] {0.0, 4.0});
        ExactSum sum = left.merge(right);
        assertEquals(4, sum.rows());
        assertEquals(2.5, sum.meanValue(), 0.0);
        double[] gradient = new double[2];
        sum.meanGradient(gradient);
        assertArrayEquals(new double[] {1.0, 1.0}, gradient, 0.0);
    }

    @Test
    void notFiniteTermsAndEmptyMeansAreErrors() {
        assertThrows(ArithmeticException.class, () -> ExactSum.zero(1).add(1, Double.NaN, new double[1]));
        assertThrows(ArithmeticException.class,
                () -> ExactSum.zero(1).add(1, 0.0, new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalStateException.class, () -> ExactSum.zero(1).meanValue());
    }
}

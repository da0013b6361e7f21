package examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistributedLogisticLossTest {
    private static final int FEATURES = 7;

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("DistributedLogisticLossTest");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    @Test
    void gradientOnSparkEqualsTheGeneratedClassOnAllRowsOnOneMachine() {
        JavaRDD<LabeledRow> rows = SyntheticData.separable(spark, 5003, FEATURES, 6, 7);
        double[] w = randomWeights(11);
        try (DistributedLogisticLoss loss = DistributedLogisticLoss.of(rows, FEATURES, 2)) {
            double[] sparkGradient = new double[FEATURES];
            double sparkValue = loss.valueAndGradient(w, sparkGradient);

            // The blocks hold every row, in order: the rows collected straight from the RDD.
            List<LabeledRow> packed = new ArrayList<>();
            loss.blocks().collect().forEach(block -> packed.addAll(block.unpack()));
            List<LabeledRow> collected = rows.collect();
            assertEquals(5003, loss.rows());
            assertEquals(collected.size(), packed.size());
            for (int i = 0; i < collected.size(); i++) {
                assertEquals(collected.get(i).label(), packed.get(i).label());
                assertArrayEquals(collected.get(i).features(), packed.get(i).features());
            }

            OneMachine oneMachine = OneMachine.of(collected);
            double[] gradient = new double[FEATURES];
            double value = new LogisticLoss(FEATURES, collected.size()).valueAndGradient(w, oneMachine.x, oneMachine.y,
                    gradient);
            assertEquals(value, sparkValue, 1e-10 * Math.abs(value));
            assertClose(gradient, sparkGradient, 1e-10);

            // And both equal the gradient written out by hand: -(1/N) Σ yᵢ sigmoid(-yᵢ xᵢ·w) xᵢ.
            assertClose(oneMachine.handWrittenGradient(w), sparkGradient, 1e-10);
        }
    }

    @Test
    void partitionsWithoutRowsAddNothing() {
        // Five rows over eight partitions: three partitions are empty, and make no block.
        List<LabeledRow> five = new ArrayList<>(SyntheticData.separable(spark, 5, FEATURES, 1, 3).collect());
        double[] w = randomWeights(5);
        try (DistributedLogisticLoss loss = DistributedLogisticLoss.of(spark.parallelize(five, 8), FEATURES, 2)) {
            assertEquals(5, loss.blocks().count());
            double[] sparkGradient = new double[FEATURES];
            double sparkValue = loss.valueAndGradient(w, sparkGradient);
            OneMachine oneMachine = OneMachine.of(five);
            double[] gradient = new double[FEATURES];
            double value = new LogisticLoss(FEATURES, 5).valueAndGradient(w, oneMachine.x, oneMachine.y, gradient);
            assertEquals(value, sparkValue, 1e-10 * Math.abs(value));
            assertClose(gradient, sparkGradient, 1e-10);
        }
    }

    @Test
    void sameRowsInOtherPartitionsGiveTheSameMeanToRounding() {
        double[] w = randomWeights(2);
        double[] gradientIn3 = new double[FEATURES];
        double[] gradientIn9 = new double[FEATURES];
        List<LabeledRow> rows = SyntheticData.separable(spark, 2000, FEATURES, 1, 5).collect();
        try (DistributedLogisticLoss in3 = DistributedLogisticLoss.of(spark.parallelize(rows, 3), FEATURES, 2);
             DistributedLogisticLoss in9 = DistributedLogisticLoss.of(spark.parallelize(rows, 9), FEATURES, 2)) {
            double value3 = in3.valueAndGradient(w, gradientIn3);
            double value9 = in9.valueAndGradient(w, gradientIn9);
            assertEquals(value3, value9, 1e-13 * Math.abs(value3));
            assertClose(gradientIn3, gradientIn9, 1e-12);
        }
    }

    @Test
    void samePartitioningGivesTheSameBitsWhateverTheTreeAndTheOrderOfTasks() {
        JavaRDD<LabeledRow> rows = SyntheticData.separable(spark, 3000, FEATURES, 12, 9);
        double[] w = randomWeights(3);
        double[] first = null;
        for (int depth : new int[] {1, 2, 3, 4}) {
            try (DistributedLogisticLoss loss = DistributedLogisticLoss.of(rows, FEATURES, depth)) {
                for (int repeat = 0; repeat < 2; repeat++) {
                    double[] gradient = new double[FEATURES + 1];
                    double[] gradientOnly = new double[FEATURES];
                    gradient[FEATURES] = loss.valueAndGradient(w, gradientOnly);
                    System.arraycopy(gradientOnly, 0, gradient, 0, FEATURES);
                    if (first == null) {
                        first = gradient;
                    }
                    assertArrayEquals(first, gradient, "depth " + depth + ", repeat " + repeat);
                }
            }
        }
    }

    @Test
    void noRowsAtAllIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedLogisticLoss.of(spark.parallelize(new ArrayList<LabeledRow>(), 2), FEATURES, 2));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    }

    @Test
    void weightsOfAnotherLengthAreAnError() {
        try (DistributedLogisticLoss loss = DistributedLogisticLoss.of(
                SyntheticData.separable(spark, 10, FEATURES, 2, 1), FEATURES, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.valueAndGradient(new double[FEATURES - 1], new double[FEATURES]));
            assertEquals("w: expected 7 entries, got 6", e.getMessage());
        }
    }

    private static double[] randomWeights(long seed) {
        Random random = new Random(seed);
        double[] w = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            w[j] = random.nextGaussian();
        }
        return w;
    }

    /** Relative to the largest entry of {@code expected}: max |expected − actual| ≤ tolerance · max |expected|. */
    static void assertClose(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        double scale = 0.0;
        double error = 0.0;
        for (int j = 0; j < expected.length; j++) {
            scale = Math.max(scale, Math.abs(expected[j]));
            error = Math.max(error, Math.abs(expected[j] - actual[j]));
        }
        assertTrue(scale > 0.0, "a zero gradient checks nothing");
        assertTrue(error <= tolerance * scale, "relative error " + error / scale + " > " + tolerance);
    }

    /** All rows in one row-major matrix and one label vector, as the generated class reads them. */
    private record OneMachine(double[] x, double[] y) {
        static OneMachine of(List<LabeledRow> rows) {
            double[] x = new double[rows.size() * FEATURES];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i).features(), 0, x, i * FEATURES, FEATURES);
                y[i] = rows.get(i).label();
            }
            return new OneMachine(x, y);
        }

        double[] handWrittenGradient(double[] w) {
            int rows = y.length;
            double[] gradient = new double[FEATURES];
            for (int i = 0; i < rows; i++) {
                double score = 0.0;
                for (int j = 0; j < FEATURES; j++) {
                    score += x[i * FEATURES + j] * w[j];
                }
                double margin = y[i] * score;
                double coefficient = -y[i] / (1.0 + Math.exp(margin)) / rows;
                for (int j = 0; j < FEATURES; j++) {
                    gradient[j] += coefficient * x[i * FEATURES + j];
                }
            }
            return gradient;
        }
    }
}

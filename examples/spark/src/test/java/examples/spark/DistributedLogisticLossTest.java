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
    /** The penalty's weight: large enough that counting it per partition would show. */
    private static final double LAMBDA = 0.05;

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
        try (DistributedLogisticLoss loss = DistributedLogisticLoss.of(rows, FEATURES, LAMBDA, 2)) {
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
            double value = new LogisticL2(FEATURES, collected.size()).valueAndGradient(w, oneMachine.x, oneMachine.y,
                    LAMBDA, gradient);
            assertEquals(value, sparkValue, 1e-10 * Math.abs(value));
            assertClose(gradient, sparkGradient, 1e-10);

            // And both equal the gradient written out by hand: -(1/N) Σ yᵢ sigmoid(-yᵢ xᵢ·w) xᵢ + 2λw.
            assertClose(oneMachine.handWrittenGradient(w, LAMBDA), sparkGradient, 1e-10);
        }
    }

    @Test
    void partitionsWithoutRowsAddNothing() {
        // Five rows over eight partitions: three partitions are empty, and make no block.
        List<LabeledRow> five = new ArrayList<>(SyntheticData.separable(spark, 5, FEATURES, 1, 3).collect());
        double[] w = randomWeights(5);
        try (DistributedLogisticLoss loss = DistributedLogisticLoss.of(spark.parallelize(five, 8), FEATURES, LAMBDA, 2)) {
            assertEquals(5, loss.blocks().count());
            double[] sparkGradient = new double[FEATURES];
            double sparkValue = loss.valueAndGradient(w, sparkGradient);
            OneMachine oneMachine = OneMachine.of(five);
            double[] gradient = new double[FEATURES];
            double value = new LogisticL2(FEATURES, 5).valueAndGradient(w, oneMachine.x, oneMachine.y, LAMBDA, gradient);
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
        try (DistributedLogisticLoss in3 = DistributedLogisticLoss.of(spark.parallelize(rows, 3), FEATURES, LAMBDA, 2);
             DistributedLogisticLoss in9 = DistributedLogisticLoss.of(spark.parallelize(rows, 9), FEATURES, LAMBDA, 2)) {
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
            try (DistributedLogisticLoss loss = DistributedLogisticLoss.of(rows, FEATURES, LAMBDA, depth)) {
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

    /**
     * The penalty once, however many partitions: each block's range call leaves it out and the
     * driver adds it, so the loss with λ less the loss without is λ‖w‖², and the gradients differ
     * by 2λw. The whole call in every block would add it once per partition.
     */
    @Test
    void thePenaltyIsAddedOnceWhateverThePartitions() {
        List<LabeledRow> rows = SyntheticData.separable(spark, 600, FEATURES, 1, 13).collect();
        double[] w = randomWeights(4);
        double penalty = 0.0;
        double[] penaltyGradient = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            penalty += LAMBDA * w[j] * w[j];
            penaltyGradient[j] = 2 * LAMBDA * w[j];
        }
        for (int partitions : new int[] {1, 4, 9}) {
            try (DistributedLogisticLoss with = DistributedLogisticLoss.of(spark.parallelize(rows, partitions),
                    FEATURES, LAMBDA, 2);
                 DistributedLogisticLoss without = DistributedLogisticLoss.of(spark.parallelize(rows, partitions),
                    FEATURES, 2)) {
                double[] gradientWith = new double[FEATURES];
                double[] gradientWithout = new double[FEATURES];
                double difference = with.valueAndGradient(w, gradientWith) - without.valueAndGradient(w, gradientWithout);
                assertEquals(penalty, difference, 1e-12, partitions + " partitions");
                for (int j = 0; j < FEATURES; j++) {
                    gradientWith[j] -= gradientWithout[j];
                }
                assertClose(penaltyGradient, gradientWith, 1e-12);
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistributedLogisticLoss.of(
                SyntheticData.separable(spark, 10, FEATURES, 2, 1), FEATURES, -0.5, 2));
        assertEquals("lambda must be finite and at least 0, not -0.5", e.getMessage());
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

        double[] handWrittenGradient(double[] w, double lambda) {
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
            for (int j = 0; j < FEATURES; j++) {
                gradient[j] += 2 * lambda * w[j];
            }
            return gradient;
        }
    }
}

package examples.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Linearly separable samples, made where they are used: each partition draws its own rows from a
 * generator seeded by its index, so that the driver never holds the data and the same arguments give
 * the same rows.
 */
public final class SyntheticData {
    private SyntheticData() {}

    /**
     * Rows with standard normal features and the label sign(x·w*) for a hidden w* drawn from
     * {@code seed}: separable by a hyperplane through the origin.
     *
     * @param context    the Spark context
     * @param rows       the number of rows, at least 1
     * @param features   the number of features, at least 1
     * @param partitions the number of partitions, at least 1; partition p has rows
     *                   [p·rows/partitions, (p+1)·rows/partitions)
     * @param seed       the seed of w* and of every partition's rows
     * @return the rows
     */
    public static JavaRDD<LabeledRow> separable(JavaSparkContext context, long rows, int features,
                                                int partitions, long seed) {
        if (rows < 1 || features < 1 || partitions < 1) {
            throw new IllegalArgumentException("rows, features and partitions must be at least 1: " + rows + ", "
                    + features + ", " + partitions);
        }
        double[] hidden = hiddenWeights(features, seed);
        List<Integer> indices = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
        return context.parallelize(indices, partitions).flatMap(partition -> {
            long from = partition * rows / partitions;
            long to = (partition + 1) * rows / partitions;
            SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (partition + 1));
            List<LabeledRow> part = new ArrayList<>((int) (to - from));
            for (long i = from; i < to; i++) {
                double[] x = new double[features];
                double score = 0.0;
                for (int j = 0; j < features; j++) {
                    x[j] = gaussian(random);
                    score += x[j] * hidden[j];
                }
                part.add(new LabeledRow(score >= 0.0 ? 1.0 : -1.0, x));
            }
            return part.iterator();
        });
    }

    /**
     * The hidden weights w* that {@link #separable} labels its rows by.
     *
     * @param features the number of features
     * @param seed     the seed given to {@link #separable}
     * @return w*, with standard normal entries
     */
    public static double[] hiddenWeights(int features, long seed) {
        Random random = new Random(seed);
        double[] hidden = new double[features];
        for (int j = 0; j < features; j++) {
            hidden[j] = random.nextGaussian();
        }
        return hidden;
    }

    /** A standard normal draw, by the Box–Muller transform. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // in (0, 1], so that its logarithm is finite
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}

package examples.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Logistic regression's mean loss over an RDD of rows with an L2 penalty,
 * {@code sum(softplus(-y .* (X*w))) / N + lambda * norm2(w)^2}, and its gradient, computed by the
 * class chainrule generates from {@code logistic.calc}, one call per partition.
 *
 * <p>The rows of each partition are packed once into a {@link RowBlock}, and the blocks are cached.
 * A call broadcasts the weights, and {@code treeAggregate} has each partition's task compute its
 * block's mean loss and gradient with the generated class's range method over the block's rows
 * (which leaves the penalty out); the partial sums, each a block's mean times its row count, are
 * added exactly ({@link ExactSum}) and the total divided by the number of rows: the mean over all
 * rows, whatever the partitioning, and bit-for-bit the same for the same partitioning, whatever the
 * order in which tasks finish. The driver then adds the penalty once, with the generated class's
 * {@code valueAndGradientOfRowFreeTerms}.
 *
 * <p>Close it to drop the cached blocks.
 */
public final class DistributedLogisticLoss implements AutoCloseable {
    private final JavaRDD<RowBlock> blocks;
    private final int features;
    private final double lambda;
    private final long rows;
    private final int depth;
    /**
     * The penalty's terms, on the driver. They read neither the rows nor their count, so the
     * instance is sized for one row: it never sees the data.
     */
    private final LogisticL2 penalty;

    private DistributedLogisticLoss(JavaRDD<RowBlock> blocks, int features, double lambda, long rows, int depth) {
        this.blocks = blocks;
        this.features = features;
        this.lambda = lambda;
        this.rows = rows;
        this.depth = depth;
        this.penalty = new LogisticL2(features, 1);
    }

    /**
     * The loss without a penalty, {@code lambda} = 0: {@link #of(JavaRDD, int, double, int)}.
     *
     * @param rows     the samples; each partition becomes one block
     * @param features the number of features of every row, at least 1
     * @param depth    the depth of {@code treeAggregate}'s tree, at least 1 (Spark's default is 2)
     * @return the loss over those rows
     */
    public static DistributedLogisticLoss of(JavaRDD<LabeledRow> rows, int features, int depth) {
        return of(rows, features, 0.0, depth);
    }

    /**
     * Packs and caches the rows of each partition of {@code rows}, and counts them.
     *
     * @param rows     the samples; each partition becomes one block
     * @param features the number of features of every row, at least 1
     * @param lambda   the weight of the penalty λ‖w‖², at least 0
     * @param depth    the depth of {@code treeAggregate}'s tree, at least 1 (Spark's default is 2)
     * @return the loss over those rows
     * @throws IllegalArgumentException if there are no rows, or a row is not as {@link RowBlock#pack}
     *                                  requires (thrown where Spark reports a failed job)
     */
    public static DistributedLogisticLoss of(JavaRDD<LabeledRow> rows, int features, double lambda, int depth) {
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, not " + features);
        }
        if (!(lambda >= 0.0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and at least 0, not " + lambda);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, not " + depth);
        }
        JavaRDD<RowBlock> blocks = rows.mapPartitions(partition -> RowBlock.pack(partition, features))
                .persist(StorageLevel.MEMORY_ONLY());
        long count = blocks.treeAggregate(0L, (sum, block) -> sum + block.rows(), Long::sum, depth);
        if (count == 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("no rows: the mean loss over no samples is undefined");
        }
        return new DistributedLogisticLoss(blocks, features, lambda, count, depth);
    }

    /** The number of features, the length of the weights. */
    public int features() {
        return features;
    }

    /** The weight of the penalty λ‖w‖². */
    public double lambda() {
        return lambda;
    }

    /** The number of rows, N, over all partitions. */
    public long rows() {
        return rows;
    }

    /** The cached blocks, one per partition with rows. */
    public JavaRDD<RowBlock> blocks() {
        return blocks;
    }

    /**
     * The loss at {@code w}, the mean over all rows plus the penalty, and its gradient: one pass
     * over the data.
     *
     * @param w        the weights, {@link #features()} of them
     * @param gradient overwritten with ∂loss/∂w, {@link #features()} entries
     * @return the loss
     */
    public double valueAndGradient(double[] w, double[] gradient) {
        checkLength("w", w);
        checkLength("gradient", gradient);
        ExactSum sum = aggregate(w);
        sum.meanGradient(gradient);
        // The blocks' range calls leave the penalty out: added here, once, into the gradient too.
        synchronized (penalty) { // an instance serves one thread at a time
            return sum.meanValue() + penalty.valueAndGradientOfRowFreeTerms(w, lambda, gradient);
        }
    }

    /**
     * The share of the rows that {@code w} classifies right, sign(xᵢ·w) = yᵢ.
     *
     * @param w the weights, {@link #features()} of them
     * @return a number between 0 and 1
     */
    public double accuracy(double[] w) {
        checkLength("w", w);
        Broadcast<double[]> weights = context().broadcast(w.clone());
        try {
            long correct = blocks.treeAggregate(0L, (sum, block) -> sum + block.correct(weights.value()),
                    Long::sum, depth);
            return (double) correct / rows;
        } finally {
            weights.destroy();
        }
    }

    private ExactSum aggregate(double[] w) {
        // Locals only in the closures: this object stays on the driver.
        int n = features;
        double penaltyWeight = lambda;
        Broadcast<double[]> weights = context().broadcast(w.clone());
        try {
            return blocks.treeAggregate(ExactSum.zero(n),
                    (sum, block) -> block.addTo(sum, weights.value(), penaltyWeight), ExactSum::merge, depth);
        } finally {
            weights.destroy();
        }
    }

    private JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(blocks.context());
    }

    private void checkLength(String name, double[] array) {
        if (array.length != features) {
            throw new IllegalArgumentException(name + ": expected " + features + " entries, got " + array.length);
        }
    }

    /** Drops the cached blocks. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}

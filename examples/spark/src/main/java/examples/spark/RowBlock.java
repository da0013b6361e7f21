package examples.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one partition packed once into the arrays the generated class reads: {@code x} the
 * row-major matrix of features (row i at {@code i * features}), {@code y} the labels. A cached RDD of
 * blocks keeps them packed across the iterations of training, so that each pass over the data is one
 * call of the generated class per partition over contiguous memory.
 */
public final class RowBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The most entries a Java array may hold on common JVMs. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final int rows;
    private final int features;
    private final double[] x;
    private final double[] y;
    /**
     * The generated class over this block's rows and a buffer for its gradient, made in the executor
     * on the first pass and kept with the cached block for the passes after it; never shipped (the
     * class is not serializable, and a block read back from elsewhere makes its own).
     */
    private transient LogisticL2 loss;
    private transient double[] gradient;

    private RowBlock(int rows, int features, double[] x, double[] y) {
        this.rows = rows;
        this.features = features;
        this.x = x;
        this.y = y;
    }

    /**
     * Packs a partition's rows: no block at all for a partition without rows, one block otherwise.
     *
     * @param partition the partition's rows, in their order
     * @param features  the number of features every row must have, at least 1
     * @return an iterator over zero or one block
     * @throws IllegalArgumentException if a row has another number of features, a feature that is not
     *                                  finite or a label other than -1 and 1, or if the partition has more
     *                                  entries than one array can hold
     */
    public static Iterator<RowBlock> pack(Iterator<LabeledRow> partition, int features) {
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, not " + features);
        }
        List<LabeledRow> rows = new ArrayList<>();
        partition.forEachRemaining(rows::add);
        if (rows.isEmpty()) {
            return Collections.emptyIterator();
        }
        if ((long) rows.size() * features > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("a partition of " + rows.size() + " rows of " + features
                    + " features is more than one array can hold: split the data into more partitions");
        }
        double[] x = new double[rows.size() * features];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            LabeledRow row = rows.get(i);
            if (row.label() != -1.0 && row.label() != 1.0) {
                throw new IllegalArgumentException("row " + i + " of its partition has the label " + row.label()
                        + ": labels must be -1 or 1");
            }
            if (row.features().length != features) {
                throw new IllegalArgumentException("row " + i + " of its partition has " + row.features().length
                        + " features, not " + features);
            }
            for (int j = 0; j < features; j++) {
                if (!Double.isFinite(row.features()[j])) {
                    throw new IllegalArgumentException("row " + i + " of its partition has the feature "
                            + row.features()[j] + " at " + j + ": features must be finite");
                }
            }
            System.arraycopy(row.features(), 0, x, i * features, features);
            y[i] = row.label();
        }
        return Collections.singletonList(new RowBlock(rows.size(), features, x, y)).iterator();
    }

    /** The number of rows in this block, at least 1. */
    public int rows() {
        return rows;
    }

    /**
     * Adds this block's share of the loss's sum over rows and of its gradient at {@code w} to
     * {@code sum}: the block's mean over its rows, weighted by their count. Not the penalty, which
     * reads no rows: the driver adds it once ({@link DistributedLogisticLoss}).
     *
     * <p>The block is a range of the data's rows, and the generated class's range method,
     * {@code valueAndGradient(w, X, y, lambda, fromRow, toRow, gradient)} over the block's rows, computes
     * exactly a range's terms: the sum over its rows, without the row-free penalty, adding the
     * gradient into the buffer. The whole call would add the penalty in every block, once per
     * partition. The instance is built in the executor, on the first pass over this cached block,
     * rather than shipped (it is not serializable), and reused by every later pass; calls on one
     * block take turns, since an instance serves one thread at a time.
     *
     * @param w      the weights, {@code features} of them
     * @param lambda the penalty's weight, which the range method takes but does not read
     * @param sum    the sum over blocks so far, added to and returned
     * @return {@code sum}
     */
    public synchronized ExactSum addTo(ExactSum sum, double[] w, double lambda) {
        if (loss == null) {
            loss = new LogisticL2(features, rows);
            gradient = new double[features];
        }
        Arrays.fill(gradient, 0.0);
        double mean = loss.valueAndGradient(w, x, y, lambda, 0, rows, gradient);
        return sum.add(rows, mean, gradient);
    }

    /**
     * The number of rows of this block that {@code w} classifies right: sign(xᵢ·w) = yᵢ, a zero
     * score counting as the class 1.
     *
     * @param w the weights, {@code features} of them
     * @return the count, at most {@link #rows()}
     */
    public long correct(double[] w) {
        long correct = 0;
        for (int i = 0; i < rows; i++) {
            double score = 0.0;
            for (int j = 0; j < features; j++) {
                score += x[i * features + j] * w[j];
            }
            if ((score >= 0.0 ? 1.0 : -1.0) == y[i]) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * This block's rows again, for a check against a computation on one machine.
     *
     * @return the rows, in the order they were packed
     */
    public List<LabeledRow> unpack() {
        List<LabeledRow> unpacked = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] row = new double[features];
            System.arraycopy(x, i * features, row, 0, features);
            unpacked.add(new LabeledRow(y[i], row));
        }
        return unpacked;
    }
}

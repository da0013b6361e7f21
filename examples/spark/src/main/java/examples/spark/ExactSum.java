package examples.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * The loss and gradient summed over blocks of rows, kept exactly: each block adds its row count
 * times its mean loss and mean gradient, as exact decimals (every double is one), so that the sum
 * does not depend on the order in which Spark's {@code treeAggregate} adds the blocks or merges
 * partial sums. Its tree and the order in which tasks finish vary from run to run; with doubles,
 * so would the last bits of the gradient. With this sum, the same partitioning gives the same bits.
 *
 * <p>Exact addition costs a few hundred digits per entry, once per block and per merge: nothing
 * next to a block's pass over its rows, for weight vectors up to thousands of entries.
 */
public final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private long rows;
    private BigDecimal value;
    private final BigDecimal[] gradient;

    private ExactSum(int features) {
        this.rows = 0;
        this.value = BigDecimal.ZERO;
        this.gradient = new BigDecimal[features];
        Arrays.fill(gradient, BigDecimal.ZERO);
    }

    /**
     * The empty sum.
     *
     * @param features the length of the gradient, at least 1
     * @return a sum over no rows
     */
    public static ExactSum zero(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, not " + features);
        }
        return new ExactSum(features);
    }

    /**
     * Adds a block's share: {@code rows} times its mean value and mean gradient, exactly.
     *
     * @param rows         the block's row count, at least 1
     * @param mean         the block's mean loss
     * @param meanGradient the block's mean gradient, as long as this sum's
     * @return this sum
     * @throws ArithmeticException if the mean or the gradient is not finite
     */
    public ExactSum add(long rows, double mean, double[] meanGradient) {
        if (meanGradient.length != gradient.length) {
            throw new IllegalArgumentException("a gradient of " + meanGradient.length + " entries added to a sum of "
                    + gradient.length);
        }
        BigDecimal weight = BigDecimal.valueOf(rows);
        this.rows += rows;
        value = value.add(exact(mean, "loss").multiply(weight));
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] = gradient[j].add(exact(meanGradient[j], "gradient").multiply(weight));
        }
        return this;
    }

    /**
     * Adds another sum to this one, exactly.
     *
     * @param other a sum of as many features
     * @return this sum
     */
    public ExactSum merge(ExactSum other) {
        if (other.gradient.length != gradient.length) {
            throw new IllegalArgumentException("a sum of " + other.gradient.length + " features merged into one of "
                    + gradient.length);
        }
        rows += other.rows;
        value = value.add(other.value);
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] = gradient[j].add(other.gradient[j]);
        }
        return this;
    }

    /** The number of rows summed over. */
    public long rows() {
        return rows;
    }

    /**
     * The mean loss over all rows summed: the exact sum divided by the row count, rounded once to 34
     * digits and then to a double.
     *
     * @return the mean loss
     * @throws IllegalStateException if no rows were added
     */
    public double meanValue() {
        return mean(value);
    }

    /**
     * Writes the mean gradient over all rows summed into {@code out}, rounded as {@link #meanValue()}.
     *
     * @param out overwritten, as long as this sum's gradient
     * @throws IllegalStateException if no rows were added
     */
    public void meanGradient(double[] out) {
        if (out.length != gradient.length) {
            throw new IllegalArgumentException("gradient: expected length " + gradient.length + ", got " + out.length);
        }
        for (int j = 0; j < gradient.length; j++) {
            out[j] = mean(gradient[j]);
        }
    }

    private double mean(BigDecimal total) {
        if (rows == 0) {
            throw new IllegalStateException("no rows were added: the mean of nothing is undefined");
        }
        return total.divide(BigDecimal.valueOf(rows), MathContext.DECIMAL128).doubleValue();
    }

    private static BigDecimal exact(double x, String what) {
        if (!Double.isFinite(x)) {
            throw new ArithmeticException("a block's " + what + " is " + x + ": it cannot be summed");
        }
        return new BigDecimal(x);
    }
}

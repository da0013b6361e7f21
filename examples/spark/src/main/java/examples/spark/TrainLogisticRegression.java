package examples.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains logistic regression by gradient descent on Spark, with the generated class computing each
 * partition's loss and gradient (see {@link DistributedLogisticLoss}).
 *
 * <p>{@code TrainLogisticRegression [rows [features [partitions [iterations [step [lambda]]]]]]}, by
 * default 100000 rows of 20 features in 4 partitions, 20 iterations of step 2.0, no penalty (λ = 0). The master is Spark's
 * ({@code spark-submit --master ...}), or {@code local[2]} when none is set. See docs/scale-out.md.
 */
public final class TrainLogisticRegression {
    private TrainLogisticRegression() {}

    /**
     * What training gave.
     *
     * @param losses  the mean loss at the starting weights and after each step
     * @param weights the weights after the last step
     */
    public record Result(double[] losses, double[] weights) {}

    /**
     * Gradient descent from zero weights: {@code iterations} steps of w ← w − step·∇loss(w).
     *
     * @param loss       the loss over the data
     * @param iterations the number of steps, at least 0
     * @param step       the step size
     * @param log        whether to print each step's loss and time
     * @return the losses and the final weights
     */
    public static Result train(DistributedLogisticLoss loss, int iterations, double step, boolean log) {
        int n = loss.features();
        double[] w = new double[n];
        double[] gradient = new double[n];
        double[] losses = new double[iterations + 1];
        for (int iteration = 0; iteration <= iterations; iteration++) {
            long start = System.nanoTime();
            losses[iteration] = loss.valueAndGradient(w, gradient);
            if (log) {
                System.out.printf(Locale.ROOT, "iteration %3d  loss %.6f  (%.0f ms for the pass over the data)%n",
                        iteration, losses[iteration], (System.nanoTime() - start) / 1e6);
            }
            if (iteration < iterations) {
                for (int j = 0; j < n; j++) {
                    w[j] -= step * gradient[j];
                }
            }
        }
        return new Result(losses, w);
    }

    /**
     * Runs it; see the class comment for the arguments.
     *
     * @param args rows, features, partitions, iterations, step and lambda, each optional
     */
    public static void main(String[] args) {
        long rows;
        int features;
        int partitions;
        int iterations;
        double step;
        double lambda;
        try {
            if (args.length > 6) {
                throw new IllegalArgumentException("at most six arguments");
            }
            rows = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
            features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
            partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
            iterations = args.length > 3 ? Integer.parseInt(args[3]) : 20;
            step = args.length > 4 ? Double.parseDouble(args[4]) : 2.0;
            lambda = args.length > 5 ? Double.parseDouble(args[5]) : 0.0;
            if (rows < 1 || features < 1 || partitions < 1 || iterations < 0 || !(step > 0.0)
                    || !(lambda >= 0.0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("rows, features and partitions must be at least 1, iterations at "
                        + "least 0, the step positive, lambda finite and at least 0");
            }
        } catch (IllegalArgumentException e) { // NumberFormatException included
            System.err.println(e.getMessage());
            System.err.println("usage: TrainLogisticRegression [rows [features [partitions [iterations [step "
                    + "[lambda]]]]]]");
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf()
                .setAppName("chainrule logistic regression")
                .setIfMissing("spark.master", "local[2]");
        try (JavaSparkContext context = new JavaSparkContext(conf);
             DistributedLogisticLoss loss = DistributedLogisticLoss.of(
                     SyntheticData.separable(context, rows, features, partitions, 42), features, lambda, 2)) {
            System.out.printf(Locale.ROOT, "%d rows of %d features in %d partitions, lambda %s, master %s%n",
                    loss.rows(), features, partitions, lambda, context.master());
            Result result = train(loss, iterations, step, true);
            System.out.printf(Locale.ROOT, "accuracy on the training data: %.4f%n", loss.accuracy(result.weights()));
            System.out.println("weights: " + Arrays.toString(result.weights()));
        }
    }
}

package examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class TrainLogisticRegressionTest {
    @Test
    void lossFallsAtEveryStepAndTheModelSeparatesTheData() {
        int features = 10;
        try (JavaSparkContext spark = LocalSpark.start("TrainLogisticRegressionTest");
             DistributedLogisticLoss loss = DistributedLogisticLoss.of(
                     SyntheticData.separable(spark, 20_000, features, 4, 42), features, 2)) {
            TrainLogisticRegression.Result result = TrainLogisticRegression.train(loss, 15, 2.0, false);
            double[] losses = result.losses();
            // At w = 0 every row's loss is log(1 + e⁰) = log 2 (to the rounding of a sum of thousands of terms).
            assertEquals(Math.log(2.0), losses[0], 1e-12 * Math.log(2.0));
            for (int step = 1; step < losses.length; step++) {
                assertTrue(losses[step] < losses[step - 1],
                        "step " + step + ": " + losses[step] + " after " + losses[step - 1]);
            }
            assertTrue(losses[losses.length - 1] < 0.5 * losses[0], "final loss " + losses[losses.length - 1]);
            double accuracy = loss.accuracy(result.weights());
            assertTrue(accuracy > 0.95, "accuracy " + accuracy);

            // The weights point along the hidden ones that labelled the data.
            double[] hidden = SyntheticData.hiddenWeights(features, 42);
            double dot = 0.0;
            double normW = 0.0;
            double normHidden = 0.0;
            for (int j = 0; j < features; j++) {
                dot += result.weights()[j] * hidden[j];
                normW += result.weights()[j] * result.weights()[j];
                normHidden += hidden[j] * hidden[j];
            }
            double cosine = dot / Math.sqrt(normW * normHidden);
            assertTrue(cosine > 0.95, "cosine with the hidden weights " + cosine);
        }
    }
}

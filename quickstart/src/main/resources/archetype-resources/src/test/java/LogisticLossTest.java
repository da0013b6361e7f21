package ${package};

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testing.GradientCheck;
import dev.chainrule.testing.RandomArrays;
import dev.chainrule.testing.Variables;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The generated gradient against finite differences, and training with it. */
class LogisticLossTest {
    private static final int N = 8;
    private static final int n = 3;

    @ParameterizedTest
    @RandomArrays(value = {"matrix[N,n]", "vector[N]", "vector[n]", "scalar"}, dims = "N=8, n=3", count = 20)
    void gradientMatchesFiniteDifferences(double[] X, double[] y, double[] w, double lambda) {
        LogisticLoss loss = new LogisticLoss(N, n);
        // The two callbacks: the value at a point, and the gradient written into g's arrays (it returns nothing).
        GradientCheck.forVariables(
                        v -> loss.value(X, y, v.array("w"), lambda),
                        (v, g) -> loss.valueAndGradient(X, y, v.array("w"), lambda, g.array("w")))
                .at(Variables.of().vector("w", w));
    }

    @Test
    void gradientDescentLowersTheLossAtEveryStepAndFitsTheData() {
        Random random = new Random(7);
        int samples = 200;
        double[] X = Train.features(random, samples, Train.TRUE_WEIGHTS.length);
        double[] y = Train.labels(random, X, Train.TRUE_WEIGHTS, 0.5);
        double[] w = new double[Train.TRUE_WEIGHTS.length];

        double[] losses = Train.descend(new LogisticLoss(samples, w.length), X, y, 0.001, w, 100, 1.0);

        for (int step = 1; step < losses.length; step++) {
            assertTrue(losses[step] < losses[step - 1], "the loss rose at step " + step);
        }
        assertTrue(losses[losses.length - 1] < 0.5 * Math.log(2), "w = 0 gives log 2; after training: "
                + losses[losses.length - 1]);
        assertTrue(Train.accuracy(X, y, w) > 0.85, "accuracy " + Train.accuracy(X, y, w));
    }
}

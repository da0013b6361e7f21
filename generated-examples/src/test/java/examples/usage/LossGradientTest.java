package examples.usage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.testing.GradientCheck;
import dev.chainrule.testing.RandomArrays;
import dev.chainrule.testing.Variables;
import examples.paper.Loss;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The example of docs/testing.md: the gradient of a class chainrule generated (the paper's loss,
 * {@code sum((y - max(0, X*w + b)) .^ 2) / N}, gradient wrt w, b) against finite differences at
 * random points.
 */
class LossGradientTest {
    private static final int n = 3;
    private static final int N = 5;

    @ParameterizedTest
    @RandomArrays(value = {"vector[n]", "scalar", "matrix[N,n]", "vector[N]"}, dims = "n=3, N=5", count = 25)
    void gradientMatchesFiniteDifferences(double[] w, double b, double[] X, double[] y) {
        // The loss has kinks where a sample's X*w + b is 0; a difference quotient across one is meaningless.
        assumeTrue(awayFromKinks(w, b, X, 1e-4));
        Loss loss = new Loss(n, N);
        GradientCheck.forVariables(
                        v -> loss.value(v.array("w"), v.scalar("b"), X, y),
                        (v, g) -> loss.valueAndGradient(v.array("w"), v.scalar("b"), X, y, g.array("w"), g.array("b")))
                .at(Variables.of().vector("w", w).scalar("b", b));
    }

    private static boolean awayFromKinks(double[] w, double b, double[] X, double margin) {
        for (int i = 0; i < N; i++) {
            double z = b;
            for (int j = 0; j < n; j++) {
                z += X[i * n + j] * w[j];
            }
            if (Math.abs(z) < margin) {
                return false;
            }
        }
        return true;
    }
}

package demo;

import dev.chainrule.testing.GradientCheck;
import dev.chainrule.testing.RandomArrays;
import dev.chainrule.testing.Variables;
import org.junit.jupiter.params.ParameterizedTest;

/** The class the processor generated for build-integration.md's Mse, through the interface, against finite differences. */
class MseTest {
    @ParameterizedTest
    @RandomArrays(value = {"matrix[N,n]", "vector[n]", "scalar", "vector[N]"}, dims = "N=6, n=3", count = 10)
    void gradientMatchesFiniteDifferences(double[] X, double[] w, double b, double[] y) {
        Mse mse = Mse.create(6, 3);
        GradientCheck.forVariables(
                        v -> mse.value(X, v.array("w"), v.scalar("b"), y),
                        (v, g) -> mse.valueAndGradient(X, v.array("w"), v.scalar("b"), y, g.array("w"), g.array("b")))
                .at(Variables.of().vector("w", w).scalar("b", b));
    }
}

package examples.usage;

import dev.chainrule.testing.GradientCheck;
import dev.chainrule.testing.Variables;
import examples.network.TwoLayer;
import examples.softmax.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/**
 * The callbacks of docs/testing.md, written out with their types: the value callback returns the
 * value, the gradient callback returns nothing and writes the gradient into the arrays it is given.
 */
class GradientCallbacksTest {

    @Test
    void aFunctionOfOneArray() {
        double[] y = {0.2, 0.3, 0.5};
        SoftmaxCrossEntropy f = new SoftmaxCrossEntropy(3);
        GradientCheck.ValueFunction value = x -> f.value(x, y);
        GradientCheck.GradientFunction gradient = (x, gradX) -> {
            f.valueAndGradient(x, y, gradX); // returns f(x) too, which the check does not need
        };
        GradientCheck.of(value, gradient).at(0.5, -1.0, 2.0);
    }

    @Test
    void aFunctionOfNamedVariables() {
        TwoLayer net = new TwoLayer(3, 2, 2); // h, n, k
        double[] x = {0.5, -1.0};
        double[] y = {1.0, 0.0};
        GradientCheck.VariablesFunction value =
                v -> net.value(v.array("W1"), v.array("b1"), v.array("W2"), v.array("b2"), x, y);
        GradientCheck.VariablesGradient gradient = (v, g) -> {
            net.valueAndGradient(v.array("W1"), v.array("b1"), v.array("W2"), v.array("b2"), x, y,
                    g.array("W1"), g.array("b1"), g.array("W2"), g.array("b2"));
        };
        GradientCheck.forVariables(value, gradient).at(Variables.of()
                .matrix("W1", 3, 2, 0.1, -0.2, 0.3, 0.4, -0.5, 0.6)
                .vector("b1", 0.1, 0.0, -0.1)
                .matrix("W2", 2, 3, 0.2, -0.1, 0.3, -0.3, 0.2, 0.1)
                .vector("b2", 0.0, 0.1));
    }
}

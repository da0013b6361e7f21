package dev.chainrule.derive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypeChecker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reverse accumulation costs a constant factor of the function: the gradient graph of a chain of
 * d layers grows linearly in d, and value plus gradient stays within the Baur–Strassen bound.
 */
class GradientCostTest {
    private static final Dim N = Dim.of("n");
    private static final Expr.Variable X = (Expr.Variable) Expr.variable("x", Shape.vector(N));
    private static final Expr.Variable W = (Expr.Variable) Expr.variable("W", Shape.matrix(N, N));

    /** sum(tanh(W*tanh(W*...tanh(W*x)))) with d layers sharing one W. */
    private static Expr chain(int depth) {
        Expr layer = X;
        for (int i = 0; i < depth; i++) {
            layer = Expr.apply(Fn.TANH, Expr.product(W, layer));
        }
        return Expr.sum(layer);
    }

    /** Distinct nodes of the value and all gradients together: what one pass computing both evaluates. */
    private static int jointSize(Expr f, Iterable<Expr> gradients) {
        Set<Expr> nodes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        nodes.addAll(Traversal.postOrder(f));
        for (Expr g : gradients) {
            nodes.addAll(Traversal.postOrder(g));
        }
        return nodes.size();
    }

    @Test
    void gradientOfADeepChainGrowsLinearlyInDepth() {
        int[] depths = {10, 100, 1000};
        int[] sizes = new int[depths.length];
        for (int i = 0; i < depths.length; i++) {
            Expr f = chain(depths[i]);
            Map<Expr.Variable, Expr> gradients = Derivatives.gradients(f, List.of(X, W));
            sizes[i] = jointSize(f, gradients.values());
        }
        double perLayerShort = (double) sizes[1] / depths[1];
        double perLayerLong = (double) sizes[2] / depths[2];
        System.out.printf("gradient graph nodes at d = 10, 100, 1000: %d, %d, %d%n", sizes[0], sizes[1], sizes[2]);
        // Linear growth: nodes per layer stay put (an exponential or quadratic blow-up would not).
        assertTrue(perLayerLong <= perLayerShort * 1.1,
                "nodes per layer grew from " + perLayerShort + " to " + perLayerLong);
        assertTrue(sizes[2] < 30 * depths[2], "more than 30 nodes per layer: " + sizes[2]);
    }

    @Test
    void rawGradientOfADeepChainIsLinearBeforeSimplificationToo() {
        int small = Traversal.size(Derivatives.rawGradients(chain(100), List.of(X, W)).get(W));
        int large = Traversal.size(Derivatives.rawGradients(chain(1000), List.of(X, W)).get(W));
        assertTrue(large <= 11 * small, "raw gradient grew from " + small + " to " + large + " nodes");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "w . x + b",
        "x'*A*x",
        "norm2(A*x - y)^2",
        "sum((y - max(0, X*w + b)) .^ 2) / N",
        "sum(log(1 + exp(-y .* (X*w))))",
        "sum(tanh(W*x + u))",
        "logdet(A) + tr(inv(A)*B)",
        "det(A)",
        "sum(exp(x)) + norm1(x)",
        "sum(sigmoid(A*x) .* y)"})
    void valueAndGradientCostAtMostFiveTimesTheValue(String text) {
        Map<String, Shape> declared = text.contains("/ N")
                ? Map.of("X", Shape.matrix(Dim.of("N"), N), "w", Shape.vector(N)) : Map.of();
        var typed = TypeChecker.expression(text, declared);
        Expr f = typed.expr();
        List<Expr.Variable> wrt = new ArrayList<>(typed.variables().values());
        Map<Expr.Variable, Expr> gradients = Derivatives.gradients(f, wrt);
        int value = Traversal.size(f);
        int joint = jointSize(f, new LinkedHashSet<>(gradients.values()));
        assertTrue(joint <= 5 * value, text + ": value " + value + " nodes, value and gradient " + joint);
    }
}

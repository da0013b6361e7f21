package demo;

import dev.chainrule.annotation.Differentiable;

/** Mean squared error of a linear model; the processor generates ChainruleMse. */
@Differentiable(expr = "sum((X*w + b - y).^2) / N", wrt = {"w", "b"},
        vars = {"X: matrix[N, n]", "w: vector[n]", "b: scalar", "y: vector[N]"})
public interface Mse {
    double value(double[] X, double[] w, double b, double[] y);

    double valueAndGradient(double[] X, double[] w, double b, double[] y, double[] gradW, double[] gradB);

    static Mse create(int N, int n) {
        return new ChainruleMse(N, n);
    }
}

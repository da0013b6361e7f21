package demo;

import dev.chainrule.annotation.Differentiable;

@Differentiable(wrt = "w", vars = {"X: matrix[m, n]", "w: vector[n]", "y: vector[k]"},
        expr = "sum((X*w - y).^2)")
public interface Bad {
}

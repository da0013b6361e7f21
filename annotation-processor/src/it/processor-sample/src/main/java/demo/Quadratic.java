package demo;

import dev.chainrule.annotation.Differentiable;

/** xᵀAx by the naming convention (x a vector, A a matrix), with its gradient and Hessian. */
@Differentiable(expr = "x'*A*x", wrt = "x", hessianWrt = "x")
public abstract class Quadratic {
    public abstract double valueAndGradient(double[] x, double[] A, double[] gradX);

    public abstract void hessianX(double[] x, double[] A, double[] hessianX);
}

package dev.chainrule.derive;

import dev.chainrule.graph.Expr;

/**
 * Closed-form derivatives: gradients by reverse accumulation over the graph, Jacobians in
 * numerator layout, Hessians as the Jacobian of the gradient. Results are simplified.
 */
public final class Derivatives {
    private Derivatives() {}

    /** The gradient of a scalar function, in the shape of the variable. */
    public static Expr gradient(Expr f, Expr.Variable wrt) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The Jacobian of a scalar or vector function with respect to a scalar or vector, m × n. */
    public static Expr jacobian(Expr f, Expr.Variable wrt) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The Hessian of a scalar function with respect to a vector, n × n. */
    public static Expr hessian(Expr f, Expr.Variable wrt) {
        throw new UnsupportedOperationException("not yet");
    }
}

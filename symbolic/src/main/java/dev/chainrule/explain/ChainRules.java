package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;

/**
 * The chain rules, by the paper's names, and the products they form. A total derivative is
 * referred to by its label ({@code df/du2}) and a local derivative by its ({@code ∂u2/∂u1}), so
 * that each product is written once, over labels, however long the chain.
 *
 * <p>Backwards, for a gradient (chainrule's gradients are in the shape of the variable, the
 * transpose of the paper's numerator-layout row): {@code df/dc = Σ (∂u/∂c)ᵀ df/du} over the steps
 * u that use c. Forwards, for a Jacobian (numerator layout, as the paper's):
 * {@code du/dx = Σ ∂u/∂c dc/dx} over u's operands c. Local derivatives are chainrule's flattened
 * Jacobians (∂vec(u)/∂vec(c)ᵀ, derive/Layout), so the forward product is a matrix product of
 * flattened Jacobians, written with {@code vec} where an operand is a matrix.
 */
final class ChainRules {
    private ChainRules() {}

    static final LocalRules.Rule SINGLE_VARIABLE = new LocalRules.Rule("single-variable chain rule", "4.5.1");
    static final LocalRules.Rule TOTAL_DERIVATIVE = new LocalRules.Rule("total-derivative chain rule", "4.5.2");
    static final LocalRules.Rule VECTOR = new LocalRules.Rule("vector chain rule", "4.5.3");
    /** A symmetric variable's gradient is the symmetric part of what the chain rule gives. */
    static final String SYMMETRIC = "; symmetric part, for a symmetric variable";

    /**
     * The rule that forms a total derivative from {@code terms} products: the total-derivative
     * rule for several, the single-variable rule where every value involved is a scalar, else the
     * vector chain rule.
     */
    static LocalRules.Rule rule(int terms, boolean allScalars) {
        return terms > 1 ? TOTAL_DERIVATIVE : allScalars ? SINGLE_VARIABLE : VECTOR;
    }

    /**
     * Backwards: what u sends c in the chain rule's form, {@code (∂u/∂c)ᵀ df/du}, with
     * {@code local} the label ∂u/∂c and {@code total} the label df/du, or null when u is the
     * function itself (df/df = 1). Written only where u and c are scalars or vectors; null for
     * matrices and rows, whose chain rule is the contribution itself.
     */
    static Expr backward(Expr.Variable local, Expr total, Shape u, Shape c) {
        if (!plain(u) || !plain(c)) {
            return null;
        }
        if (u.isScalar()) {
            Expr transposed = c.isScalar() ? local : Expr.transpose(local);
            return total == null ? transposed : Expr.scale(total, transposed);
        }
        return total == null ? null : Expr.product(Expr.transpose(local), total);
    }

    private static boolean plain(Shape s) {
        return s.isScalar() || s.isVector();
    }

    /**
     * Forwards: {@code ∂u/∂c · dc/dx} for local derivative {@code local} (∂vec(u)/∂vec(c)ᵀ, in u's
     * shape where c is a scalar) and total {@code total} (likewise of c by x), in the shape of
     * du/dx: a matrix product of the flattened Jacobians, reshaped back to u's shape where x is a
     * scalar.
     */
    static Expr forward(Expr local, Expr total, Shape u, Shape c, Shape x) {
        Expr left = c.isScalar() ? column(local) : local;
        Expr right = x.isScalar() ? column(total) : total;
        Expr product = Expr.multiply(left, right);
        return x.isScalar() ? shaped(product, u) : product;
    }

    /** vec(a) as a column: a scalar or a vector itself, a row transposed, a matrix's entries row by row. */
    private static Expr column(Expr a) {
        Shape s = a.shape();
        return s.isScalar() || s.isVector() ? a : s.isRow() ? Expr.transpose(a) : Expr.vec(a);
    }

    /** A column of a value's entries back in the value's shape. */
    private static Expr shaped(Expr column, Shape shape) {
        if (column.shape().equals(shape)) {
            return column;
        }
        return shape.isRow() ? Expr.transpose(column) : Expr.reshape(column, shape);
    }
}

package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Shape;

/**
 * A derivative rule's result in the shape the sweep stores it in. The product rule is blind to the
 * kind of its operands: an n × 1 matrix times a row has the adjoint g·b, which is a vector of
 * length n, not the n × 1 matrix the operand is. Such a result has the right entries in the right
 * order and only the wrong kind; it is read as the right one here, in the one place every
 * adjoint and every tangent passes through, rather than in each rule.
 */
final class Conformance {
    private Conformance() {}

    /**
     * {@code value} read as {@code shape}: itself if it has that shape, the same entries as that
     * kind if it has as many rows and columns (vector[n] and matrix[n,1], a scalar and a 1 × 1).
     *
     * @throws IllegalStateException if the rows or columns differ: a rule is wrong, not the input
     */
    static Expr to(Shape shape, Expr value, Expr node) {
        Shape actual = value.shape();
        if (actual.equals(shape)) {
            return value;
        }
        if (!actual.rows().equals(shape.rows()) || !actual.cols().equals(shape.cols())) {
            throw new IllegalStateException("a derivative of " + node.getClass().getSimpleName() + " of shape "
                    + node.shape() + " came out as " + actual + " where " + shape + " was due");
        }
        if (shape.isScalar()) {
            return Expr.entry(value, 0, 0);
        }
        if (actual.isScalar()) {
            return Expr.expand(value, shape);
        }
        return Expr.reshape(value, shape);
    }
}

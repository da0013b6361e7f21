package dev.chainrule.tests;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an expression is in the form the type checker builds from text, with every size fixed
 * by the expression itself (and its result shape): then printing it must read back to the same
 * node. Conservative: some expressions that read back fine are not counted.
 *
 * <ul>
 *   <li>constants are finite (a negative one is a literal, {@code -2});
 *   <li>no element-wise product of scalars (text makes that a scaling), no {@code max} with a
 *       literal 0 (text makes that the rectifier), no constant times a constant array (text
 *       folds {@code 2·1⃗} into the constant {@code 2⃗});
 *   <li>an array whose size nothing inside it fixes (a constant array, the identity, a scalar
 *       spread over a shape) stands only beside an operand that fixes it, in an element-wise
 *       operator, or as the whole expression;
 *   <li>a block row of scalars and vectors is a stack (text reads {@code [a, b]} as one), a
 *       slice takes a range wherever it takes more than one row or column, and one index elsewhere,
 *       and nothing is reshaped to a row (text reads {@code reshape(v, 1, n)} as a 1 × n matrix).
 * </ul>
 */
final class Canonical {
    private Canonical() {}

    static boolean isCanonical(Expr root) {
        Map<Expr, Boolean> determined = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(root)) {
            determined.put(node, determined(node, determined));
            if (node instanceof Expr.Constant c && !Double.isFinite(c.value())) {
                return false;
            }
            if (node instanceof Expr.Hadamard && node.shape().isScalar()) {
                return false;
            }
            if (node instanceof Expr.Max m && (isZero(m.left()) || isZero(m.right()))) {
                return false;
            }
            if (node instanceof Expr.Scale s && s.factor() instanceof Expr.Constant
                    && s.operand() instanceof Expr.Constant o && !o.shape().isScalar()) {
                return false;
            }
            if (node instanceof Expr.Block b && b.rows() == 1 && b.columns() > 1
                    && b.parts().stream().allMatch(p -> p.shape().isScalar() || p.shape().isVector())) {
                return false; // text reads [a, b] as the stack of a and b
            }
            if (node instanceof Expr.Slice s && !s.shape().equals(asWritten(s))) {
                return false; // text reads x[2:2] as a vector, x[2] as an entry
            }
            if (node instanceof Expr.Reshape r && r.shape().isRow()) {
                return false; // text reads reshape(v, 1, n) as a 1 × n matrix
            }
            List<Expr> children = node.children();
            for (int i = 0; i < children.size(); i++) {
                Expr child = children.get(i);
                if (determined.get(child) || floating(node, child)) {
                    continue;
                }
                boolean besideFixed = elementwise(node) && sizedByContext(child)
                        && determined.get(children.get(1 - i));
                if (!besideFixed) {
                    return false;
                }
            }
        }
        return determined.get(root) || sizedByContext(root);
    }

    /**
     * The operand of a spread scalar, {@code s·1⃗}, whose size the spread takes from its context; or
     * what a negation of such a value negates ({@code x - a} is {@code x + (−(a·1⃗))}).
     */
    private static boolean floating(Expr parent, Expr child) {
        return (parent instanceof Expr.Scale s && s.operand() == child || parent instanceof Expr.Negate)
                && sizedByContext(child);
    }

    private static boolean isZero(Expr e) {
        return e instanceof Expr.Constant c && c.value() == 0;
    }

    private static boolean elementwise(Expr e) {
        return e instanceof Expr.Add || e instanceof Expr.Hadamard || e instanceof Expr.Divide
                || e instanceof Expr.Power || e instanceof Expr.Max;
    }

    /** A constant array, the identity, or a scalar times or the negation of one of these: sized by where it stands. */
    private static boolean sizedByContext(Expr e) {
        if (e.shape().isScalar()) {
            return false;
        }
        if (e instanceof Expr.Constant || e instanceof Expr.Identity) {
            return true;
        }
        return e instanceof Expr.Scale s && sizedByContext(s.operand())
                || e instanceof Expr.Negate n && sizedByContext(n.operand());
    }

    /**
     * The shape text gives a slice, which writes one index where the slice takes one row or column
     * and a range elsewhere: one entry is a scalar, one row of a matrix a row, one column a vector.
     */
    static Shape asWritten(Expr.Slice s) {
        Shape whole = s.operand().shape();
        Shape part = s.shape();
        return switch (whole.kind()) {
            case SCALAR -> whole;
            case VECTOR -> part.rows().equals(Dim.ONE) ? Shape.SCALAR : Shape.vector(part.rows());
            case ROW -> part.cols().equals(Dim.ONE) ? Shape.SCALAR : Shape.row(part.cols());
            case MATRIX -> ExprGen.kind(part.rows(), part.cols());
        };
    }

    /** Whether the node's own size follows from its leaves. */
    private static boolean determined(Expr e, Map<Expr, Boolean> memo) {
        if (e.shape().isScalar() || e instanceof Expr.Variable || e instanceof Expr.Commutation) {
            return true;
        }
        if (e instanceof Expr.Constant || e instanceof Expr.Identity) {
            return false;
        }
        List<Expr> c = e.children();
        if (elementwise(e)) {
            return memo.get(c.get(0)) || memo.get(c.get(1));
        }
        if (e instanceof Expr.Scale s) {
            return memo.get(s.operand());
        }
        if (e instanceof Expr.Product || e instanceof Expr.Kronecker || e instanceof Expr.Block) {
            return c.stream().allMatch(memo::get);
        }
        return memo.get(c.get(0));
    }
}

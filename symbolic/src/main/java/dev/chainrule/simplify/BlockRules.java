package dev.chainrule.simplify;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeMismatchException;
import dev.chainrule.shape.ShapeRules;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules for the operators that move entries around (blocks, slices, Kronecker products), which
 * derivatives of vectors of functions and of matrices produce: a slice moves inwards until it
 * picks a part out of a block, a unit row of a small identity becomes the row it is, blocks of
 * blocks flatten, so that the Jacobian of the paper's [ln(x₁²), sin(3x₂)] reads
 * [2/x₁, 0; 0, 3cos(3x₂)], and Kronecker products follow (A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ and
 * (A ⊗ B)(C ⊗ D) = AC ⊗ BD. Each keeps the value and never makes the expression larger.
 */
final class BlockRules {
    private BlockRules() {}

    /** Slices of an identity with at most this many rows become explicit rows and columns of 0 and 1. */
    private static final int EXPLICIT_IDENTITY = 8;

    static final Rule SLICE_OF_BLOCK = new ComputedRule("slice-of-block",
            "a slice that lies within one part of a block is a slice of that part: [x; y][1:n] = x", keepingShape(BlockRules::sliceOfBlock));

    static final Rule SLICE_OF_SLICE = new ComputedRule("slice-of-slice",
            "x[a:b][c:d] = x[a+c−1 : a+d−1]", keepingShape(BlockRules::sliceOfSlice));

    static final Rule SLICE_INWARDS = new ComputedRule("slice-inwards",
            "a slice moves inside a scaling, a negation, an element-wise function, or a product it takes rows "
                    + "or columns of: (2x)[i] = 2x[i], (AB)[i, :] = A[i, :]B", keepingShape(BlockRules::sliceInwards));

    static final Rule SLICE_OF_CONSTANT = new ComputedRule("slice-of-constant",
            "a slice of a constant is the constant; of a small identity, its explicit rows: I₂[1, :] = [1, 0]", keepingShape(BlockRules::sliceOfConstant));

    static final Rule UNIT_TIMES = new ComputedRule("unit-times",
            "rows of the identity times A are rows of A: I[i, :]A = A[i, :], and AI[:, j] = A[:, j] "
                    + "(where the rows taken lie within the columns taken, and the other way round)", keepingShape(BlockRules::unitTimes));

    static final Rule BLOCK_OF_CONSTANTS = new ComputedRule("block-of-constants",
            "a block whose parts are one constant is that constant: [0; 0⃗] = 0⃗", keepingShape(BlockRules::blockOfConstants));

    static final Rule SCALING_INTO_BLOCK = new ComputedRule("scaling-into-block",
            "s·[a, 0] = [s·a, 0] and s·[1, 0] = [s, 0]: a scalar goes into a block where that adds nothing", keepingShape(BlockRules::scalingIntoBlock));

    static final Rule SUM_OF_BLOCKS = new ComputedRule("sum-of-blocks",
            "[a, b] + [c, 0] = [a + c, b]: blocks of one layout add part by part, where parts are zero", keepingShape(BlockRules::sumOfBlocks));

    static final Rule FLATTEN_BLOCK = new ComputedRule("flatten-block",
            "[[a, b]; [c, d]] = [a, b; c, d]: block rows of blocks with one layout are one block", keepingShape(BlockRules::flattenBlock));

    static final Rule KRONECKER_TRANSPOSE = new ComputedRule("kronecker-transpose",
            "(A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ", keepingShape(node -> node instanceof Transpose t && t.operand() instanceof Kronecker k
                    ? kronecker(transpose(k.left()), transpose(k.right())) : null));

    static final Rule SCALING_OUT_OF_KRONECKER = new ComputedRule("scaling-out-of-kronecker",
            "(sA) ⊗ B = A ⊗ (sB) = s(A ⊗ B), and −A ⊗ B = −(A ⊗ B)", keepingShape(BlockRules::scalingOutOfKronecker));

    static final Rule KRONECKER_MIXED_PRODUCT = new ComputedRule("kronecker-mixed-product",
            "(A ⊗ B)(C ⊗ D) = AC ⊗ BD where the products are defined", keepingShape(BlockRules::mixedProduct));

    static final Rule KRONECKER_OF_IDENTITIES = new ComputedRule("kronecker-of-identities",
            "Iₘ ⊗ Iₙ = Iₘₙ", keepingShape(node -> node instanceof Kronecker k && k.left() instanceof Identity a
                    && k.right() instanceof Identity b ? identity(Dim.product(a.size(), b.size())) : null));

    /**
     * A rule's step that gives up where the rewrite would change the node's shape: where a size is
     * 1 a product of slices can be a row or a vector where the slice was a scalar ((AB)[i, 1] with
     * B of one column is A[i, :]B, a row of length 1), and a rewrite must keep the shape as well as
     * the value.
     */
    private static java.util.function.UnaryOperator<Expr> keepingShape(java.util.function.UnaryOperator<Expr> step) {
        return node -> {
            Expr result = step.apply(node);
            return result != null && result.shape().equals(node.shape()) ? result : null;
        };
    }

    // ---- slices ---------------------------------------------------------------------------------

    private static Expr sliceOfBlock(Expr node) {
        if (!(node instanceof Slice s) || !(s.operand() instanceof Block b)) {
            return null;
        }
        Dim top = Dim.ZERO;
        for (int r = 0; r < b.rows(); r++) {
            Dim left = Dim.ZERO;
            Dim height = b.part(r, 0).shape().rows();
            for (int c = 0; c < b.columns(); c++) {
                Expr part = b.part(r, c);
                Dim width = part.shape().cols();
                Dim row = inside(s.row(), s.shape().rows(), top, height);
                Dim column = inside(s.column(), s.shape().cols(), left, width);
                if (row != null && column != null) {
                    return sliceOf(part, row, column, s.shape());
                }
                left = Dim.sum(left, width);
            }
            top = Dim.sum(top, height);
        }
        return null;
    }

    /**
     * Where a range [offset, offset + size) starts within a part spanning [start, start + length),
     * if it lies inside it: known only where the arithmetic of the dims decides it.
     */
    private static Dim inside(Dim offset, Dim size, Dim start, Dim length) {
        try {
            Dim relative = Dim.difference(offset, start);
            Dim rest = Dim.difference(Dim.sum(start, length), Dim.sum(offset, size));
            return nonNegative(relative) && nonNegative(rest) ? relative : null;
        } catch (IllegalArgumentException negative) {
            return null;
        }
    }

    /** A dim known not to be negative: zero, or a polynomial with no negative coefficient. */
    private static boolean nonNegative(Dim d) {
        return d.isZero() || !d.toString().contains("-");
    }

    /** A slice of a part, where the part's own shape decides what kind of slice it can be. */
    private static Expr sliceOf(Expr part, Dim row, Dim column, Shape shape) {
        Shape p = part.shape();
        if (p.isScalar()) {
            return shape.isScalar() ? part : null;
        }
        try {
            return slice(part, p.isRow() ? Dim.ZERO : row, p.isVector() ? Dim.ZERO : column, kindFor(p, shape));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The slice's shape as a slice of a part of kind {@code part}: a vector's block is a vector. */
    private static Shape kindFor(Shape part, Shape slice) {
        if (slice.isScalar()) {
            return slice;
        }
        if (part.isVector()) {
            return Shape.vector(slice.rows());
        }
        if (part.isRow()) {
            return Shape.row(slice.cols());
        }
        return slice;
    }

    private static Expr sliceOfSlice(Expr node) {
        if (node instanceof Slice outer && outer.operand() instanceof Slice inner) {
            try {
                return slice(inner.operand(), Dim.sum(inner.row(), outer.row()), Dim.sum(inner.column(), outer.column()),
                        outer.shape());
            } catch (ShapeMismatchException e) {
                return null;
            }
        }
        return null;
    }

    private static Expr sliceInwards(Expr node) {
        if (!(node instanceof Slice s)) {
            return null;
        }
        Expr a = s.operand();
        if (a instanceof Scale scale) {
            return scale(scale.factor(), slice(scale.operand(), s.row(), s.column(), s.shape()));
        }
        if (a instanceof Negate n) {
            return negate(slice(n.operand(), s.row(), s.column(), s.shape()));
        }
        if (a instanceof Apply f) {
            return apply(f.fn(), slice(f.operand(), s.row(), s.column(), s.shape()));
        }
        if (a instanceof Transpose t) {
            Shape shape = s.shape().transpose();
            return transpose(slice(t.operand(), s.column(), s.row(), shape));
        }
        if (a instanceof Product p && a.shape().isMatrix()) {
            boolean allColumns = s.column().isZero() && s.shape().cols().equals(a.shape().cols());
            boolean allRows = s.row().isZero() && s.shape().rows().equals(a.shape().rows());
            try {
                if (allColumns && p.left().shape().isMatrix()) {
                    Shape rows = s.shape().rows().equals(Dim.ONE) && !s.shape().isMatrix()
                            ? Shape.row(p.left().shape().cols()) : Shape.matrix(s.shape().rows(), p.left().shape().cols());
                    return product(slice(p.left(), s.row(), Dim.ZERO, rows), p.right());
                }
                if (allRows && p.right().shape().isMatrix()) {
                    Shape cols = s.shape().cols().equals(Dim.ONE) && !s.shape().isMatrix()
                            ? Shape.vector(p.right().shape().rows())
                            : Shape.matrix(p.right().shape().rows(), s.shape().cols());
                    return product(p.left(), slice(p.right(), Dim.ZERO, s.column(), cols));
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static Expr sliceOfConstant(Expr node) {
        if (!(node instanceof Slice s)) {
            return null;
        }
        if (s.operand() instanceof Constant c) {
            return constant(c.value(), s.shape());
        }
        return s.operand() instanceof Identity ? explicitIdentity(s) : null;
    }

    /** Rows and columns of a small fixed identity written out as a block of zeros and ones. */
    private static Expr explicitIdentity(Slice s) {
        if (!(((Identity) s.operand()).size() instanceof Dim.Fixed n) || n.size() > EXPLICIT_IDENTITY
                || !(s.row() instanceof Dim.Fixed || s.row().isZero())
                || !(s.column() instanceof Dim.Fixed || s.column().isZero())
                || !(s.shape().rows() instanceof Dim.Fixed rows) || !(s.shape().cols() instanceof Dim.Fixed cols)) {
            return null;
        }
        int r0 = s.row().isZero() ? 0 : ((Dim.Fixed) s.row()).size();
        int c0 = s.column().isZero() ? 0 : ((Dim.Fixed) s.column()).size();
        List<Expr> parts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                parts.add(scalar(r0 + i == c0 + j ? 1 : 0));
            }
        }
        boolean column = s.shape().isVector() || s.shape().isScalar();
        Expr block = block(parts, column ? 1 : cols.size());
        return block.shape().equals(s.shape()) ? block : null;
    }

    private static Expr unitTimes(Expr node) {
        if (!(node instanceof Product p)) {
            return null;
        }
        try {
            // I[R, C] B picks rows of B only where the rows R lie within the columns C: row i is
            // then row r0 + i − c0 of B (with R = C, all of B); otherwise it places rows among zeros.
            if (p.left() instanceof Slice s && s.operand() instanceof Identity) {
                Dim first = inside(s.row(), s.shape().rows(), s.column(), s.shape().cols());
                return first == null ? null : slice(p.right(), first, Dim.ZERO, p.shape());
            }
            // A I[R, C] picks the columns of A where C lies within R.
            if (p.right() instanceof Slice s && s.operand() instanceof Identity) {
                Dim first = inside(s.column(), s.shape().cols(), s.row(), s.shape().rows());
                return first == null ? null : slice(p.left(), Dim.ZERO, first, p.shape());
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    // ---- blocks ---------------------------------------------------------------------------------

    private static Expr blockOfConstants(Expr node) {
        if (!(node instanceof Block b) || !(b.parts().get(0) instanceof Constant first)) {
            return null;
        }
        for (Expr part : b.parts()) {
            if (!(part instanceof Constant c) || c.value() != first.value()) {
                return null;
            }
        }
        return constant(first.value(), b.shape());
    }

    /** Into every part that is a one (which becomes s) and at most one other non-zero part (which is scaled). */
    private static Expr scalingIntoBlock(Expr node) {
        if (!(node instanceof Scale s) || !(s.operand() instanceof Block b)) {
            return null;
        }
        List<Expr> parts = new ArrayList<>();
        int scaled = 0;
        for (Expr part : b.parts()) {
            if (part instanceof Constant c && (c.value() == 0 || c.value() == 1)) {
                parts.add(c.value() == 0 ? part : expand(s.factor(), c.shape()));
            } else {
                parts.add(multiply(s.factor(), part));
                scaled++;
            }
        }
        return scaled <= 1 ? block(parts, b.columns()) : null;
    }

    private static Expr sumOfBlocks(Expr node) {
        if (!(node instanceof Add a) || !(a.left() instanceof Block x)) {
            return null;
        }
        Expr right = a.right();
        boolean subtract = right instanceof Negate;
        if (subtract) {
            right = ((Negate) right).operand();
        }
        if (!(right instanceof Block y) || x.columns() != y.columns() || x.parts().size() != y.parts().size()) {
            return null;
        }
        List<Expr> parts = new ArrayList<>();
        int sums = 0;
        for (int k = 0; k < x.parts().size(); k++) {
            Expr p = x.parts().get(k);
            Expr q = y.parts().get(k);
            if (!p.shape().equals(q.shape())) {
                return null;
            }
            if (isZero(q)) {
                parts.add(p);
            } else if (isZero(p)) {
                parts.add(subtract ? negate(q) : q);
            } else {
                parts.add(subtract ? Expr.subtract(p, q) : add(p, q));
                sums++;
            }
        }
        // The sum of two blocks is three nodes; part by part it must not be more.
        return sums <= 2 ? block(parts, x.columns()) : null;
    }

    private static boolean isZero(Expr e) {
        return e instanceof Constant c && c.value() == 0;
    }

    private static Expr flattenBlock(Expr node) {
        if (!(node instanceof Block b) || b.columns() != 1 || !(b.parts().get(0) instanceof Block first)) {
            return null;
        }
        int columns = first.columns();
        List<Expr> parts = new ArrayList<>();
        for (Expr part : b.parts()) {
            if (!(part instanceof Block inner) || inner.columns() != columns) {
                return null;
            }
            parts.addAll(inner.parts());
        }
        try {
            Shape flat = ShapeRules.block(parts.stream().map(Expr::shape).toList(), columns, ShapeRules.EQUAL);
            return flat.equals(b.shape()) ? block(parts, columns) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- Kronecker products ---------------------------------------------------------------------

    private static Expr scalingOutOfKronecker(Expr node) {
        if (!(node instanceof Kronecker k)) {
            return null;
        }
        if (k.left() instanceof Scale s && !s.operand().shape().isScalar()) {
            return scale(s.factor(), kronecker(s.operand(), k.right()));
        }
        if (k.right() instanceof Scale s && !s.operand().shape().isScalar()) {
            return scale(s.factor(), kronecker(k.left(), s.operand()));
        }
        if (k.left() instanceof Negate n) {
            return negate(kronecker(n.operand(), k.right()));
        }
        if (k.right() instanceof Negate n) {
            return negate(kronecker(k.left(), n.operand()));
        }
        return null;
    }

    private static Expr mixedProduct(Expr node) {
        if (node instanceof Product p && p.left() instanceof Kronecker a && p.right() instanceof Kronecker b
                && a.left().shape().cols().equals(b.left().shape().rows())
                && a.right().shape().cols().equals(b.right().shape().rows())) {
            try {
                Expr result = kronecker(multiply(a.left(), b.left()), multiply(a.right(), b.right()));
                return result.shape().equals(p.shape()) && Traversal.size(result) <= Traversal.size(p) ? result : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}

package dev.chainrule.derive;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The adjoint rules of the operators that only move entries around, which a formula cannot state
 * because they depend on where each entry goes: a part of a block matrix receives its block of the
 * adjoint (the paper's rule for a vector of functions, read backwards), a slice sends its adjoint
 * back to its place among zeros, a reshape reshapes it back, and a Kronecker product contracts it
 * with the other factor.
 */
final class StructuralAdjoints {
    private StructuralAdjoints() {}

    /** Whether the node's rule is here rather than in {@link AdjointRules}'s table. */
    static boolean covers(Expr node) {
        return node instanceof Block || node instanceof Slice || node instanceof Reshape || node instanceof Kronecker;
    }

    /** What operand {@code index} of {@code node} receives when the node's adjoint is {@code g}. */
    static Expr contribution(Expr node, int index, Expr g) {
        if (node instanceof Block b) {
            return partOfBlock(b, index, g);
        }
        if (node instanceof Slice s) {
            return placed(s, g);
        }
        if (node instanceof Reshape r) {
            return reshape(g, r.operand().shape());
        }
        return kroneckerFactor((Kronecker) node, index, g);
    }

    /** Part k of [P₁, …; …] receives the block of g where P_k sits. */
    private static Expr partOfBlock(Block b, int index, Expr g) {
        int row = index / b.columns();
        int column = index % b.columns();
        Dim top = Dim.ZERO;
        for (int r = 0; r < row; r++) {
            top = Dim.sum(top, b.part(r, 0).shape().rows());
        }
        Dim left = Dim.ZERO;
        for (int c = 0; c < column; c++) {
            left = Dim.sum(left, b.part(0, c).shape().cols());
        }
        Shape part = b.parts().get(index).shape();
        return g.shape().isRow() ? slice(g, Dim.ZERO, left, part) : slice(g, top, left, part);
    }

    /** x[rows, cols] sends g to its place in a zero value of x's shape. */
    private static Expr placed(Slice s, Expr g) {
        Shape whole = s.operand().shape();
        List<Dim> heights = split(whole.rows(), s.row(), s.shape().rows());
        List<Dim> widths = split(whole.cols(), s.column(), s.shape().cols());
        int gRow = s.row().isZero() ? 0 : 1;
        int gColumn = s.column().isZero() ? 0 : 1;
        List<Expr> parts = new ArrayList<>();
        for (int r = 0; r < heights.size(); r++) {
            for (int c = 0; c < widths.size(); c++) {
                parts.add(r == gRow && c == gColumn ? g : zero(shapeOf(heights.get(r), widths.get(c), whole)));
            }
        }
        Expr placed = block(parts, widths.size());
        if (placed.shape().equals(whole)) {
            return placed;
        }
        // The one entry of a vector of length 1 (or of a 1 × 1 matrix) is all of it: g spread.
        return placed.shape().isScalar() ? expand(placed, whole) : reshape(placed, whole);
    }

    /** A size cut at an offset into what comes before, the block, and what comes after, without empty pieces. */
    private static List<Dim> split(Dim total, Dim offset, Dim size) {
        List<Dim> pieces = new ArrayList<>();
        if (!offset.isZero()) {
            pieces.add(offset);
        }
        pieces.add(size);
        Dim rest = Dim.difference(total, Dim.sum(offset, size));
        if (!rest.isZero()) {
            pieces.add(rest);
        }
        return pieces;
    }

    /** A zero piece of a block: as a vector's or a row's, where the whole is one. */
    private static Shape shapeOf(Dim rows, Dim cols, Shape whole) {
        if (whole.isVector()) {
            return rows.equals(Dim.ONE) ? Shape.SCALAR : Shape.vector(rows);
        }
        if (whole.isRow()) {
            return cols.equals(Dim.ONE) ? Shape.SCALAR : Shape.row(cols);
        }
        return Shape.matrix(rows, cols);
    }

    /**
     * vec(A ⊗ B) = P (vec A ⊗ vec B) with P = I ⊗ K ⊗ I (see JacobianSweep), so A receives
     * (I ⊗ vec(B)ᵀ) Pᵀ vec(g) and B receives (vec(A)ᵀ ⊗ I) Pᵀ vec(g), each back in its own shape.
     */
    private static Expr kroneckerFactor(Kronecker k, int index, Expr g) {
        Shape a = k.left().shape();
        Shape b = k.right().shape();
        Expr permutation = kronecker(identityOrOne(a.rows()),
                kronecker(commutation(a.cols(), b.rows()), identityOrOne(b.cols())));
        Expr unpermuted = product(transpose(permutation), vec(g));
        Expr contracted = index == 0
                ? product(kronecker(identity(ShapeRules.entries(a)), transpose(vec(k.right()))), unpermuted)
                : product(kronecker(transpose(vec(k.left())), identity(ShapeRules.entries(b))), unpermuted);
        return reshape(contracted, (index == 0 ? k.left() : k.right()).shape());
    }

    private static Expr identityOrOne(Dim n) {
        return n.equals(Dim.ONE) ? scalar(1) : identity(n);
    }
}

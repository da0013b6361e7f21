package dev.chainrule.print;

import dev.chainrule.graph.Expr;

/**
 * Scalar expansion, undone for printing. The type checker spreads a scalar operand of an
 * element-wise operator ({@code + − / ./ ^ .^ max}) over the other operand's shape: {@code x + b}
 * becomes {@code x + b·1⃗} and {@code x .^ 2} becomes {@code x .^ 2⃗}. The printers write such an
 * operand as the scalar again, on one side only, so that the other side still gives the shape.
 */
final class Expansion {
    private Expansion() {}

    /**
     * The scalar that the type checker would expand into {@code e}, or null: {@code c} for the
     * constant {@code c⃗} of a non-scalar shape, {@code s} for {@code s·1⃗} unless {@code s} is itself a
     * constant (then {@code c} would build {@code c⃗}, not {@code c·1⃗}).
     */
    static Expr scalarOf(Expr e) {
        if (e.shape().isScalar()) {
            return null;
        }
        if (e instanceof Expr.Constant c) {
            return Expr.scalar(c.value());
        }
        if (e instanceof Expr.Scale s && !(s.factor() instanceof Expr.Constant)
                && s.operand() instanceof Expr.Constant one && one.value() == 1) {
            return s.factor();
        }
        return null;
    }

    /**
     * The operands of an element-wise operator as they are to be printed: the right one written
     * as its scalar if it is an expansion, else the left one if it is, else both as they are.
     */
    static Expr[] operands(Expr left, Expr right) {
        Expr r = scalarOf(right);
        if (r != null) {
            return new Expr[] {left, r};
        }
        Expr l = scalarOf(left);
        if (l != null) {
            return new Expr[] {l, right};
        }
        return new Expr[] {left, right};
    }
}

package dev.chainrule.codegen;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sizes of a function's symbolic dimensions must satisfy beyond being at least 1: an
 * entry or a range the function takes must exist ({@code x[3]} of a vector of length n needs
 * n ≥ 3) and be no empty range ({@code x[2:n]} needs n ≥ 2). The type checker checks these
 * against fixed sizes; against symbolic ones they are checked where the sizes are bound, which
 * for a generated class is its constructor.
 *
 * <p>Each requirement reads {@code size ≥ least}. Where it can, {@code size} is a dimension
 * expression with no constant term and {@code least} a number ({@code n ≥ 3} rather than
 * {@code n − 3 ≥ 0}), so that its message reads as a bound on a size: {@code n must be at least 3
 * (x[3])}. Requirements on one size are merged into the largest bound.
 */
final class SizeRequirements {
    /** {@code size ≥ least}, for the entry or range {@code because} (as the language writes it). */
    record Requirement(Dim size, Dim least, String because) {}

    private SizeRequirements() {}

    /** The requirements of the slices in {@code body}, the largest bound for each size, in order of first use. */
    static List<Requirement> of(Expr body) {
        Map<Dim, Requirement> strongest = new LinkedHashMap<>();
        List<Requirement> others = new ArrayList<>();
        for (Expr node : Traversal.postOrder(body)) {
            if (!(node instanceof Expr.Slice s)) {
                continue;
            }
            String because = text(s);
            List<Dim[]> atLeast = List.of(
                    // The block ends inside its operand, and takes at least one row and one column.
                    new Dim[] {s.operand().shape().rows(), Dim.sum(s.row(), s.shape().rows())},
                    new Dim[] {s.operand().shape().cols(), Dim.sum(s.column(), s.shape().cols())},
                    new Dim[] {s.shape().rows(), Dim.ONE},
                    new Dim[] {s.shape().cols(), Dim.ONE});
            for (Dim[] pair : atLeast) {
                Requirement r = requirement(pair[0], pair[1], because);
                if (r == null) {
                    continue;
                }
                if (r.least() instanceof Dim.Fixed least) {
                    strongest.merge(r.size(), r, (a, b) -> least.size() > ((Dim.Fixed) a.least()).size() ? b : a);
                } else if (!others.contains(r)) {
                    others.add(r);
                }
            }
        }
        List<Requirement> all = new ArrayList<>(strongest.values());
        all.addAll(others);
        return all;
    }

    /** {@code a ≥ b} as simply as it can be put, or null where it holds at every size (or is fixed). */
    private static Requirement requirement(Dim a, Dim b, String because) {
        if (a.symbols().isEmpty() && b.symbols().isEmpty()) {
            return null; // fixed sizes: the type checker has checked them
        }
        Dim difference;
        try {
            difference = Dim.difference(a, b);
        } catch (IllegalArgumentException negativeConstant) {
            return null; // a fixed difference below zero: cannot happen for a checked function
        }
        if (difference.isZero() || !difference.toString().contains("-")) {
            return null; // a sum of products of sizes with no negative term is never negative
        }
        // a − b = rest + c, with c the constant term: where rest has no negative term, rest ≥ −c.
        int constant = difference.value(symbol -> 0);
        if (constant == -1 && !Dim.sum(difference, Dim.ONE).toString().contains("-")) {
            return null; // rest ≥ 1: every size is at least 1, checked already
        }
        if (constant < 0) {
            Dim rest = Dim.sum(difference, Dim.of(-constant));
            if (!rest.toString().contains("-")) {
                return new Requirement(rest, Dim.of(-constant), because);
            }
        }
        return new Requirement(a, b, because);
    }

    /** The slice as the language writes it, or a shorter description if printing it is long. */
    private static String text(Expr.Slice s) {
        String text;
        try {
            text = Printer.print(s, Format.ASCII);
        } catch (RuntimeException unprintable) {
            text = null;
        }
        return text != null && text.length() <= 60 ? text : "an entry of a " + s.operand().shape();
    }
}

package dev.chainrule.tests;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sizes of symbolic dimensions at which an expression makes sense: every size at least 1
 * ({@code n - 1} needs n ≥ 2) and every entry or block it takes inside its operand ({@code x[3]}
 * of a vector of length n needs n ≥ 3), which is what the interpreter and a generated class's
 * constructor check where sizes are bound.
 */
final class Sizes {
    private Sizes() {}

    /** The largest size a symbol is raised to. */
    static final int LIMIT = 6;

    /** Whether the expression makes sense at these sizes. */
    static boolean fit(Expr e, Map<String, Integer> sizes) {
        for (Expr node : Traversal.postOrder(e)) {
            if (value(node.shape().rows(), sizes) < 1 || value(node.shape().cols(), sizes) < 1) {
                return false;
            }
            if (node instanceof Expr.Slice s) {
                Dim lastRow = Dim.sum(s.row(), s.shape().rows());
                Dim lastCol = Dim.sum(s.column(), s.shape().cols());
                if (value(lastRow, sizes) > value(s.operand().shape().rows(), sizes)
                        || value(lastCol, sizes) > value(s.operand().shape().cols(), sizes)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code sizes}, with symbols raised together, one at a time, until the expression fits (or they reach the limit). */
    static Map<String, Integer> fitting(Expr e, Map<String, Integer> sizes) {
        Map<String, Integer> fitted = new HashMap<>(sizes);
        List<String> symbols = List.copyOf(Exprs.symbols(e));
        for (int round = 0; round < LIMIT && !fit(e, fitted); round++) {
            for (String symbol : symbols) {
                fitted.merge(symbol, 1, (a, b) -> Math.min(LIMIT, a + b));
            }
        }
        return fitted;
    }

    private static int value(Dim d, Map<String, Integer> sizes) {
        return d.value(symbol -> {
            Integer size = sizes.get(symbol);
            if (size == null) {
                throw new IllegalStateException("no size for " + symbol);
            }
            return size;
        });
    }
}

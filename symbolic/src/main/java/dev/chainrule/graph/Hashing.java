package dev.chainrule.graph;

/**
 * Hash codes for interned nodes in O(1): children count by identity, since equal children are
 * one object; labels (names, values, shapes, functions) by value.
 */
final class Hashing {
    private Hashing() {}

    /**
     * Equality of operator nodes: the same operator (and function) over the very same operands.
     * Operands are interned, so equal operands are one object and nothing recurses.
     */
    static boolean sameNode(Expr a, Object o) {
        if (a == o) {
            return true;
        }
        if (o == null || o.getClass() != a.getClass()) {
            return false;
        }
        Expr b = (Expr) o;
        if (a instanceof Expr.Apply x && x.fn() != ((Expr.Apply) b).fn()) {
            return false;
        }
        java.util.List<Expr> left = a.children();
        java.util.List<Expr> right = b.children();
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (left.get(i) != right.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Equality of operator nodes with labels besides their operands (a block's column count, a
     * slice's offsets): the same operator, equal labels, the very same operands.
     */
    static boolean sameNode(Expr a, Object o, java.util.function.Predicate<Expr> sameLabels) {
        return sameNode(a, o) && (a == o || sameLabels.test((Expr) o));
    }

    /** A hash of a list of operands by identity, as {@link #hash} takes one operand. */
    static int identities(java.util.List<Expr> operands) {
        int h = 1;
        for (Expr operand : operands) {
            h = 31 * h + System.identityHashCode(operand);
        }
        return h;
    }

    static int hash(Class<?> type, Object... parts) {
        int h = type.hashCode();
        for (Object part : parts) {
            int p = part instanceof Expr ? System.identityHashCode(part) : part.hashCode();
            h = 31 * h + p;
        }
        return h;
    }
}

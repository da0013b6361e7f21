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
        for (int i = 0; i < left.size(); i++) {
            if (left.get(i) != right.get(i)) {
                return false;
            }
        }
        return true;
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

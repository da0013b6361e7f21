package dev.chainrule.graph;

/**
 * Hash codes for interned nodes in O(1): children count by identity, since equal children are
 * one object; labels (names, values, shapes, functions) by value.
 */
final class Hashing {
    private Hashing() {}

    static int hash(Class<?> type, Object... parts) {
        int h = type.hashCode();
        for (Object part : parts) {
            int p = part instanceof Expr ? System.identityHashCode(part) : part.hashCode();
            h = 31 * h + p;
        }
        return h;
    }
}

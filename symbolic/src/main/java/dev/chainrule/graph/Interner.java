package dev.chainrule.graph;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hash-consing: one canonical object for every distinct node. Weak, so that graphs nobody holds
 * are collected, and synchronized, so that graphs may be built from several threads.
 */
final class Interner {
    private static final Map<Expr, WeakReference<Expr>> NODES = new WeakHashMap<>();

    private Interner() {}

    static synchronized Expr intern(Expr node) {
        WeakReference<Expr> existing = NODES.get(node);
        Expr canonical = existing == null ? null : existing.get();
        if (canonical != null) {
            return canonical;
        }
        NODES.put(node, new WeakReference<>(node));
        return node;
    }
}

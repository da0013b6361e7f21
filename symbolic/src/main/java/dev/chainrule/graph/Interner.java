package dev.chainrule.graph;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Hash-consing: one canonical object for every distinct node. Weak, so that graphs nobody holds
 * are collected, and synchronized, so that graphs may be built from several threads.
 *
 * <p>It is also the only place where nodes are constructed: {@link #intern} builds the candidate
 * node while it holds its lock and has {@link #building} set, and every record's constructor calls
 * {@link #requireFactory}, so that a node made with {@code new} anywhere else fails at once instead
 * of escaping the interning that equality by identity relies on.
 */
final class Interner {
    private static final Object LOCK = new Object();
    private static final Map<Expr, WeakReference<Expr>> NODES = new WeakHashMap<>();
    /** True only while {@link #intern} constructs a candidate; read and written under {@link #LOCK}. */
    private static boolean building;

    private Interner() {}

    /** The canonical node equal to the one {@code candidate} builds. */
    static Expr intern(Supplier<Expr> candidate) {
        synchronized (LOCK) {
            Expr node;
            building = true;
            try {
                node = candidate.get();
            } finally {
                building = false;
            }
            WeakReference<Expr> existing = NODES.get(node);
            Expr canonical = existing == null ? null : existing.get();
            if (canonical != null) {
                return canonical;
            }
            NODES.put(node, new WeakReference<>(node));
            return node;
        }
    }

    /** Called by every node's constructor: nodes are built by the factories of {@link Expr} only. */
    static void requireFactory() {
        if (!(building && Thread.holdsLock(LOCK))) {
            throw new IllegalStateException("expression nodes are built with the factories of Expr (Expr.add, "
                    + "Expr.product, ...), which check shapes and intern them; not with new");
        }
    }
}

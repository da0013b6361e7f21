package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A total order on terms that depends only on their structure: the smaller term first, then
 * operators compared by their printed form (over placeholders: {@code □0 + □1} of vectors,
 * {@code tanh(□0)}, the variable {@code x}), then operands left to right, in the same order (so
 * {@code x ⊙ cos(x²)} comes before {@code cos(x²) ⊙ x}, and {@code A + Aᵀ} before {@code Aᵀ + A}).
 * Extraction breaks ties with it, so that the result does not depend on the order in which rules
 * ran or terms were added. Walks with a stack, so deep terms are safe; shared subterms compare
 * equal at once (interned terms are equal only if identical).
 */
public final class TermOrder implements Comparator<Expr> {
    private final Map<Expr, String> keys = new IdentityHashMap<>();
    private final Map<Expr, Long> sizes = new IdentityHashMap<>();

    @Override
    public int compare(Expr a, Expr b) {
        Deque<Expr> left = new ArrayDeque<>();
        Deque<Expr> right = new ArrayDeque<>();
        left.push(a);
        right.push(b);
        while (!left.isEmpty()) {
            Expr x = left.pop();
            Expr y = right.pop();
            if (x == y) {
                continue;
            }
            int c = Long.compare(size(x), size(y));
            if (c == 0) {
                c = key(x).compareTo(key(y));
            }
            if (c != 0) {
                return c;
            }
            for (int i = x.children().size() - 1; i >= 0; i--) {
                left.push(x.children().get(i));
                right.push(y.children().get(i));
            }
        }
        return 0;
    }

    /** The number of nodes of the term as a tree (shared subterms counted each time), saturating. */
    private long size(Expr root) {
        Long known = sizes.get(root);
        if (known != null) {
            return known;
        }
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr node = stack.peek();
            if (sizes.containsKey(node)) {
                stack.pop();
                continue;
            }
            long size = 1;
            boolean ready = true;
            for (Expr child : node.children()) {
                Long s = sizes.get(child);
                if (s == null) {
                    stack.push(child);
                    ready = false;
                } else {
                    size = Math.min(Long.MAX_VALUE / 4, size + s);
                }
            }
            if (ready) {
                stack.pop();
                sizes.put(node, size);
            }
        }
        return sizes.get(root);
    }

    private String key(Expr e) {
        return keys.computeIfAbsent(e, node -> Operators.of(node).toString());
    }
}

package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@link Rules} to a fixpoint. Each pass rewrites the graph bottom-up, every distinct node
 * once (so shared subexpressions are simplified once), and at each node applies rules until none
 * applies. Rewriting ends: passes stop when one changes nothing, and both the passes and the rule
 * applications at one node are bounded, so even a cycle among rules cannot run forever.
 */
public final class Simplifier {
    private static final int MAX_PASSES = 64;
    private static final int MAX_STEPS_PER_NODE = 32;

    private final List<Rule> rules;

    public Simplifier(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Simplifies with every rule of {@link Rules#ALL}. */
    public static Expr simplify(Expr e) {
        return new Simplifier(Rules.ALL).run(e);
    }

    public Expr run(Expr e) {
        Expr current = e;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Expr next = pass(current);
            if (next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private Expr pass(Expr root) {
        Map<Expr, Expr> done = new IdentityHashMap<>();
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr node = stack.peek();
            if (done.containsKey(node)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (Expr child : node.children()) {
                if (!done.containsKey(child)) {
                    stack.push(child);
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            stack.pop();
            done.put(node, rewriteAt(rebuild(node, done)));
        }
        return done.get(root);
    }

    private static Expr rebuild(Expr node, Map<Expr, Expr> done) {
        List<Expr> children = node.children();
        List<Expr> rewritten = new ArrayList<>(children.size());
        boolean changed = false;
        for (Expr child : children) {
            Expr r = done.get(child);
            rewritten.add(r);
            changed |= r != child;
        }
        return changed ? node.withChildren(rewritten) : node;
    }

    private Expr rewriteAt(Expr node) {
        Expr current = node;
        for (int step = 0; step < MAX_STEPS_PER_NODE; step++) {
            Expr next = applyFirst(current);
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private Expr applyFirst(Expr node) {
        for (Rule rule : rules) {
            Expr result = rule.apply(node);
            if (result != null && result != node) {
                return result;
            }
        }
        return null;
    }
}

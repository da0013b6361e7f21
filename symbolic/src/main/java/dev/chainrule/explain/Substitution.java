package dev.chainrule.explain;

import dev.chainrule.graph.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces labels by their values, and the labels in those by theirs, until only the function's
 * variables are left. Labels' values refer only to earlier labels, so this ends; it walks the
 * graph without recursion, each distinct node once, so substituting into every step of a
 * derivation costs what the derivation's size does. Remembers what it has substituted.
 */
public final class Substitution {
    private final Map<Expr.Variable, Expr> values;
    private final Map<Expr, Expr> done = new IdentityHashMap<>();

    Substitution(Map<Expr.Variable, Expr> values) {
        this.values = values;
    }

    /** {@code e} with every label replaced by its value. */
    public Expr apply(Expr e) {
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(e);
        while (!stack.isEmpty()) {
            Expr node = stack.peek();
            if (done.containsKey(node)) {
                stack.pop();
                continue;
            }
            List<Expr> needed = needs(node);
            boolean ready = true;
            for (Expr n : needed) {
                if (!done.containsKey(n)) {
                    stack.push(n);
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            stack.pop();
            done.put(node, substituted(node));
        }
        return done.get(e);
    }

    /** What a node's substitution is made from: a label's value, or the node's operands. */
    private List<Expr> needs(Expr node) {
        Expr value = node instanceof Expr.Variable v ? values.get(v) : null;
        return value != null ? List.of(value) : node.children();
    }

    private Expr substituted(Expr node) {
        Expr value = node instanceof Expr.Variable v ? values.get(v) : null;
        if (value != null) {
            return done.get(value);
        }
        List<Expr> children = node.children();
        if (children.isEmpty()) {
            return node;
        }
        List<Expr> replaced = new ArrayList<>(children.size());
        boolean changed = false;
        for (Expr child : children) {
            Expr r = done.get(child);
            replaced.add(r);
            changed |= r != child;
        }
        return changed ? node.withChildren(replaced) : node;
    }
}

package dev.chainrule.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks over the DAG without recursion, so that graphs thousands of nodes deep are safe: every
 * distinct node once, children before parents.
 */
public final class Traversal {
    private Traversal() {}

    /**
     * {@code root} with each node for which {@code replacement} gives an expression replaced by it
     * (not looked into further), and the ancestors of replaced nodes rebuilt through the factories;
     * a node none of whose descendants is replaced is kept, the same object.
     */
    public static Expr replace(Expr root, java.util.function.Function<Expr, Expr> replacement) {
        Map<Expr, Expr> done = new IdentityHashMap<>();
        for (Expr node : postOrder(root)) {
            Expr replaced = replacement.apply(node);
            if (replaced != null) {
                done.put(node, replaced);
                continue;
            }
            List<Expr> children = node.children();
            List<Expr> rebuilt = new ArrayList<>(children.size());
            boolean changed = false;
            for (Expr child : children) {
                Expr r = done.get(child);
                rebuilt.add(r);
                changed |= r != child;
            }
            done.put(node, changed ? node.withChildren(rebuilt) : node);
        }
        return done.get(root);
    }

    /** Every distinct node reachable from {@code root}, each after all of its children. */
    public static List<Expr> postOrder(Expr root) {
        List<Expr> order = new ArrayList<>();
        Set<Expr> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Expr> stack = new ArrayDeque<>();
        Deque<Boolean> expanded = new ArrayDeque<>();
        stack.push(root);
        expanded.push(false);
        while (!stack.isEmpty()) {
            Expr node = stack.pop();
            boolean childrenDone = expanded.pop();
            if (childrenDone) {
                order.add(node);
                continue;
            }
            if (!visited.add(node)) {
                continue;
            }
            stack.push(node);
            expanded.push(true);
            List<Expr> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                if (!visited.contains(children.get(i))) {
                    stack.push(children.get(i));
                    expanded.push(false);
                }
            }
        }
        return order;
    }

    /** The number of distinct nodes: the cost of evaluating the graph once. */
    public static int size(Expr root) {
        return postOrder(root).size();
    }

    /** The nodes whose value depends on {@code variable}, the variable included. */
    public static Set<Expr> dependents(Expr root, Expr variable) {
        Set<Expr> dependent = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expr node : postOrder(root)) {
            if (node == variable || node.children().stream().anyMatch(dependent::contains)) {
                dependent.add(node);
            }
        }
        return dependent;
    }

    /** The variables a graph reads, by name, in order of first appearance. */
    public static Map<String, Expr.Variable> variables(Expr root) {
        Map<String, Expr.Variable> variables = new java.util.LinkedHashMap<>();
        for (Expr node : postOrder(root)) {
            if (node instanceof Expr.Variable v) {
                variables.putIfAbsent(v.name(), v);
            }
        }
        return variables;
    }
}

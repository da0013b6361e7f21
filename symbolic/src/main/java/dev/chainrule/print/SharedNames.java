package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expression rewritten so that its larger shared subexpressions are each written once, under a
 * name: {@code body} refers to names {@code t1, t2, …}, each defined in {@code definitions} in terms
 * of the variables and earlier names. Written as a tree, a graph with sharing can be exponentially
 * longer than the graph (the gradient of a chain of layers repeats each layer's value below every
 * later one); written this way it is linear in the number of distinct nodes.
 */
record SharedNames(Expr body, List<Definition> definitions) {
    /** A name and the expression it stands for. */
    record Definition(String name, Expr expr) {}

    /** The smallest subexpression worth a name: a function of a product, say, rather than {@code x + y}. */
    private static final int MIN_WEIGHT = 4;

    /** The size a node has when written as a tree, counting a named subexpression as one; saturating. */
    static long treeSize(Expr root) {
        Map<Expr, Long> size = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(root)) {
            long total = 1;
            for (Expr child : node.children()) {
                total = Math.min(total + size.get(child), Long.MAX_VALUE / 4);
            }
            size.put(node, total);
        }
        return size.get(root);
    }

    /** Names every subexpression used more than once whose tree is bigger than a few nodes. */
    static SharedNames of(Expr root) {
        List<Expr> order = Traversal.postOrder(root);
        Map<Expr, Integer> uses = new IdentityHashMap<>();
        for (Expr node : order) {
            for (Expr child : node.children()) {
                uses.merge(child, 1, Integer::sum);
            }
        }
        String prefix = freshPrefix(Traversal.variables(root).keySet());
        Map<Expr, Expr> replaced = new IdentityHashMap<>();
        Map<Expr, Long> weight = new IdentityHashMap<>();
        List<Definition> definitions = new ArrayList<>();
        for (Expr node : order) {
            List<Expr> children = node.children();
            List<Expr> rewritten = new ArrayList<>(children.size());
            long total = 1;
            for (Expr child : children) {
                rewritten.add(replaced.get(child));
                total = Math.min(total + weight.get(child), Long.MAX_VALUE / 4);
            }
            Expr expr = children.isEmpty() ? node : node.withChildren(rewritten);
            if (node != root && uses.getOrDefault(node, 0) > 1 && total >= MIN_WEIGHT) {
                String name = prefix + (definitions.size() + 1);
                definitions.add(new Definition(name, expr));
                replaced.put(node, Expr.variable(name, node.shape()));
                weight.put(node, 1L);
            } else {
                replaced.put(node, expr);
                weight.put(node, total);
            }
        }
        return new SharedNames(replaced.get(root), List.copyOf(definitions));
    }

    /** A letter no variable of the expression starts with, so that t1, t2, … are new names. */
    private static String freshPrefix(Set<String> variables) {
        for (String candidate : List.of("t", "s", "u", "v", "tmp")) {
            if (variables.stream().noneMatch(v -> v.startsWith(candidate))) {
                return candidate;
            }
        }
        return "shared_";
    }
}

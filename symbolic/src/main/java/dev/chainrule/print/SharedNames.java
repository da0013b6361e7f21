package dev.chainrule.print;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expression rewritten so that some of its subexpressions are each written once, under a name:
 * {@code body} refers to the names, each defined in {@code definitions} in terms of the variables
 * and earlier names. The names are those the caller gives (a function's local definitions, say)
 * and, where asked, {@code t1, t2, …} for the larger shared subexpressions: written as a tree, a
 * graph with sharing can be exponentially longer than the graph (the gradient of a chain of layers
 * repeats each layer's value below every later one); written this way it is linear in the number of
 * distinct nodes.
 *
 * @param treeSize the number of nodes written out, body and definitions together, a name counting
 *                 as one; saturating
 */
record SharedNames(Expr body, List<Definition> definitions, long treeSize) {
    /** A name and the expression it stands for. */
    record Definition(String name, Expr expr) {}

    /** The smallest subexpression worth a name: a function of a product, say, rather than {@code x + y}. */
    private static final int MIN_WEIGHT = 4;

    private static final long SATURATED = Long.MAX_VALUE / 4;

    /** The size a node has when written as a tree; saturating. */
    static long treeSize(Expr root) {
        Map<Expr, Long> size = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(root)) {
            long total = 1;
            for (Expr child : node.children()) {
                total = Math.min(total + size.get(child), SATURATED);
            }
            size.put(node, total);
        }
        return size.get(root);
    }

    /**
     * Names the subexpressions {@code given} names, wherever they occur below the root, and, if
     * {@code nameShared}, every other subexpression used more than once whose tree is bigger than a
     * few nodes. A given name that is already a name in the expression (a variable's, a dimension's,
     * or another given one) gets a suffix, {@code hidden_1}; the names {@code t1, t2, …} take a
     * letter that no name in the expression starts with.
     */
    static SharedNames of(Expr root, Map<Expr, String> given, boolean nameShared) {
        List<Expr> order = Traversal.postOrder(root);
        Map<Expr, Integer> uses = new IdentityHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Expr node : order) {
            for (Expr child : node.children()) {
                uses.merge(child, 1, Integer::sum);
            }
            if (node instanceof Expr.Variable v) {
                taken.add(v.name());
            } else if (node instanceof Expr.Size s) {
                taken.add(s.dim().toString());
            }
        }
        Map<Expr, String> chosen = new IdentityHashMap<>();
        for (Expr node : order) {
            String name = given.get(node);
            if (name != null && node != root) {
                chosen.put(node, unique(name, taken));
            }
        }
        String prefix = freshPrefix(taken);
        int shared = 0;

        Map<Expr, Expr> replaced = new IdentityHashMap<>();
        Map<Expr, Long> weight = new IdentityHashMap<>();
        List<Definition> definitions = new ArrayList<>();
        long written = 0;
        for (Expr node : order) {
            List<Expr> children = node.children();
            List<Expr> rewritten = new ArrayList<>(children.size());
            long total = 1;
            for (Expr child : children) {
                rewritten.add(replaced.get(child));
                total = Math.min(total + weight.get(child), SATURATED);
            }
            Expr expr = children.isEmpty() ? node : node.withChildren(rewritten);
            String name = chosen.get(node);
            if (name == null && nameShared && node != root && uses.getOrDefault(node, 0) > 1 && total >= MIN_WEIGHT) {
                name = prefix + ++shared;
            }
            if (name != null) {
                definitions.add(new Definition(name, expr));
                replaced.put(node, Expr.variable(name, node.shape()));
                weight.put(node, 1L);
                written = Math.min(written + total, SATURATED);
            } else {
                replaced.put(node, expr);
                weight.put(node, total);
            }
        }
        written = Math.min(written + weight.get(root), SATURATED);
        return new SharedNames(replaced.get(root), List.copyOf(definitions), written);
    }

    /** {@code name}, or {@code name_1}, {@code name_2}, … if it is taken; taken from then on. */
    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int k = 1; taken.contains(candidate); k++) {
            candidate = name + "_" + k;
        }
        taken.add(candidate);
        return candidate;
    }

    /** A letter no name of the expression starts with, so that t1, t2, … are new names. */
    private static String freshPrefix(Set<String> names) {
        for (String candidate : List.of("t", "s", "u", "v", "tmp")) {
            if (names.stream().noneMatch(v -> v.startsWith(candidate))) {
                return candidate;
            }
        }
        return "shared_";
    }
}

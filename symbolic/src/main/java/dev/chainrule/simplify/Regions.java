package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Simplification of a graph too large for one search: the search runs per region. A region is a
 * tree of the graph between shared nodes: its top is the root, a node used more than once, or a
 * node whose region below it has grown to {@code cap} nodes (so a chain ten thousand deep is cut);
 * below, it reaches to other regions' tops, which it sees as atoms, variables standing for their
 * simplified forms. Regions are simplified bottom-up, each once, however often it is used, so the
 * work is linear in the size of the graph; what a rule would see across a region's edge is lost,
 * which the greedy rewriter, run over the whole graph first, makes up for in part.
 */
final class Regions {
    private static final String ATOM = "⟦";

    private Regions() {}

    /** The search of one region. */
    interface Search {
        /**
         * The simplified form of a region's term, a term over atoms: given which of its variables
         * stand for symmetric atoms, and how to turn a term over the atoms into a term of the graph.
         */
        Expr simplify(Expr term, Predicate<Expr.Variable> symmetric, java.util.function.UnaryOperator<Expr> graphTerm);
    }

    static Expr simplify(Expr root, int cap, Search search) {
        List<Expr> order = Traversal.postOrder(root);
        Map<Expr, Integer> uses = new IdentityHashMap<>();
        for (Expr node : order) {
            for (Expr child : node.children()) {
                uses.merge(child, 1, Integer::sum);
            }
        }
        Map<Expr, Integer> regionSize = new IdentityHashMap<>();
        Map<Expr, Boolean> isTop = new IdentityHashMap<>();
        for (Expr node : order) {
            int size = 1;
            for (Expr child : node.children()) {
                if (!isTop.get(child)) {
                    size += regionSize.get(child);
                }
            }
            boolean top = node == root || !node.children().isEmpty()
                    && (uses.getOrDefault(node, 0) > 1 || size >= cap);
            isTop.put(node, top);
            regionSize.put(node, size);
        }
        // Bottom-up: each node's term within its region, atoms for the tops below; each top simplified.
        Map<Expr, Expr> simplified = new IdentityHashMap<>();
        Map<Expr, Expr> regionTerm = new IdentityHashMap<>();
        Map<Expr.Variable, Expr> atoms = new IdentityHashMap<>();
        Map<Expr, Expr> atomOf = new IdentityHashMap<>();
        StructuralFacts facts = new StructuralFacts();
        for (Expr node : order) {
            if (node.children().isEmpty()) {
                regionTerm.put(node, node);
                if (isTop.get(node)) {
                    simplified.put(node, node);
                }
                continue;
            }
            List<Expr> operands = new ArrayList<>(node.children().size());
            for (Expr child : node.children()) {
                operands.add(isTop.get(child) ? atom(simplified.get(child), atoms, atomOf) : regionTerm.get(child));
            }
            Expr term = node.withChildren(operands);
            regionTerm.put(node, term);
            if (isTop.get(node)) {
                Expr result = term.children().isEmpty() ? term
                        : search.simplify(term,
                                v -> atoms.containsKey(v) ? facts.isSymmetric(atoms.get(v)) : Symmetry.declared(v),
                                t -> substitute(t, atoms));
                simplified.put(node, substitute(result, atoms));
            }
        }
        return simplified.get(root);
    }

    /** A variable standing for a simplified region top; a leaf stands for itself. */
    private static Expr atom(Expr value, Map<Expr.Variable, Expr> atoms, Map<Expr, Expr> atomOf) {
        if (value.children().isEmpty()) {
            return value;
        }
        return atomOf.computeIfAbsent(value, x -> {
            Expr.Variable v = (Expr.Variable) Expr.variable(ATOM + atoms.size() + "⟧", x.shape());
            atoms.put(v, x);
            return v;
        });
    }

    private static Expr substitute(Expr term, Map<Expr.Variable, Expr> atoms) {
        Map<Expr, Expr> done = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(term)) {
            if (node instanceof Expr.Variable v && atoms.containsKey(v)) {
                done.put(node, atoms.get(v));
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
        return done.get(term);
    }
}

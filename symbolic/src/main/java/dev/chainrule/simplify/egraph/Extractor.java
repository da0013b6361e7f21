package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cheapest term of every class: costs to a fixpoint over the classes (a class costs its
 * cheapest e-node), then, from the cheapest classes up, each class's term built on its cheapest
 * e-node over its operands' chosen terms; where several e-nodes cost the same, the least term by a
 * total order on terms wins, so the result depends on nothing but what the graph holds.
 */
public final class Extractor<C extends Comparable<C>> {
    private final EGraph graph;
    // By class id (ids are dense): arrays, as these are read for every node of every class.
    private final Object[] costs;
    private final Expr[] terms;
    private final ENode[] chosen;
    private final Object[] chosenCosts;

    public Extractor(EGraph graph, CostModel<C> model, Comparator<Expr> order) {
        this.graph = graph;
        int ids = graph.termCount();
        costs = new Object[ids];
        terms = new Expr[ids];
        chosen = new ENode[ids];
        chosenCosts = new Object[ids];
        List<EClass> classes = graph.classes();
        // Costs to a fixpoint: each pass, a class costs its cheapest node given its operands' costs
        // now. A cost need not be monotone in its operands' (a penalty may look at an operand's top
        // node), so a class's cost is recomputed, not only lowered, and the passes are bounded.
        boolean changed = true;
        for (int pass = 0; changed && pass < 4 * classes.size() + 8; pass++) {
            changed = false;
            for (EClass c : classes) {
                C best = null;
                for (ENode node : c.nodes) {
                    C cost = costOf(model, node);
                    if (cost != null && (best == null || cost.compareTo(best) < 0)) {
                        best = cost;
                    }
                }
                if (best != null && !best.equals(costs[c.id])) {
                    costs[c.id] = best;
                    changed = true;
                }
            }
        }
        // Terms, cheapest classes first, so that operands come before the nodes over them.
        List<EClass> pending = new ArrayList<>();
        for (EClass c : classes) {
            if (costs[c.id] != null) {
                pending.add(c);
            }
        }
        pending.sort((x, y) -> cost(x.id, costs).compareTo(cost(y.id, costs)));
        while (!pending.isEmpty()) {
            List<EClass> deferred = new ArrayList<>();
            for (EClass c : pending) {
                if (!choose(c, model, order)) {
                    deferred.add(c);
                }
            }
            if (deferred.size() == pending.size()) {
                break;   // cannot happen for a cost larger than its operands'
            }
            pending = deferred;
        }
    }

    /**
     * The class's cheapest node over its operands' chosen ones; among equally cheap nodes, the one
     * whose term is least (the only case where terms are built here: otherwise on demand).
     */
    private boolean choose(EClass c, CostModel<C> model, Comparator<Expr> order) {
        C best = null;
        List<ENode> tied = new ArrayList<>(1);
        for (ENode node : c.nodes) {
            C cost = chosenCostOf(model, node);
            if (cost == null) {
                continue;
            }
            int compared = best == null ? -1 : cost.compareTo(best);
            if (compared < 0) {
                best = cost;
                tied.clear();
                tied.add(node);
            } else if (compared == 0) {
                tied.add(node);
            }
        }
        if (best == null) {
            return false;
        }
        ENode bestNode = tied.get(0);
        Expr bestTerm = null;
        if (tied.size() > 1) {
            for (ENode node : tied) {
                Expr term = build(node);
                if (bestTerm == null || order.compare(term, bestTerm) < 0) {
                    bestTerm = term;
                    bestNode = node;
                }
            }
        }
        terms[c.id] = bestTerm;
        chosen[c.id] = bestNode;
        chosenCosts[c.id] = best;
        return true;
    }

    /** A node's cost over the costs of its operands' chosen terms; null if one has none yet. */
    private C chosenCostOf(CostModel<C> model, ENode node) {
        List<C> operands = new ArrayList<>(node.arity());
        for (int i = 0; i < node.arity(); i++) {
            C cost = cost(graph.find(node.child(i)), chosenCosts);
            if (cost == null) {
                return null;
            }
            operands.add(cost);
        }
        return model.cost(node, operands);
    }

    private C costOf(CostModel<C> model, ENode node) {
        List<C> operands = new ArrayList<>(node.arity());
        for (int i = 0; i < node.arity(); i++) {
            C cost = cost(graph.find(node.child(i)), costs);
            if (cost == null) {
                return null;
            }
            operands.add(cost);
        }
        return model.cost(node, operands);
    }

    /** The node over its operands' cheapest terms. */
    private Expr build(ENode node) {
        List<Expr> operands = new ArrayList<>(node.arity());
        for (int i = 0; i < node.arity(); i++) {
            operands.add(best(node.child(i)));
        }
        return Operators.apply(node.operator(), operands);
    }

    @SuppressWarnings("unchecked")
    private C cost(int id, Object[] of) {
        return (C) of[id];
    }

    /** The cheapest term of the class of {@code id}, built on first demand (operands first, with a stack). */
    public Expr best(int id) {
        int root = graph.find(id);
        if (root >= terms.length || chosen[root] == null) {
            return null;
        }
        if (terms[root] != null) {
            return terms[root];
        }
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            int c = stack.peek();
            if (terms[c] != null) {
                stack.pop();
                continue;
            }
            ENode node = chosen[c];
            boolean ready = true;
            for (int i = 0; i < node.arity(); i++) {
                int child = graph.find(node.child(i));
                if (terms[child] == null) {
                    stack.push(child);
                    ready = false;
                }
            }
            if (ready) {
                stack.pop();
                List<Expr> operands = new ArrayList<>(node.arity());
                for (int i = 0; i < node.arity(); i++) {
                    operands.add(terms[graph.find(node.child(i))]);
                }
                terms[c] = Operators.apply(node.operator(), operands);
            }
        }
        return terms[root];
    }

    /** Its cost. */
    public C cost(int id) {
        int root = graph.find(id);
        return root < chosenCosts.length ? cost(root, chosenCosts) : null;
    }

    /** The e-node the cheapest term of the class of {@code id} is built on. */
    public ENode chosen(int id) {
        int root = graph.find(id);
        return root < chosen.length ? chosen[root] : null;
    }
}

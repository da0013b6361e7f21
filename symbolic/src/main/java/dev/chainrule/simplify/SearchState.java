package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.FunctionNames;
import dev.chainrule.simplify.egraph.EClass;
import dev.chainrule.simplify.egraph.EGraph;
import dev.chainrule.simplify.egraph.ENode;
import dev.chainrule.simplify.egraph.Extractor;
import dev.chainrule.simplify.egraph.TermOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every rewrite of one iteration reads, computed once before the iteration's searches: the
 * cheapest term of every class (the representative a pattern name or a computed rule's operand
 * stands for), and which classes hold e-nodes of which operator (where a pattern's top can match).
 */
final class SearchState {
    static final ReaderCost COST = new ReaderCost();

    private final EGraph graph;
    private final TermOrder order = new TermOrder();
    private Extractor<ReaderCost.Cost> extractor;
    private final Map<String, List<Integer>> byOperator = new HashMap<>();
    private final GraphFacts facts;
    /** How far below its top a rule looks: a change deeper than this cannot give it a new match. */
    private final int depth;
    /** The e-node each class's representative was built on, in the last iteration. */
    private ENode[] representedBy = new ENode[0];
    /** How far each class is above one that changed since the last iteration (or more than {@link #depth}). */
    private int[] distance = new int[0];
    private final List<Integer> changedClasses = new ArrayList<>();

    SearchState(EGraph graph, int depth, java.util.function.Predicate<Expr.Variable> symmetricVariables) {
        this.graph = graph;
        this.facts = new GraphFacts(graph, symmetricVariables);
        this.depth = depth;
    }

    /**
     * Before an iteration: the cheapest terms, the operator index, and the classes where a rule
     * can match anew (semi-naive search): those the graph changed or whose representative changed
     * since the last iteration, and their ancestors up to the rule's depth. Elsewhere every match
     * was found before.
     */
    void refresh(EGraph g) {
        extractor = new Extractor<>(graph, COST, order);
        Set<Integer> changed = graph.takeTouched();
        List<EClass> classes = graph.classes();
        changed.addAll(representativesChanged(classes));
        distance = new int[graph.termCount()];
        java.util.Arrays.fill(distance, Integer.MAX_VALUE);
        for (int id : changed) {
            distance[id] = 0;
        }
        Set<Integer> frontier = changed;
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            Set<Integer> next = new LinkedHashSet<>();
            for (int id : frontier) {
                for (int parent : graph.parents(id)) {
                    if (distance[parent] == Integer.MAX_VALUE) {
                        distance[parent] = level;
                        next.add(parent);
                    }
                }
            }
            frontier = next;
        }
        changedClasses.clear();
        byOperator.clear();
        for (EClass c : classes) {
            if (distance[c.id()] > depth) {
                continue;
            }
            if (distance[c.id()] == 0) {
                changedClasses.add(c.id());
            }
            Set<String> keys = new LinkedHashSet<>();
            for (ENode n : c.nodes()) {
                keys.add(key(n.operator()));
            }
            if (c.constant() != null) {
                keys.add("Constant");
            }
            for (String k : keys) {
                byOperator.computeIfAbsent(k, x -> new ArrayList<>()).add(c.id());
            }
        }
    }

    EGraph graph() {
        return graph;
    }

    GraphFacts facts() {
        return facts;
    }

    Expr representative(int id) {
        return extractor.best(id);
    }

    /**
     * The classes whose representative differs from the last iteration's: built on another
     * e-node, or on one whose operands' representatives differ. Operands first, with a stack.
     */
    private Set<Integer> representativesChanged(List<EClass> classes) {
        int ids = graph.termCount();
        byte[] state = new byte[ids];   // 0 unknown, 1 same, 2 changed
        Set<Integer> changed = new LinkedHashSet<>();
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        for (EClass c : classes) {
            stack.push(c.id());
            while (!stack.isEmpty()) {
                int id = stack.peek();
                if (state[id] != 0) {
                    stack.pop();
                    continue;
                }
                ENode node = extractor.chosen(id);
                boolean ready = true;
                boolean operandChanged = false;
                for (int i = 0; node != null && i < node.arity(); i++) {
                    int child = graph.find(node.child(i));
                    if (state[child] == 0) {
                        stack.push(child);
                        ready = false;
                    } else if (state[child] == 2) {
                        operandChanged = true;
                    }
                }
                if (!ready) {
                    continue;
                }
                stack.pop();
                ENode before = id < representedBy.length ? representedBy[id] : null;
                boolean differs = operandChanged || node == null || !node.equals(before);
                state[id] = (byte) (differs ? 2 : 1);
                if (differs) {
                    changed.add(id);
                }
            }
        }
        representedBy = new ENode[ids];
        for (EClass c : classes) {
            representedBy[c.id()] = extractor.chosen(c.id());
        }
        return changed;
    }

    /**
     * Whether a rule that looks {@code reach} levels below its top may match anew in the class
     * (canonical id): a class at most that far above one that changed.
     */
    boolean mayMatchAnew(int id, int reach) {
        return id < distance.length && distance[id] <= reach;
    }

    /** The classes that changed since the last iteration (or whose representative did), in the order they were made. */
    List<Integer> changedClasses() {
        return changedClasses;
    }

    /** The classes holding an e-node of the operator with this key ({@link #key}), among those where a match may be new. */
    List<Integer> classesWith(String key) {
        return byOperator.getOrDefault(key, List.of());
    }

    /** An operator's key: the name the language calls it by, or the name of its kind of node. */
    static String key(Expr operator) {
        String name = FunctionNames.of(operator);
        return name != null ? name : operator.getClass().getSimpleName();
    }
}

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
    private Expr[] representatives = new Expr[0];
    private boolean[] dirty = new boolean[0];
    private final List<Integer> dirtyClasses = new ArrayList<>();

    SearchState(EGraph graph, int depth, java.util.function.Predicate<Expr.Variable> symmetricVariables) {
        this.graph = graph;
        this.facts = new GraphFacts(graph, symmetricVariables);
        this.depth = depth;
    }

    /**
     * Before an iteration: the cheapest terms, the operator index, and the classes where a rule
     * can match anew (semi-naive search): those the graph changed or whose representative changed
     * since the last iteration, and their ancestors up to the rules' depth. Elsewhere every match
     * was found before.
     */
    void refresh(EGraph g) {
        extractor = new Extractor<>(graph, COST, order);
        Set<Integer> changed = graph.takeTouched();
        List<EClass> classes = graph.classes();
        Expr[] current = new Expr[graph.termCount()];
        for (EClass c : classes) {
            Expr rep = extractor.best(c.id());
            current[c.id()] = rep;
            if (c.id() >= representatives.length || representatives[c.id()] != rep) {
                changed.add(c.id());
            }
        }
        representatives = current;
        dirty = new boolean[graph.termCount()];
        for (int id : changed) {
            dirty[id] = true;
        }
        Set<Integer> frontier = changed;
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            Set<Integer> next = new LinkedHashSet<>();
            for (int id : frontier) {
                for (int parent : graph.parents(id)) {
                    if (!dirty[parent]) {
                        dirty[parent] = true;
                        next.add(parent);
                    }
                }
            }
            frontier = next;
        }
        dirtyClasses.clear();
        byOperator.clear();
        for (EClass c : classes) {
            if (!dirty[c.id()]) {
                continue;
            }
            dirtyClasses.add(c.id());
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
        return representatives[graph.find(id)];
    }

    /** Whether a rule may match anew in the class (canonical id) in this iteration. */
    boolean isDirty(int id) {
        return id < dirty.length && dirty[id];
    }

    /** The classes where a rule may match anew in this iteration, in the order they were made. */
    List<Integer> dirtyClasses() {
        return dirtyClasses;
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

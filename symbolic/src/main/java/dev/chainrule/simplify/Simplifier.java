package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.simplify.egraph.RewriteStep;
import dev.chainrule.simplify.egraph.Runner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Simplification, the entry point every stage calls: the simplest equivalent form of a term, by
 * equality saturation over an e-graph (see docs/rules.md). The term, joined by the greedy
 * rewriter's canonical form of it, goes into an e-graph; every rule of {@link Rules#ALL} is applied
 * there non-destructively until nothing new is learnt or a limit is met; the cheapest member of the
 * term's class by {@link ReaderCost} is the result, searched again until it is a fixpoint. Since
 * every form found stays in the graph, the result depends neither on the order of the rules nor on
 * the path taken, and a shorter form reached only through a longer one is found.
 *
 * <p>A graph too large for one search (thousands of nodes: a deep network's gradient) is searched
 * per region ({@link Regions}) after the greedy rewriter has run over the whole of it, so that the
 * work stays linear in its size.
 */
public final class Simplifier {
    /**
     * The system property that picks the simplifier for every stage: {@code greedy} runs the greedy
     * rewriter alone, as chainrule did before the search (for comparisons: the benchmarks time both);
     * anything else, or nothing, the search.
     */
    public static final String STRATEGY_PROPERTY = "chainrule.simplifier";

    /** At most this many iterations of one search. */
    private static final int ITERATIONS = 15;
    /** A search stops once its graph holds this many e-nodes per node of its term (and at least 1,000). */
    private static final int NODES_PER_TERM_NODE = 20;
    /** ... or after this long: a guard against a pathological term, never met in practice. */
    private static final long TIME_LIMIT_NANOS = 2_000_000_000L;
    /** A rewrite finding more than this many matches in one iteration is banned for a few. */
    private static final int MATCH_LIMIT = 1_000;
    private static final int BAN_LENGTH = 5;
    /** At most this many searches of a result, to reach a fixpoint. */
    private static final int MAX_ROUNDS = 4;
    /** A graph of more nodes than this (or whose printed tree is ten times larger) is searched per region. */
    private static final int SEARCH_SIZE = 400;
    /** The most nodes of a region. */
    private static final int REGION_SIZE = 120;
    /** A region of fewer nodes than this is left as the greedy rewriter made it. */
    private static final int SMALLEST_REGION = 4;
    /** An explanation longer than this is an error (explain the parts of a term that large). */
    private static final int MAX_STEPS = 100_000;

    private static final Simplifier DEFAULT = new Simplifier(Rules.ALL);

    private final List<Rule> rules;
    /** How deep below its top the deepest rule looks. */
    private final int depth;

    private Simplifier(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        int deepest = 1;
        for (Rule rule : rules) {
            deepest = Math.max(deepest, RuleRewrite.depth(rule));
        }
        this.depth = deepest;
    }

    /** A simplifier searching with these rules (in any order: the result does not depend on it). */
    public static Simplifier withRules(List<Rule> rules) {
        return new Simplifier(rules);
    }

    /** The simplest equivalent form of {@code e}. */
    public static Expr simplify(Expr e) {
        return "greedy".equals(System.getProperty(STRATEGY_PROPERTY)) ? greedy(e) : DEFAULT.run(e);
    }

    /** How {@link #simplify} gets from {@code e} to its result: the rewrites, each one rule at one place. */
    public static Explanation explain(Expr e) {
        return DEFAULT.explainRun(e);
    }

    /**
     * The length simplification never increases: the nodes of the term as printed (a shared
     * subterm counted wherever it is printed) and the parentheses that a transpose or an inverse of
     * a product, and a sum nested on the right of a sum, need. The first measure of {@link ReaderCost}.
     */
    public static long length(Expr e) {
        return ReaderCost.length(e);
    }

    /** The greedy rewriter alone, as chainrule simplified before the search: for comparison. */
    public static Expr greedy(Expr e) {
        return new GreedyRewriter(Rules.CANONICAL).run(e);
    }

    public Expr run(Expr e) {
        return simplify(e, null);
    }

    public Explanation explainRun(Expr e) {
        Whole whole = new Whole(e);
        Expr result = simplify(e, whole);
        if (whole.current != result) {
            throw new IllegalStateException("the explanation does not end in the result");
        }
        return new Explanation(e, result, whole.steps);
    }

    /** Simplifies {@code e}; where {@code whole} is given, records the steps in it. */
    private Expr simplify(Expr e, Whole whole) {
        if (e.children().isEmpty()) {
            return e;
        }
        if (!tooLargeForOneSearch(e)) {
            return search(e, Symmetry::declared, MAX_ROUNDS, true, whole == null ? null : whole::rewrittenAt);
        }
        Expr canonical = whole == null ? greedy(e)
                : new GreedyRewriter(Rules.CANONICAL,
                        (before, after, rule) -> whole.rewroteNode(rule.name(), true, before, after)).run(e);
        return Regions.simplify(canonical, REGION_SIZE, (term, symmetric, graphTerm) -> {
            if (Traversal.size(term) < SMALLEST_REGION) {
                return term;
            }
            StepSink region = whole == null ? null : (rule, forward, before, after) ->
                    whole.rewroteNode(rule, forward, graphTerm.apply(before), graphTerm.apply(after));
            return search(term, symmetric, 1, false, region);
        });
    }

    private static boolean tooLargeForOneSearch(Expr e) {
        List<Expr> nodes = Traversal.postOrder(e);
        if (nodes.size() > SEARCH_SIZE) {
            return true;
        }
        Map<Expr, Long> tree = new IdentityHashMap<>();
        for (Expr node : nodes) {
            long size = 1;
            for (Expr child : node.children()) {
                size = Math.min(Long.MAX_VALUE / 4, size + tree.get(child));
            }
            tree.put(node, size);
        }
        return tree.get(e) > 10L * SEARCH_SIZE;
    }

    /** Where a search reports its rewrites: the whole term before and after each. */
    private interface StepSink {
        void rewrote(String rule, boolean forward, Expr before, Expr after);
    }

    /**
     * Searches to a fixpoint: the result of a search searched again (at most {@code rounds}
     * times) until a search finds nothing simpler.
     */
    private Expr search(Expr e, Predicate<Expr.Variable> symmetric, int rounds, boolean greedyFirst, StepSink steps) {
        Expr current = e;
        for (int round = 0; round < rounds; round++) {
            int nodes = Math.max(1_000, NODES_PER_TERM_NODE * Traversal.size(current));
            Runner.Limits limits = new Runner.Limits(ITERATIONS, nodes, TIME_LIMIT_NANOS, MATCH_LIMIT, BAN_LENGTH);
            Saturation.Outcome outcome = Saturation.run(current, rules, depth, limits, symmetric, greedyFirst);
            Expr next = outcome.best();
            if (next == current || SearchState.COST.of(next).compareTo(SearchState.COST.of(current)) >= 0) {
                return current;   // a fixpoint: searching the result again finds nothing simpler
            }
            if (steps != null) {
                for (RewriteStep step : outcome.explain(MAX_STEPS)) {
                    steps.rewrote(step.rule(), step.forward(), step.before(), step.after());
                }
            }
            current = next;
        }
        return current;
    }

    /** The whole term as an explanation goes along, and its steps so far. */
    private static final class Whole {
        Expr current;
        final List<Explanation.Step> steps = new ArrayList<>();

        Whole(Expr input) {
            this.current = input;
        }

        /** A rewrite of the whole term (a search of all of it): at the place where the two differ. */
        void rewrittenAt(String rule, boolean forward, Expr before, Expr after) {
            if (before != current) {
                throw new IllegalStateException("a step does not start where the last ended");
            }
            steps.add(new Explanation.Step(rule, forward, Explanation.difference(before, after), false, before, after));
            current = after;
        }

        /** A rewrite of a node of the graph, at every use of it (the greedy rewriter's, or a region's). */
        void rewroteNode(String rule, boolean forward, Expr node, Expr replacement) {
            List<Integer> position = Explanation.firstUse(current, node);
            if (position == null || node == replacement) {
                return;   // a node no longer used: another rewrite reached it first
            }
            Expr after = Explanation.replaceEverywhere(current, node, replacement);
            steps.add(new Explanation.Step(rule, forward, position, true, current, after));
            current = after;
        }
    }
}

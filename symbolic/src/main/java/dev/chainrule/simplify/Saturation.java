package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.egraph.EGraph;
import dev.chainrule.simplify.egraph.ENode;
import dev.chainrule.simplify.egraph.Operators;
import dev.chainrule.simplify.egraph.RewriteStep;
import dev.chainrule.simplify.egraph.Extractor;
import dev.chainrule.simplify.egraph.Justification;
import dev.chainrule.simplify.egraph.Rewrite;
import dev.chainrule.simplify.egraph.Runner;
import dev.chainrule.simplify.egraph.TermOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One search for the simplest form of a term: the term into a fresh e-graph, the greedy rewriter's
 * canonical form of it joined to it (each of its rewrites a union with the rule's name), the rules
 * run to saturation or a limit, and the cheapest member of the term's class extracted.
 */
final class Saturation {
    private Saturation() {}

    /** The graph the search built, the term's id in it, its cheapest equivalent, and how the run went. */
    record Outcome(EGraph graph, int root, Expr best, Runner.Report report, Extractor<ReaderCost.Cost> extractor) {
        /**
         * The rewrites from the term to {@link #best}, each at one place of the whole term. Where
         * building the cheapest term folded a node ({@code −(c)} is the constant {@code −c}), the
         * folded node is first joined to its class, so that the path exists.
         */
        List<RewriteStep> explain(int maxSteps) {
            linkFolds();
            int to = graph.add(best);
            if (graph.find(to) != graph.find(root)) {
                throw new IllegalStateException("the extracted term is not in the class of the term simplified: " + best);
            }
            return graph.explain(root, to, maxSteps);
        }

        /** For every class of the extracted term (operands first) whose term the factories folded: a fold union. */
        private void linkFolds() {
            java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
            java.util.Set<Integer> done = new java.util.HashSet<>();
            stack.push(graph.find(root));
            while (!stack.isEmpty()) {
                int c = graph.find(stack.peek());
                if (done.contains(c)) {
                    stack.pop();
                    continue;
                }
                ENode node = extractor.chosen(c);
                boolean ready = true;
                for (int i = 0; i < node.arity(); i++) {
                    int child = graph.find(node.child(i));
                    if (!done.contains(child)) {
                        stack.push(child);
                        ready = false;
                    }
                }
                if (!ready) {
                    continue;
                }
                stack.pop();
                done.add(c);
                Expr built = extractor.best(c);
                if (Operators.of(built) != node.operator()) {
                    int[] operands = new int[node.arity()];
                    for (int i = 0; i < operands.length; i++) {
                        operands[i] = graph.add(extractor.best(node.child(i)));
                    }
                    Integer member = graph.memberWith(node);
                    if (member == null) {
                        // An earlier fold joined one of its operands' classes: the memo catches up on rebuild.
                        graph.rebuild();
                        member = graph.memberWith(node);
                    }
                    graph.union(member, graph.add(built), new Justification.Fold(operands));
                }
            }
            graph.rebuild();
        }
    }

    /**
     * @param greedyFirst      whether to join the greedy rewriter's form first (not needed where
     *                         the term is that form already)
     * @param depth            how deep below its top the deepest rule looks
     */
    static Outcome run(Expr e, List<Rule> rules, int depth, Runner.Limits limits,
                       Predicate<Expr.Variable> symmetricVariables, boolean greedyFirst) {
        EGraph graph = new EGraph(new SymmetryAnalysis(symmetricVariables));
        int root = graph.add(e);
        if (greedyFirst) {
            new GreedyRewriter(Rules.CANONICAL, (before, after, rule) ->
                    graph.union(graph.add(before), graph.add(after), new Justification.Rule(rule.name()))).run(e);
        }
        SearchState state = new SearchState(graph, depth, symmetricVariables);
        List<Rewrite> rewrites = new ArrayList<>();
        for (Rule rule : rules) {
            rewrites.add(new RuleRewrite(rule, state));
        }
        Runner.Report report = new Runner(limits).run(graph, rewrites, state::refresh);
        Extractor<ReaderCost.Cost> extractor = new Extractor<>(graph, SearchState.COST, new TermOrder());
        return new Outcome(graph, root, extractor.best(root), report, extractor);
    }
}

package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A flat explanation of why two terms of an e-graph are equal (egg's {@code FlatExplanation}):
 * the rule applications, in order, that turn the first into the second, each at one place of the
 * whole term. Read off the {@link ProofForest}: the path between the two terms, where a rule edge
 * is one step and a congruence edge the explanations of its operands, one after the other, in the
 * context of the rest of the term.
 *
 * <p>Worked with an explicit stack rather than recursion, since terms may be thousands deep.
 */
final class Explainer {
    /** Where a subterm sits: inside an operator whose other operands are given, itself inside a context. */
    private record Context(Context outer, Expr operator, List<Expr> operands, int hole) {
        static Expr fill(Context context, Expr term) {
            Expr whole = term;
            for (Context c = context; c != null; c = c.outer) {
                List<Expr> operands = new ArrayList<>(c.operands);
                operands.set(c.hole, whole);
                whole = Operators.apply(c.operator, operands);
            }
            return whole;
        }
    }

    private sealed interface Task {}

    private record Explain(int from, int to, Context context) implements Task {}

    private record Emit(String rule, boolean forward, int from, int to, Context context) implements Task {}

    private final EGraph graph;
    private final int maxSteps;

    Explainer(EGraph graph, int maxSteps) {
        this.graph = graph;
        this.maxSteps = maxSteps;
    }

    /** The steps from term {@code from} to term {@code to}, which must be equal in the graph. */
    List<RewriteStep> explain(int from, int to) {
        List<RewriteStep> steps = new ArrayList<>();
        Deque<Task> tasks = new ArrayDeque<>();
        tasks.push(new Explain(from, to, null));
        while (!tasks.isEmpty()) {
            Task task = tasks.pop();
            if (task instanceof Emit e) {
                if (steps.size() >= maxSteps) {
                    throw new IllegalStateException("the explanation is longer than " + maxSteps + " steps");
                }
                steps.add(new RewriteStep(e.rule, e.forward, Context.fill(e.context, graph.term(e.from)),
                        Context.fill(e.context, graph.term(e.to))));
                continue;
            }
            Explain x = (Explain) task;
            if (x.from == x.to) {
                continue;
            }
            List<ProofForest.Edge> path = graph.proofs().path(x.from, x.to);
            List<Task> sequence = new ArrayList<>();
            for (ProofForest.Edge edge : path) {
                expand(edge, x.context, sequence);
            }
            for (int i = sequence.size() - 1; i >= 0; i--) {
                tasks.push(sequence.get(i));
            }
        }
        return steps;
    }

    /** The tasks that explain one edge: a step for a rule, the operands one by one for congruence and folding. */
    private void expand(ProofForest.Edge edge, Context context, List<Task> out) {
        if (edge.why() instanceof Justification.Rule rule) {
            out.add(new Emit(rule.name(), edge.forward(), edge.from(), edge.to(), context));
            return;
        }
        Expr fromTerm = graph.term(edge.from());
        Expr toTerm = graph.term(edge.to());
        int[] fromOperands;
        int[] toOperands;
        Expr operator;
        if (edge.why() instanceof Justification.Fold fold) {
            // A fold edge runs from the operator over the term's own operands to the folded term;
            // the operands it folded over stand in for the folded term's.
            boolean unfolding = !edge.forward();
            Expr unfolded = unfolding ? toTerm : fromTerm;
            operator = Operators.of(unfolded);
            int[] own = operandIds(unfolded);
            fromOperands = unfolding ? fold.operands() : own;
            toOperands = unfolding ? own : fold.operands();
        } else {
            operator = Operators.of(fromTerm);
            fromOperands = operandIds(fromTerm);
            toOperands = operandIds(toTerm);
        }
        List<Expr> current = new ArrayList<>();
        for (int operand : fromOperands) {
            current.add(graph.term(operand));
        }
        for (int i = 0; i < fromOperands.length; i++) {
            out.add(new Explain(fromOperands[i], toOperands[i], new Context(context, operator, List.copyOf(current), i)));
            current.set(i, graph.term(toOperands[i]));
        }
    }

    private int[] operandIds(Expr term) {
        List<Expr> children = term.children();
        int[] operands = new int[children.size()];
        for (int i = 0; i < operands.length; i++) {
            operands[i] = graph.idOf(children.get(i));
        }
        return operands;
    }
}

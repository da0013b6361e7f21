package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How simplification got from a term to its result: the rewrites, in order, each one rule applied
 * at one place, ending exactly in what {@link Simplifier#simplify} returns (egg's flat
 * explanation). Read from the e-graph's proof forest: each union the search made records the rule
 * that made it, and the path between the input and the extracted result, with the unions of
 * operands inside it, is the list of steps.
 *
 * @param input  the term simplified
 * @param result what {@link Simplifier#simplify} returns for it
 * @param steps  the rewrites from {@code input} to {@code result}
 */
public record Explanation(Expr input, Expr result, List<Step> steps) {
    public Explanation {
        steps = List.copyOf(steps);
    }

    /**
     * One rewrite: the rule (applied from its right side to its left where {@code forward} is
     * false), the whole term before and after, and where: {@code position} is the path of operand
     * indices from the top of {@code before} to the subterm the rule rewrote. Where
     * {@code everywhere} is set, the subterm is a node shared in the graph, rewritten at every use
     * (as a large graph is simplified: each shared node once); {@code position} is then its first use.
     */
    public record Step(String rule, boolean forward, List<Integer> position, boolean everywhere, Expr before,
                       Expr after) {
        public Step {
            position = List.copyOf(position);
        }

        /** The subterm the rule rewrote. */
        public Expr subterm() {
            return at(before, position);
        }

        /** What it became. */
        public Expr replacement() {
            return at(after, position);
        }

        /** This step applied to {@code whole} (which must be {@link #before}): its {@link #after}. */
        public Expr applyTo(Expr whole) {
            return everywhere ? replaceEverywhere(whole, subterm(), replacement())
                    : replaceAt(whole, position, replacement());
        }
    }

    /** The steps applied in turn to the input; it is the result. */
    public Expr replay() {
        Expr current = input;
        for (Step step : steps) {
            current = step.applyTo(current);
        }
        return current;
    }

    // ---- positions ------------------------------------------------------------------------------

    /** The subterm at a path of operand indices. */
    static Expr at(Expr whole, List<Integer> position) {
        Expr e = whole;
        for (int i : position) {
            e = e.children().get(i);
        }
        return e;
    }

    /** The whole with the subterm at a path replaced, its ancestors rebuilt. */
    static Expr replaceAt(Expr whole, List<Integer> position, Expr replacement) {
        List<Expr> path = new ArrayList<>();
        Expr e = whole;
        for (int i : position) {
            path.add(e);
            e = e.children().get(i);
        }
        Expr rebuilt = replacement;
        for (int k = path.size() - 1; k >= 0; k--) {
            List<Expr> children = new ArrayList<>(path.get(k).children());
            children.set(position.get(k), rebuilt);
            rebuilt = path.get(k).withChildren(children);
        }
        return rebuilt;
    }

    /** The whole with every use of a node replaced. */
    static Expr replaceEverywhere(Expr whole, Expr node, Expr replacement) {
        Map<Expr, Expr> done = new IdentityHashMap<>();
        for (Expr n : Traversal.postOrder(whole)) {
            if (n == node) {
                done.put(n, replacement);
                continue;
            }
            List<Expr> children = n.children();
            List<Expr> rebuilt = new ArrayList<>(children.size());
            boolean changed = false;
            for (Expr child : children) {
                Expr r = done.get(child);
                rebuilt.add(r);
                changed |= r != child;
            }
            done.put(n, changed ? n.withChildren(rebuilt) : n);
        }
        return done.get(whole);
    }

    /**
     * Where two terms differ: the path to the smallest subterm of {@code before} outside of which
     * they are the same (its ancestors rebuilt over the new subterm give {@code after}).
     */
    static List<Integer> difference(Expr before, Expr after) {
        List<Integer> path = new ArrayList<>();
        Expr a = before;
        Expr b = after;
        while (a != b && a.getClass() == b.getClass() && a.children().size() == b.children().size()
                && !a.children().isEmpty()) {
            int differing = -1;
            for (int i = 0; i < a.children().size(); i++) {
                if (!a.children().get(i).shape().equals(b.children().get(i).shape())) {
                    return path;
                }
                if (a.children().get(i) != b.children().get(i)) {
                    if (differing >= 0) {
                        return path;
                    }
                    differing = i;
                }
            }
            if (differing < 0) {
                return path;
            }
            List<Expr> children = new ArrayList<>(a.children());
            children.set(differing, b.children().get(differing));
            if (a.withChildren(children) != b) {
                return path;   // the operators differ beyond their operands (sin and cos)
            }
            path.add(differing);
            a = a.children().get(differing);
            b = b.children().get(differing);
        }
        return path;
    }

    /** The path to the first use of a node, reading operands left to right; null if it is not used. */
    static List<Integer> firstUse(Expr whole, Expr node) {
        java.util.ArrayDeque<Expr> stack = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<List<Integer>> paths = new java.util.ArrayDeque<>();
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        stack.push(whole);
        paths.push(List.of());
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            List<Integer> path = paths.pop();
            if (e == node) {
                return path;
            }
            if (!seen.add(e)) {
                continue;
            }
            for (int i = e.children().size() - 1; i >= 0; i--) {
                List<Integer> child = new ArrayList<>(path);
                child.add(i);
                stack.push(e.children().get(i));
                paths.push(child);
            }
        }
        return null;
    }
}

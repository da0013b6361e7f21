package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The greedy rewriter: runs rules to a fixpoint, destructively. Each pass rewrites the graph
 * bottom-up, every distinct node once (so shared subexpressions are simplified once), and at each
 * node applies the first rule that applies, in list order, until none does. Rewriting ends: passes
 * stop when one changes nothing, and both the passes and the rule applications at one node are
 * bounded, so even a cycle among rules cannot run forever.
 *
 * <p>It is linear in the size of the graph and its result depends on the order of the rules. The
 * {@link Simplifier} uses it as a cheap canonicaliser before its search, and as the whole of the
 * simplification of graphs too large to search; {@link Simplifier#greedy} runs it alone, as chainrule
 * simplified before the search existed.
 */
final class GreedyRewriter {
    private static final int MAX_PASSES = 64;
    private static final int MAX_STEPS_PER_NODE = 32;

    private final List<Rule> rules;
    /** The links of the rules that gather chains ({@link Rule#chainLink()}); bit r of a mask is the r-th. */
    private final List<Predicate<Expr>> chainLinks;
    /** For each rule, its position in {@link #chainLinks}, or −1. */
    private final int[] chainIndex;

    /** Told of every rewrite, in the order they happen: a rule turned {@code before} into {@code after}. */
    interface Listener {
        Listener NONE = (before, after, rule) -> { };

        void rewrote(Expr before, Expr after, Rule rule);
    }

    private final Listener listener;
    private Facts facts = new StructuralFacts();

    GreedyRewriter(List<Rule> rules) {
        this(rules, Listener.NONE);
    }

    GreedyRewriter(List<Rule> rules, Listener listener) {
        this.listener = listener;
        this.rules = List.copyOf(rules);
        this.chainIndex = new int[this.rules.size()];
        List<Predicate<Expr>> links = new ArrayList<>();
        for (int r = 0; r < this.rules.size(); r++) {
            Predicate<Expr> link = this.rules.get(r).chainLink();
            chainIndex[r] = link == null ? -1 : links.size();
            if (link != null) {
                links.add(link);
            }
        }
        if (links.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " rules that gather chains");
        }
        this.chainLinks = List.copyOf(links);
    }

    Expr run(Expr e) {
        facts = new StructuralFacts();
        Expr current = e;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Expr next = pass(current);
            if (next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private Expr pass(Expr root) {
        Map<Expr, Long> tops = chainTops(root);
        Map<Expr, Expr> done = new IdentityHashMap<>();
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr node = stack.peek();
            if (done.containsKey(node)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (Expr child : node.children()) {
                if (!done.containsKey(child)) {
                    stack.push(child);
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            stack.pop();
            done.put(node, rewriteAt(rebuild(node, done), skipped(node, tops)));
        }
        return done.get(root);
    }

    private static Expr rebuild(Expr node, Map<Expr, Expr> done) {
        List<Expr> children = node.children();
        List<Expr> rewritten = new ArrayList<>(children.size());
        boolean changed = false;
        for (Expr child : children) {
            Expr r = done.get(child);
            rewritten.add(r);
            changed |= r != child;
        }
        return changed ? node.withChildren(rewritten) : node;
    }

    /**
     * For each node, a bit per chain-gathering rule, set where the node is the top of a chain for
     * that rule: it is the root, or some parent is not a link of the rule's chains.
     */
    private Map<Expr, Long> chainTops(Expr root) {
        Map<Expr, Long> tops = new IdentityHashMap<>();
        tops.put(root, -1L);
        for (Expr node : Traversal.postOrder(root)) {
            long notLink = 0;
            for (int c = 0; c < chainLinks.size(); c++) {
                if (!chainLinks.get(c).test(node)) {
                    notLink |= 1L << c;
                }
            }
            for (Expr child : node.children()) {
                tops.merge(child, notLink, (a, b) -> a | b);
            }
        }
        return tops;
    }

    /** The chain-gathering rules not to apply at a node (bits as in {@link #chainLinks}): those whose chains it is an inner link of. */
    private long skipped(Expr node, Map<Expr, Long> tops) {
        long top = tops.getOrDefault(node, 0L);
        long skip = 0;
        for (int c = 0; c < chainLinks.size(); c++) {
            if ((top & (1L << c)) == 0 && chainLinks.get(c).test(node)) {
                skip |= 1L << c;
            }
        }
        return skip;
    }

    private Expr rewriteAt(Expr node, long skipped) {
        Expr current = node;
        for (int step = 0; step < MAX_STEPS_PER_NODE; step++) {
            Expr next = applyFirst(current, skipped);
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private Expr applyFirst(Expr node, long skipped) {
        for (int r = 0; r < rules.size(); r++) {
            if (chainIndex[r] >= 0 && (skipped & (1L << chainIndex[r])) != 0) {
                continue;
            }
            Rule rule = rules.get(r);
            Expr result = rule.apply(node, facts);
            if (result != null && result != node) {
                listener.rewrote(node, result, rule);
                return result;
            }
        }
        return null;
    }
}

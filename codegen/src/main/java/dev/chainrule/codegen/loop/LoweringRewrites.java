package dev.chainrule.codegen.loop;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rewrites of the expression graph that choose how a value is computed, not what it is: applied
 * to the roots of a method before placement, one named rule per line, each over the whole graph in
 * turn. The simplifier's rules make formulas smaller; these make loops better.
 */
final class LoweringRewrites {
    /** A rule, given the graph it rewrites: the node that replaces a node, or null to keep it. */
    record Rewrite(String name, Function<Graph, Function<Expr, Expr>> rule) {}

    static final List<Rewrite> REWRITES = List.of(
            new Rewrite("a row product is a transposed column product: xᵀA = (Aᵀx)ᵀ, one array for both",
                    graph -> LoweringRewrites::rowProduct),
            new Rewrite("a product distributes over a sum with a transposed term: (A + Bᵀ)v = Av + Bᵀv, "
                    + "each read by rows", graph -> node -> distribute(node, graph)),
            new Rewrite("a subtraction whose reverse is kept anyway is its negation: b − a = −(a − b)",
                    graph -> node -> flipSubtraction(node, graph)),
            new Rewrite("a scaled sum of matrices with a product among its terms is a sum of scaled terms: "
                    + "c(AB + S) = c(AB) + cS, so the product accumulates into the output, not a workspace",
                    graph -> node -> scaleOverMatrixSum(node, graph)));

    private LoweringRewrites() {}

    /** The roots after every rewrite. */
    static List<Expr> apply(List<Expr> roots) {
        List<Expr> current = roots;
        for (Rewrite rewrite : REWRITES) {
            current = apply(current, rewrite.rule().apply(new Graph(current)));
        }
        return current;
    }

    /** The roots with {@code rule} applied once to every node, children first. */
    static List<Expr> apply(List<Expr> roots, Function<Expr, Expr> rule) {
        Map<Expr, Expr> done = new IdentityHashMap<>();
        for (Expr root : roots) {
            for (Expr node : Traversal.postOrder(root)) {
                if (done.containsKey(node)) {
                    continue;
                }
                List<Expr> children = new ArrayList<>();
                boolean changed = false;
                for (Expr child : node.children()) {
                    Expr mapped = done.get(child);
                    children.add(mapped);
                    changed |= mapped != child;
                }
                Expr rebuilt = changed ? node.withChildren(children) : node;
                Expr rewritten = rule.apply(rebuilt);
                done.put(node, rewritten == null ? rebuilt : rewritten);
            }
        }
        return roots.stream().map(done::get).toList();
    }

    /** How often each node is used, and the order in which the nodes are met, children first. */
    static final class Graph {
        private final Map<Expr, Integer> uses = new IdentityHashMap<>();
        private final Map<Expr, Integer> position = new IdentityHashMap<>();

        Graph(List<Expr> roots) {
            for (Expr root : roots) {
                uses.merge(root, 1, Integer::sum);
                for (Expr node : Traversal.postOrder(root)) {
                    if (position.putIfAbsent(node, position.size()) == null) {
                        node.children().forEach(child -> uses.merge(child, 1, Integer::sum));
                    }
                }
            }
        }

        int uses(Expr e) {
            return uses.getOrDefault(e, 0);
        }

        boolean contains(Expr e) {
            return position.containsKey(e);
        }

        int position(Expr e) {
            return position.getOrDefault(e, Integer.MAX_VALUE);
        }
    }

    // ---- the rules ------------------------------------------------------------------------------

    private static Expr rowProduct(Expr node) {
        if (node instanceof Expr.Product p && p.shape().isRow() && !Placement.isOuterProduct(p)) {
            return Expr.transpose(Expr.product(transposeOf(p.right()), transposeOf(p.left())));
        }
        return null;
    }

    private static Expr distribute(Expr node, Graph graph) {
        if (!(node instanceof Expr.Product p && p.shape().isVector() && p.left() instanceof Expr.Add sum
                && graph.uses(sum) <= 1)) {
            return null;
        }
        List<Expr> terms = new ArrayList<>();
        if (!signedTerms(sum, false, graph, terms)
                || terms.stream().noneMatch(t -> unsigned(t) instanceof Expr.Transpose && t.shape().isMatrix())) {
            return null;
        }
        Expr distributed = null;
        for (Expr term : terms) {
            Expr product = term instanceof Expr.Negate n ? Expr.negate(Expr.product(n.operand(), p.right()))
                    : Expr.product(term, p.right());
            distributed = distributed == null ? product : Expr.add(distributed, product);
        }
        return distributed;
    }

    /**
     * The terms of a sum, each negated or not, looking through additions and negations used
     * nowhere else; false where a term is scaled (a product over it would not be cheaper).
     */
    private static boolean signedTerms(Expr e, boolean negated, Graph graph, List<Expr> out) {
        boolean private_ = graph.uses(e) <= 1;
        if (private_ && e instanceof Expr.Add a) {
            return signedTerms(a.left(), negated, graph, out) && signedTerms(a.right(), negated, graph, out);
        }
        if (private_ && e instanceof Expr.Negate n) {
            return signedTerms(n.operand(), !negated, graph, out);
        }
        if (private_ && e instanceof Expr.Scale s && !(s.operand() instanceof Expr.Constant)) {
            return false;
        }
        out.add(negated ? Expr.negate(e) : e);
        return true;
    }

    private static Expr unsigned(Expr term) {
        return term instanceof Expr.Negate n ? n.operand() : term;
    }

    private static Expr flipSubtraction(Expr node, Graph graph) {
        if (node.shape().isScalar() || !(node instanceof Expr.Add s && s.right() instanceof Expr.Negate n)) {
            return null;
        }
        Expr reverse = Expr.add(n.operand(), Expr.negate(s.left()));
        boolean keep = graph.contains(reverse) && graph.uses(reverse) > 1
                && (graph.uses(node) <= 1 || graph.position(reverse) < graph.position(node));
        return keep ? Expr.negate(reverse) : null;
    }

    private static Expr scaleOverMatrixSum(Expr node, Graph graph) {
        if (!(node instanceof Expr.Scale s && s.shape().isMatrix() && s.operand() instanceof Expr.Add sum
                && graph.uses(sum) <= 1)) {
            return null;
        }
        List<Expr> terms = new ArrayList<>();
        addedTerms(sum.left(), graph, terms);
        addedTerms(sum.right(), graph, terms);
        if (terms.stream().noneMatch(t -> unsigned(t) instanceof Expr.Product p && p.shape().isMatrix())) {
            return null;
        }
        Expr distributed = null;
        for (Expr term : terms) {
            Expr scaled = term instanceof Expr.Negate n ? Expr.negate(Expr.scale(s.factor(), n.operand()))
                    : Expr.scale(s.factor(), term);
            distributed = distributed == null ? scaled : Expr.add(distributed, scaled);
        }
        return distributed;
    }

    /** The terms of a sum, looking through additions used nowhere else. */
    private static void addedTerms(Expr e, Graph graph, List<Expr> out) {
        if (e instanceof Expr.Add a && graph.uses(e) <= 1) {
            addedTerms(a.left(), graph, out);
            addedTerms(a.right(), graph, out);
        } else {
            out.add(e);
        }
    }

    static Expr transposeOf(Expr e) {
        return e instanceof Expr.Transpose t ? t.operand() : Expr.transpose(e);
    }
}

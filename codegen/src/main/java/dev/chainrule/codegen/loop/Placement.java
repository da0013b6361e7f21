package dev.chainrule.codegen.loop;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The placement plan of a method, decided before any statement is written: where the value of
 * each node of its graph lives (computed inline where it is used, in a scalar local, in a
 * workspace array, or straight in an output array), which matrices get an LU factorisation, which
 * vectors the shared exponentials of softmax and log-sum-exp, and in which order the nodes are
 * computed (children first: what each node reads, it reads from nodes computed before it).
 * {@link Emission} then writes the statements from the plan.
 */
final class Placement {
    enum Kind {
        /** Computed where it is used: a parameter, a constant, an element-wise node used once. */
        INLINE,
        /** The same value as its operand (the sum of a scalar). */
        ALIAS,
        /** A scalar in a local. */
        LOCAL,
        /** A workspace array. */
        ARRAY,
        /** The output array of a root, written straight into it. */
        OUTPUT
    }

    /** A root of the method after the rewrites: written into {@code output}, or returned when that is null. */
    record Root(Expr expr, Array output) {}

    private final List<Root> roots;
    private final Map<Expr, Kind> kinds = new IdentityHashMap<>();
    private final Map<Expr, Array> outputs = new IdentityHashMap<>();
    private final Map<Expr, Integer> uses = new IdentityHashMap<>();
    private final Set<Expr> factorised = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Expr> exponentiated = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Roots copied into their output array: already computed elsewhere, or a parameter. */
    private final Set<Root> copied = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Expr> order = new ArrayList<>();
    private final Set<Expr> forward = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Expr, List<Expr>> reads = new IdentityHashMap<>();
    /** Where each root's part of the order ends. */
    private final List<Integer> ends = new ArrayList<>();

    private Placement(List<Root> roots) {
        this.roots = roots;
    }

    /** The plan for the given roots, after the {@link LoweringRewrites}. */
    static Placement of(List<Root> roots) {
        List<Expr> rewritten = LoweringRewrites.apply(roots.stream().map(Root::expr).toList());
        List<Root> planned = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            planned.add(new Root(rewritten.get(i), roots.get(i).output()));
        }
        Placement plan = new Placement(List.copyOf(planned));
        plan.place();
        return plan;
    }

    // ---- what the plan says ---------------------------------------------------------------------

    List<Root> roots() {
        return roots;
    }

    Kind kind(Expr e) {
        Kind kind = kinds.get(e);
        if (kind == null) {
            throw new IllegalStateException("not in the plan: " + e.getClass().getSimpleName());
        }
        return kind;
    }

    /** Whether the node's value is in an array, a workspace one or an output. */
    boolean hasArray(Expr e) {
        Kind kind = kinds.get(e);
        return kind == Kind.ARRAY || kind == Kind.OUTPUT;
    }

    /** The output array a node is written into, seen in the node's own shape. */
    Array output(Expr e) {
        return outputs.get(e);
    }

    /** How many times the node's value is used, counting the uses of a node computed where it is used. */
    int uses(Expr e) {
        return uses.getOrDefault(e, 0);
    }

    /** Whether the matrix gets an LU factorisation (for det, logdet or inv). */
    boolean factorised(Expr e) {
        return factorised.contains(e);
    }

    /** Whether the vector's shifted exponentials are kept in an array, for a softmax of it. */
    boolean exponentiated(Expr e) {
        return exponentiated.contains(e);
    }

    /** Whether a root is copied into its output rather than computed into it. */
    boolean copied(Root root) {
        return copied.contains(root);
    }

    /** The nodes to compute, each after every node it reads. */
    List<Expr> order() {
        return Collections.unmodifiableList(order);
    }

    /** The nodes a root needs that no earlier root needs, in order. */
    List<Expr> order(int root) {
        return order().subList(root == 0 ? 0 : ends.get(root - 1), ends.get(root));
    }

    /** Whether the node is part of the value (a returned root), not only of a derivative. */
    boolean forward(Expr e) {
        return forward.contains(e);
    }

    /**
     * Whether the node belongs to the backward sweep alone: a method computing the value and a
     * gradient needs it for the gradient only.
     */
    boolean backward(Expr e) {
        return !forward.contains(e) && roots.stream().anyMatch(r -> r.output() == null)
                && roots.stream().anyMatch(r -> r.output() != null);
    }

    /** The nodes whose values computing this one reads. */
    List<Expr> reads(Expr e) {
        return reads.computeIfAbsent(e, n -> n.accept(new Reads(this)));
    }

    // ---- deciding -------------------------------------------------------------------------------

    private void place() {
        List<Expr> nodes = new ArrayList<>();
        Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Root root : roots) {
            uses.merge(root.expr(), 1, Integer::sum);
            for (Expr node : Traversal.postOrder(root.expr())) {
                if (seen.add(node)) {
                    nodes.add(node);
                    if (node instanceof Expr.Softmax s) {
                        exponentiated.add(s.operand());
                    }
                }
            }
        }
        // Parents before children: a node computed wherever it is used (a negation, a scaling)
        // passes on how often it is used, so that what it reads is not computed twice either.
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Expr node = nodes.get(i);
            int passed = recomputedWhereUsed(node) ? uses(node) : 1;
            node.children().forEach(child -> uses.merge(child, passed, Integer::sum));
        }
        for (Expr node : nodes) {
            kinds.put(node, base(node));
            promoteOperands(node);
        }
        Set<Expr> reached = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Expr> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Root root : roots) {
            if (root.output() != null && !root.expr().shape().isScalar()) {
                placeRoot(root, reached, touched);
            }
            close(root.expr(), reached, touched);
            ends.add(order.size());
        }
        for (Root root : roots) {
            if (root.output() == null) {
                markForward(root.expr());
            }
        }
    }

    /** Where a node goes on its own, before operands and roots are considered. */
    private Kind base(Expr e) {
        if (e.shape().isScalar()) {
            if (e instanceof Expr.Variable || e instanceof Expr.Constant || e instanceof Expr.Size) {
                return Kind.INLINE;
            }
            if ((e instanceof Expr.Sum || e instanceof Expr.LogSumExp) && e.children().get(0).shape().isScalar()) {
                return Kind.ALIAS;
            }
            return Kind.LOCAL;
        }
        if (e instanceof Expr.Variable || e instanceof Expr.Transpose || e instanceof Expr.Softmax
                || e instanceof Expr.Slice || e instanceof Expr.Reshape) {
            return Kind.INLINE;
        }
        return inlineable(e) ? Kind.INLINE : Kind.ARRAY;
    }

    /**
     * Element-wise nodes used once, and those cheap enough to recompute (negations, scalings, outer
     * products), are computed where used.
     */
    private boolean inlineable(Expr e) {
        if (e instanceof Expr.Constant || e instanceof Expr.Identity || e instanceof Expr.Negate
                || e instanceof Expr.Scale || e instanceof Expr.DiagonalMatrix || isOuterProduct(e)) {
            return true;
        }
        boolean elementwise = e instanceof Expr.Add || e instanceof Expr.Hadamard || e instanceof Expr.Divide
                || e instanceof Expr.Power || e instanceof Expr.Apply || e instanceof Expr.Max;
        return elementwise && uses(e) <= 1;
    }

    /** Whether a node is computed again wherever it is used, however often that is. */
    private static boolean recomputedWhereUsed(Expr e) {
        return !e.shape().isScalar() && (e instanceof Expr.Negate || e instanceof Expr.Scale || e instanceof Expr.Transpose
                || e instanceof Expr.DiagonalMatrix || isOuterProduct(e));
    }

    /**
     * Operands a node needs in an array: a factorised matrix, the operand a reshape reads as another
     * shape, a costly operand of a product.
     */
    private void promoteOperands(Expr e) {
        if (e instanceof Expr.Reshape r && !(r.operand() instanceof Expr.Variable) && !hasArray(r.operand())) {
            kinds.put(r.operand(), Kind.ARRAY);
        }
        if (e instanceof Expr.Det || e instanceof Expr.LogDet || e instanceof Expr.Inverse) {
            Expr matrix = e.children().get(0);
            factorised.add(matrix);
            if (!(matrix instanceof Expr.Variable) && !hasArray(matrix)) {
                kinds.put(matrix, Kind.ARRAY);
            }
        }
        if (e instanceof Expr.Product p && !e.shape().isScalar() && !isOuterProduct(p) && !transposedTimesVector(p)) {
            Expr b = p.right();
            if (!b.shape().isScalar() && kinds.get(b) == Kind.INLINE && inlineable(b) && callsAFunction(b)) {
                kinds.put(b, Kind.ARRAY);
            }
        }
    }

    /**
     * Whether computing an entry of e where it is used would call a function or divide: such an
     * operand of a matrix product gets an array, where it would otherwise be computed once per row.
     */
    private boolean callsAFunction(Expr e) {
        if (e instanceof Expr.Apply || e instanceof Expr.Power || e instanceof Expr.Divide) {
            return true;
        }
        if (!inlineable(e) || hasArray(e) || e instanceof Expr.Variable) {
            return false;
        }
        return e.children().stream().anyMatch(child -> !child.shape().isScalar() && callsAFunction(child));
    }

    /**
     * A non-scalar root is computed straight into its output array, unless it is a parameter, or
     * an earlier root has computed it already: then it is copied. A transposed vector is computed
     * into the output seen as the vector (the layout is the same).
     */
    private void placeRoot(Root root, Set<Expr> reached, Set<Expr> touched) {
        Expr e = root.expr();
        Array out = root.output();
        if (e instanceof Expr.Transpose t && isSingleRowOrColumn(t) && !(t.operand() instanceof Expr.Variable)
                && !touched.contains(t.operand()) && kinds.get(t.operand()) != Kind.OUTPUT) {
            Expr v = t.operand();
            kinds.put(v, Kind.OUTPUT);
            outputs.put(v, new Array(out.name(), v.shape().rows(), v.shape().cols(), Array.Role.OUTPUT));
            return;
        }
        if (e instanceof Expr.Variable || e instanceof Expr.Transpose || reached.contains(e) || touched.contains(e)
                || kinds.get(e) == Kind.OUTPUT) {
            copied.add(root);
            return;
        }
        kinds.put(e, Kind.OUTPUT);
        outputs.put(e, out);
    }

    private static boolean isSingleRowOrColumn(Expr e) {
        return e.shape().rows().equals(Dim.ONE) || e.shape().cols().equals(Dim.ONE);
    }

    /**
     * Appends the nodes a root needs to the order, each after what it reads. {@code touched}
     * receives their operands, read or not (a chain of scalings skips its inner ones): a root among
     * them is copied into its output rather than computed into it.
     */
    private void close(Expr root, Set<Expr> reached, Set<Expr> touched) {
        // Iterative post-order over reads: chains of thousands of layers need no deep stack.
        List<Expr> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        if (reached.add(root)) {
            stack.add(root);
            next.add(0);
        }
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Expr node = stack.get(top);
            List<Expr> reading = reads(node);
            int i = next.get(top);
            if (i < reading.size()) {
                next.set(top, i + 1);
                Expr child = reading.get(i);
                if (reached.add(child)) {
                    stack.add(child);
                    next.add(0);
                }
            } else {
                stack.remove(top);
                next.remove(top);
                order.add(node);
                touched.addAll(node.children());
            }
        }
    }

    private void markForward(Expr root) {
        List<Expr> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Expr node = pending.remove(pending.size() - 1);
            if (forward.add(node)) {
                pending.addAll(reads(node));
            }
        }
    }

    // ---- shapes of computation the plan and the emission agree on -------------------------------

    /** An outer product uvᵀ, whose entry (i, j) is one multiplication, uᵢvⱼ. */
    static boolean isOuterProduct(Expr e) {
        return e instanceof Expr.Product p && p.left().shape().cols().equals(Dim.ONE) && !p.shape().isScalar();
    }

    /** Aᵀv with A stored by rows: computed as a sum of A's rows, one pass over A. */
    boolean transposedTimesVector(Expr.Product p) {
        return p.shape().isVector() && p.left() instanceof Expr.Transpose && !hasArray(p.left());
    }

    /**
     * The scalings of a chain a(b(c·v)) whose factors are multiplied once, outermost first. A
     * scalar link used elsewhere too ends the chain: it has a local of its own, which the chain
     * reads, where multiplying its factors again in every chain that reaches it made the products
     * of a deep composition's Hessian, which share their tails, quadratic in code and in time.
     */
    List<Expr.Scale> scaleChain(Expr.Scale scale) {
        List<Expr.Scale> chain = new ArrayList<>(List.of(scale));
        Expr operand = scale.operand();
        while (operand instanceof Expr.Scale inner && !hasArray(inner)
                && !(inner.shape().isScalar() && uses(inner) > 1)
                && !(inner.operand() instanceof Expr.Constant k && k.value() == 1)) {
            chain.add(inner);
            operand = inner.operand();
        }
        return chain;
    }

    /** What a chain of scalings scales. */
    static Expr scaled(List<Expr.Scale> chain) {
        return chain.get(chain.size() - 1).operand();
    }

    /** A term of a sum: the node, the scalar factors it is multiplied by, and whether it is negated. */
    record Term(Expr node, List<Expr> factors, boolean negated) {}

    /** The terms of a sum, looking through additions, negations and scalings used nowhere else. */
    List<Term> terms(Expr.Add sum) {
        List<Term> out = new ArrayList<>();
        terms(sum.left(), List.of(), false, out);
        terms(sum.right(), List.of(), false, out);
        return out;
    }

    private void terms(Expr e, List<Expr> factors, boolean negated, List<Term> out) {
        boolean private_ = uses(e) <= 1 && !hasArray(e);
        if (private_ && e instanceof Expr.Add a) {
            terms(a.left(), factors, negated, out);
            terms(a.right(), factors, negated, out);
        } else if (private_ && e instanceof Expr.Negate n) {
            terms(n.operand(), factors, !negated, out);
        } else if (private_ && e instanceof Expr.Scale s && !(s.operand() instanceof Expr.Constant)) {
            List<Expr> more = new ArrayList<>(factors);
            more.add(s.factor());
            terms(s.operand(), more, negated, out);
        } else {
            out.add(new Term(e, factors, negated));
        }
    }

    /** A matrix sum with a product among its terms: accumulated term by term into its array. */
    boolean isSumOfProducts(Expr e) {
        return e instanceof Expr.Add sum && e.shape().isMatrix()
                && terms(sum).stream().anyMatch(t -> t.node() instanceof Expr.Product);
    }

    /** The plan written out, one node a line, for tests and debugging. */
    String describe() {
        StringBuilder out = new StringBuilder();
        Map<Expr, Integer> numbers = new LinkedHashMap<>();
        for (Expr e : order) {
            numbers.put(e, numbers.size() + 1);
        }
        for (Expr e : order) {
            out.append('#').append(numbers.get(e)).append(' ').append(e.getClass().getSimpleName()).append(' ')
                    .append(kind(e));
            if (factorised(e)) {
                out.append(" factorised");
            }
            if (exponentiated(e)) {
                out.append(" exponentiated");
            }
            List<Expr> r = reads(e);
            if (!r.isEmpty()) {
                out.append(" reads");
                r.forEach(x -> out.append(" #").append(numbers.get(x)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}

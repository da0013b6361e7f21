package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Index.Var;
import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.codegen.loop.Val.Binary;
import dev.chainrule.codegen.loop.Val.Load;
import dev.chainrule.codegen.loop.Val.Local;
import dev.chainrule.codegen.loop.Val.Num;
import dev.chainrule.codegen.loop.Val.Op;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * From expression graph to loops, one node at a time and naively: a scalar node becomes a local,
 * a non-scalar node that is used more than once, or is not element-wise, a temporary array filled
 * by its own loop nest; an element-wise node used once is computed inline where it is used.
 * {@link Fusion} then merges the loops and turns temporaries into locals.
 */
final class Lowering {
    /** Where a root's value goes. */
    sealed interface Target {
        /** The method returns it. */
        record Returned() implements Target {}

        /** Written into an output array (a scalar into its entry 0). */
        record Into(Array array) implements Target {}
    }

    record Root(Expr expr, Target target) {}

    private final Map<String, Array> parameters;
    private final Map<String, Name> scalarParameters;
    private final Map<Expr, Integer> uses = new IdentityHashMap<>();
    private final Map<Expr, Val> scalars = new IdentityHashMap<>();
    private final Map<Expr, Array> arrays = new IdentityHashMap<>();
    private final Map<Expr, Factorisation> factorisations = new IdentityHashMap<>();
    private final List<Stmt> body = new ArrayList<>();
    private final Workspace workspace;
    private final Map<Expr, String> names = new IdentityHashMap<>();
    private int loops;
    private int locals;

    private record Factorisation(Array lu, Array pivots, Name sign) {}

    /**
     * The shifted exponentials of x, exp(x − max), kept in an array, their sum, and the largest
     * entry: what softmax(x) and logsumexp(x) share, computed once for both.
     */
    private record Exponentials(Array shifted, Val sum, Val max) {}

    /** The operands of the softmaxes among the roots: their log-sum-exps keep the exponentials. */
    private final java.util.Set<Expr> softmaxOperands = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Expr, Exponentials> exponentials = new IdentityHashMap<>();
    private final Map<Expr, Val> inverseSums = new IdentityHashMap<>();
    private final Map<Expr, Val> scaleFactors = new IdentityHashMap<>();

    /**
     * @param parameters       the array parameters by variable name
     * @param scalarParameters the Java name of each scalar parameter, by variable name
     * @param workspace        where temporaries are declared; shared by the methods of one class
     */
    Lowering(Map<String, Array> parameters, Map<String, Name> scalarParameters, Workspace workspace) {
        this.parameters = parameters;
        this.scalarParameters = scalarParameters;
        this.workspace = workspace;
    }

    /** Calls the value of a node what the user called it, where it gets a local or an array of its own. */
    Lowering named(Map<String, Expr> localDefinitions) {
        localDefinitions.forEach((name, e) -> names.putIfAbsent(e, name));
        return this;
    }

    /** The statements that compute every root into its target. */
    List<Stmt> lower(List<Root> roots) {
        for (Root root : roots) {
            for (Expr node : Traversal.postOrder(root.expr())) {
                for (Expr child : node.children()) {
                    uses.merge(child, 1, Integer::sum);
                }
            }
            uses.merge(root.expr(), 1, Integer::sum);
            for (Expr node : Traversal.postOrder(root.expr())) {
                if (node instanceof Expr.Softmax s) {
                    softmaxOperands.add(s.operand());
                }
            }
        }
        Val returned = null;
        for (Root root : roots) {
            Expr e = root.expr();
            if (root.target() instanceof Target.Into into) {
                if (e.shape().isScalar()) {
                    body.add(new Store(into.array(), Index.ZERO, Index.ZERO, scalar(e)));
                } else if (arrays.containsKey(e) || !materializeInto(e, into.array())) {
                    copy(e, into.array());
                }
            } else {
                returned = scalar(e);
            }
        }
        if (returned != null) {
            body.add(new Return(returned));
        }
        return List.copyOf(body);
    }

    // ---- scalars --------------------------------------------------------------------------------

    private Val scalar(Expr e) {
        Val known = scalars.get(e);
        if (known != null) {
            return known;
        }
        Val v = computeScalar(e);
        scalars.put(e, v);
        return v;
    }

    private Val computeScalar(Expr e) {
        if (e instanceof Expr.Variable v) {
            return new Local(scalarParameters.get(v.name()));
        }
        if (e instanceof Expr.Constant c) {
            return new Num(c.value());
        }
        if (e instanceof Expr.Size s) {
            return new Val.Size(s.dim());
        }
        if (e instanceof Expr.Sum s) {
            if (s.operand().shape().isScalar()) {
                return scalar(s.operand());
            }
            return reduce(s.operand().shape(), (r, c) -> elem(s.operand(), r, c));
        }
        if (e instanceof Expr.Norm2 n) {
            Val sumOfSquares = reduce(n.operand().shape(), (r, c) -> {
                Val x = elem(n.operand(), r, c);
                return new Val.Power(x, new Num(2));
            });
            return let(new Val.Call(MathFunction.SQRT, sumOfSquares));
        }
        if (e instanceof Expr.LogSumExp l) {
            // log Σ exp(xᵢ) = m + log Σ exp(xᵢ − m) with m the largest entry: nothing overflows.
            Shape shape = l.operand().shape();
            if (shape.isScalar()) {
                return scalar(l.operand());
            }
            if (softmaxOperands.contains(l.operand())) {
                // A softmax of the same operand needs the exponentials too: computed once, into an array.
                Exponentials exps = exponentials(l.operand());
                return let(new Val.LogSumExpOf(exps.max(), exps.sum()));
            }
            Name max = local("max");
            body.add(new Init(max, new Num(Double.NEGATIVE_INFINITY)));
            body.add(nest(shape, (r, c) -> new Update(max, Op.MAX, elem(l.operand(), r, c))));
            Val shiftedSum = reduce(shape, (r, c) -> new Val.Call(MathFunction.EXP,
                    new Binary(Op.SUBTRACT, elem(l.operand(), r, c), new Local(max))));
            return let(new Val.LogSumExpOf(new Local(max), shiftedSum));
        }
        if (e instanceof Expr.Trace t) {
            return reduceDiagonal(t.operand().shape().rows(), i -> elem(t.operand(), i, i));
        }
        if (e instanceof Expr.Product p) {
            Dim k = p.left().shape().cols();
            return reduceOver(k, idx -> new Binary(Op.MULTIPLY, elem(p.left(), Index.ZERO, idx),
                    elem(p.right(), idx, Index.ZERO)));
        }
        if (e instanceof Expr.Det d) {
            Factorisation f = factor(d.operand());
            Name det = local("det");
            body.add(new Init(det, new Local(f.sign())));
            Var i = loopIndex();
            body.add(new Loop(i, d.operand().shape().rows(),
                    List.of(new Update(det, Op.MULTIPLY, new Load(f.lu(), i, i)))));
            return new Local(det);
        }
        if (e instanceof Expr.LogDet d) {
            Factorisation f = factor(d.operand());
            return reduceDiagonal(d.operand().shape().rows(), i -> new Val.Call(MathFunction.LOG,
                    new Val.Call(MathFunction.ABS, new Load(f.lu(), i, i))));
        }
        return let(compute(e, Index.ZERO, Index.ZERO), names.get(e));
    }

    private Val let(Val value) {
        return let(value, null);
    }

    private Val let(Val value, String preferred) {
        Name name = preferred != null ? workspace.named(preferred) : local("t");
        body.add(new Let(name, value));
        return new Local(name);
    }

    private interface Entry {
        Val at(Index row, Index col);
    }

    /** The sum of {@code entry} over a shape, as an accumulator filled by a loop nest. */
    private Val reduce(Shape shape, Entry entry) {
        Name acc = local("sum");
        body.add(new Init(acc, new Num(0)));
        body.add(nest(shape, (r, c) -> new Update(acc, Op.ADD, entry.at(r, c))));
        return new Local(acc);
    }

    private Val reduceOver(Dim extent, java.util.function.Function<Index, Val> term) {
        Name acc = local("dot");
        body.add(new Init(acc, new Num(0)));
        Var p = loopIndex();
        body.add(new Loop(p, extent, List.of(new Update(acc, Op.ADD, term.apply(p)))));
        return new Local(acc);
    }

    private Val reduceDiagonal(Dim n, java.util.function.Function<Index, Val> term) {
        return reduceOver(n, term);
    }

    // ---- entries of non-scalars -----------------------------------------------------------------

    /** Entry (row, col) of a non-scalar node, computing the node first where it needs an array. */
    private Val elem(Expr e, Index r, Index c) {
        if (e.shape().isScalar()) {
            return scalar(e);
        }
        Array array = arrays.get(e);
        if (array != null) {
            return load(array, r, c);
        }
        if (e instanceof Expr.Variable v) {
            return load(parameters.get(v.name()), r, c);
        }
        if (e instanceof Expr.Transpose t) {
            return elem(t.operand(), c, r);
        }
        if (e instanceof Expr.Add a && a.right() instanceof Expr.Negate n) {
            // b − a where a − b is already computed: its negation.
            Array flipped = arrays.get(Expr.add(n.operand(), Expr.negate(a.left())));
            if (flipped != null) {
                return new Val.Negate(load(flipped, r, c));
            }
        }
        if (e instanceof Expr.Softmax softmax) {
            return softmaxEntry(softmax, r, c);
        }
        if (e instanceof Expr.Product p && e.shape().isRow()) {
            // xᵀA is (Aᵀx)ᵀ: one array for both, so a value's xᵀA and a gradient's Aᵀx are computed once.
            return elem(Expr.product(transposeOf(p.right()), transposeOf(p.left())), c, r);
        }
        if (inline(e)) {
            return compute(e, r, c);
        }
        Array temp = names.containsKey(e) ? workspace.temporary(e.shape(), names.get(e)) : workspace.temporary(e.shape());
        materialize(e, temp);
        return load(temp, r, c);
    }

    private static Val load(Array array, Index r, Index c) {
        return new Load(array, r, c);
    }

    /**
     * The product of the scalar factors of nested scalings a(b(c·v)), multiplied once, outside any
     * loop, so that each entry then costs one multiplication.
     */
    private Val scaleFactor(Expr.Scale scale) {
        Val known = scaleFactors.get(scale);
        if (known != null) {
            return known;
        }
        Val factor = scalar(scale.factor());
        boolean product = false;
        Expr operand = scale.operand();
        while (operand instanceof Expr.Scale inner && !arrays.containsKey(inner)
                && !(inner.operand() instanceof Expr.Constant k && k.value() == 1)) {
            factor = new Binary(Op.MULTIPLY, factor, scalar(inner.factor()));
            product = true;
            operand = inner.operand();
        }
        Val result = product ? let(factor) : factor;
        scaleFactors.put(scale, result);
        return result;
    }

    /** Entry (r, c) of softmax(x): its shifted exponential times 1 / Σ, the one division shared by all entries. */
    private Val softmaxEntry(Expr.Softmax softmax, Index r, Index c) {
        Exponentials exps = exponentials(softmax.operand());
        Val inverseSum = inverseSums.get(softmax.operand());
        if (inverseSum == null) {
            inverseSum = let(new Binary(Op.DIVIDE, new Num(1), exps.sum()));
            inverseSums.put(softmax.operand(), inverseSum);
        }
        return new Binary(Op.MULTIPLY, new Load(exps.shifted(), r, c), inverseSum);
    }

    /** exp(x − max) of every entry of x into an array, their sum and the maximum, once per operand. */
    private Exponentials exponentials(Expr x) {
        Exponentials known = exponentials.get(x);
        if (known != null) {
            return known;
        }
        Shape shape = x.shape();
        Name max = local("max");
        body.add(new Init(max, new Num(Double.NEGATIVE_INFINITY)));
        body.add(nest(shape, (r, c) -> new Update(max, Op.MAX, elem(x, r, c))));
        Array shifted = workspace.temporary(shape);
        body.add(nest(shape, (r, c) -> new Store(shifted, r, c, new Val.Call(MathFunction.EXP,
                new Binary(Op.SUBTRACT, elem(x, r, c), new Local(max))))));
        Val sum = reduce(shape, (r, c) -> new Load(shifted, r, c));
        Exponentials exps = new Exponentials(shifted, sum, new Local(max));
        exponentials.put(x, exps);
        return exps;
    }

    private static Expr transposeOf(Expr e) {
        return e instanceof Expr.Transpose t ? t.operand() : Expr.transpose(e);
    }

    /** An outer product uvᵀ, whose entry (i, j) is one multiplication, uᵢvⱼ. */
    private static boolean isOuterProduct(Expr e) {
        return e instanceof Expr.Product p && p.left().shape().cols().equals(Dim.ONE) && !p.shape().isScalar();
    }

    /**
     * Element-wise nodes used once, and those cheap enough to recompute (negations, scalings, outer
     * products), are computed where used.
     */
    private boolean inline(Expr e) {
        if (e instanceof Expr.Constant || e instanceof Expr.Identity || e instanceof Expr.Negate
                || e instanceof Expr.Scale || e instanceof Expr.DiagonalMatrix || isOuterProduct(e)) {
            return true;
        }
        boolean elementwise = e instanceof Expr.Add || e instanceof Expr.Hadamard || e instanceof Expr.Divide
                || e instanceof Expr.Power || e instanceof Expr.Apply || e instanceof Expr.Max;
        return elementwise && uses.getOrDefault(e, 0) <= 1;
    }

    /** Entry (row, col) of an element-wise node, from its operands' entries. */
    private Val compute(Expr e, Index r, Index c) {
        if (e instanceof Expr.Constant k) {
            return new Num(k.value());
        }
        if (e instanceof Expr.Identity) {
            return new Val.OnDiagonal(r, c, new Num(1));
        }
        if (e instanceof Expr.DiagonalMatrix d) {
            return new Val.OnDiagonal(r, c, elem(d.operand(), r, Index.ZERO));
        }
        if (e instanceof Expr.Transpose t) {
            return elem(t.operand(), c, r);
        }
        if (e instanceof Expr.Variable) {
            return elem(e, r, c);
        }
        if (e instanceof Expr.Negate n) {
            return new Val.Negate(elem(n.operand(), r, c));
        }
        if (e instanceof Expr.Scale s) {
            if (s.operand() instanceof Expr.Constant k && k.value() == 1) {
                return scalar(s.factor());
            }
            Expr operand = s.operand();
            while (operand instanceof Expr.Scale inner && !arrays.containsKey(inner)
                    && !(inner.operand() instanceof Expr.Constant k && k.value() == 1)) {
                operand = inner.operand();
            }
            if (isOuterProduct(operand) && !arrays.containsKey(operand)) {
                // c·(uvᵀ) as (c·uᵢ)·vⱼ: the first product depends on the row alone, so the JIT
                // hoists it, and each entry costs one multiplication.
                Expr.Product outer = (Expr.Product) operand;
                return new Binary(Op.MULTIPLY, new Binary(Op.MULTIPLY, scaleFactor(s), elem(outer.left(), r, Index.ZERO)),
                        elem(outer.right(), Index.ZERO, c));
            }
            return new Binary(Op.MULTIPLY, scaleFactor(s), elem(operand, r, c));
        }
        if (e instanceof Expr.Add a) {
            if (a.right() instanceof Expr.Negate n) {
                return new Binary(Op.SUBTRACT, elem(a.left(), r, c), elem(n.operand(), r, c));
            }
            return new Binary(Op.ADD, elem(a.left(), r, c), elem(a.right(), r, c));
        }
        if (e instanceof Expr.Hadamard h) {
            return new Binary(Op.MULTIPLY, elem(h.left(), r, c), elem(h.right(), r, c));
        }
        if (e instanceof Expr.Divide d) {
            return new Binary(Op.DIVIDE, elem(d.left(), r, c), elem(d.right(), r, c));
        }
        if (e instanceof Expr.Power p) {
            return new Val.Power(elem(p.base(), r, c), elem(p.exponent(), r, c));
        }
        if (e instanceof Expr.Apply a) {
            return new Val.Call(MathFunction.of(a.fn()), elem(a.operand(), r, c));
        }
        if (e instanceof Expr.Max m) {
            return new Val.Max(elem(m.left(), r, c), elem(m.right(), r, c));
        }
        if (e instanceof Expr.Softmax softmax) {
            return softmaxEntry(softmax, r, c);
        }
        if (isOuterProduct(e)) {
            Expr.Product p = (Expr.Product) e;
            return new Binary(Op.MULTIPLY, elem(p.left(), r, Index.ZERO), elem(p.right(), Index.ZERO, c));
        }
        throw new IllegalStateException("not element-wise: " + e.getClass().getSimpleName());
    }

    // ---- arrays ---------------------------------------------------------------------------------

    /** Computes a non-scalar node into {@code out}; false where it is better copied from elsewhere. */
    private boolean materializeInto(Expr e, Array out) {
        if (e instanceof Expr.Variable || e instanceof Expr.Transpose) {
            return false;
        }
        materialize(e, out);
        return true;
    }

    private void materialize(Expr e, Array out) {
        arrays.put(e, out);
        if (e instanceof Expr.Product p && !isOuterProduct(p)) {
            product(p, out);
        } else if (e instanceof Expr.Add sum && e.shape().isMatrix() && hasProductTerm(sum)) {
            sumOfProducts(sum, out);
        } else if (e instanceof Expr.Diagonal d) {
            Var i = loopIndex();
            body.add(new Loop(i, out.rows(), List.of(new Store(out, i, Index.ZERO, elem(d.operand(), i, i)))));
        } else if (e instanceof Expr.Inverse inv) {
            Factorisation f = factor(inv.operand());
            body.add(new Invert(f.lu(), f.pivots(), f.sign(), out));
        } else {
            body.add(nest(e.shape(), (r, c) -> new Store(out, r, c, compute(e, r, c))));
        }
    }

    /** A term of a sum: the node, and the scalar it is multiplied by (null for 1). */
    private record Term(Expr node, Val coefficient, boolean negated) {}

    /** The terms of a sum, looking through additions, negations and scalings used nowhere else. */
    private List<Term> terms(Expr.Add sum) {
        List<Term> out = new ArrayList<>();
        terms(sum.left(), null, false, out);
        terms(sum.right(), null, false, out);
        return out;
    }

    private void terms(Expr e, Val coefficient, boolean negated, List<Term> out) {
        boolean private_ = uses.getOrDefault(e, 0) <= 1 && !arrays.containsKey(e);
        if (private_ && e instanceof Expr.Add a) {
            terms(a.left(), coefficient, negated, out);
            terms(a.right(), coefficient, negated, out);
        } else if (private_ && e instanceof Expr.Negate n) {
            terms(n.operand(), coefficient, !negated, out);
        } else if (private_ && e instanceof Expr.Scale s && !(s.operand() instanceof Expr.Constant)) {
            Val factor = scalar(s.factor());
            terms(s.operand(), coefficient == null ? factor : new Binary(Op.MULTIPLY, coefficient, factor), negated, out);
        } else {
            out.add(new Term(e, coefficient, negated));
        }
    }

    private boolean hasProductTerm(Expr.Add sum) {
        return terms(sum).stream().anyMatch(t -> t.node() instanceof Expr.Product);
    }

    /**
     * A matrix that is a sum of products, such as the gradient of a weight shared by many layers
     * (Σ δₖ aₖᵀ), accumulated term by term into its array: no temporary per term.
     */
    private void sumOfProducts(Expr.Add sum, Array out) {
        zero(out);
        for (Term t : terms(sum)) {
            Val coefficient = t.coefficient();
            if (t.negated()) {
                coefficient = coefficient == null ? new Num(-1) : new Val.Negate(coefficient);
            }
            if (coefficient != null && !(coefficient instanceof Local) && !(coefficient instanceof Num)) {
                coefficient = let(coefficient);
            }
            Val factor = coefficient;
            if (t.node() instanceof Expr.Product p) {
                accumulateProduct(p, out, factor);
            } else {
                body.add(nest(t.node().shape(), (r, c) -> new Accumulate(out, r, c,
                        times(factor, elem(t.node(), r, c)))));
            }
        }
    }

    private static Val times(Val factor, Val v) {
        return factor == null ? v : new Binary(Op.MULTIPLY, factor, v);
    }

    /** out += factor · A·B for a matrix result, in (ikj) order, B read by rows. */
    private void accumulateProduct(Expr.Product p, Array out, Val factor) {
        Var row = loopIndex();
        Var k = loopIndex();
        Var col = loopIndex();
        Name aik = local("a");
        body.add(new Loop(row, p.shape().rows(), List.of(
                new Loop(k, p.left().shape().cols(), List.of(
                        new Let(aik, times(factor, elem(p.left(), row, k))),
                        new UnlessZero(new Local(aik), List.of(new Loop(col, p.shape().cols(), List.of(
                                new Accumulate(out, row, col, new Binary(Op.MULTIPLY, new Local(aik),
                                        elem(p.right(), k, col))))))))))));
    }

    private void copy(Expr e, Array out) {
        body.add(nest(e.shape(), (r, c) -> new Store(out, r, c, elem(e, r, c))));
    }

    private void product(Expr.Product p, Array out) {
        Expr a = p.left();
        Expr b = p.right();
        Shape result = p.shape();
        Dim inner = a.shape().cols();
        if (result.isVector() && a instanceof Expr.Add sum && !arrays.containsKey(a) && uses.getOrDefault(a, 0) <= 1
                && distributes(sum)) {
            // (A + Bᵀ)v = Av + Bᵀv: each product then reads its matrix by rows, and Bᵀv may be known already.
            Expr distributed = null;
            for (Term t : terms(sum)) {
                Expr term = t.negated() ? Expr.negate(Expr.product(t.node(), b)) : Expr.product(t.node(), b);
                distributed = distributed == null ? term : Expr.add(distributed, term);
            }
            materialize(distributed, out);
            arrays.put(p, out);
            return;
        }
        if (result.isVector() && a instanceof Expr.Transpose t && !arrays.containsKey(a)) {
            // Aᵀv, A stored by rows: accumulate row p of A scaled by v[p], one pass over A's rows.
            zero(out);
            Var row = loopIndex();
            Var col = loopIndex();
            Name vp = local("v");
            body.add(new Loop(row, inner, List.of(
                    new Let(vp, elem(b, row, Index.ZERO)),
                    new UnlessZero(new Local(vp), List.of(new Loop(col, result.rows(), List.of(new Accumulate(out, col,
                            Index.ZERO, new Binary(Op.MULTIPLY, elem(t.operand(), row, col), new Local(vp))))))))));
        } else if (result.isVector()) {
            materializeIfCostly(b);
            // Av: a dot product per row.
            Var row = loopIndex();
            Var k = loopIndex();
            Name acc = local("dot");
            body.add(new Loop(row, result.rows(), List.of(
                    new Init(acc, new Num(0)),
                    new Loop(k, inner, List.of(new Update(acc, Op.ADD,
                            new Binary(Op.MULTIPLY, elem(a, row, k), elem(b, k, Index.ZERO))))),
                    new Store(out, row, Index.ZERO, new Local(acc)))));
        } else {
            materializeIfCostly(b);
            // Rows of the result as combinations of b's rows: (ikj) order, b read by rows.
            Var row = loopIndex();
            Var k = loopIndex();
            Var col = loopIndex();
            Var zeroCol = loopIndex();
            Name aik = local("a");
            body.add(new Loop(row, result.rows(), List.of(
                    new Loop(zeroCol, result.cols(), List.of(new Store(out, row, zeroCol, new Num(0)))),
                    new Loop(k, inner, List.of(
                            new Let(aik, elem(a, row, k)),
                            new Loop(col, result.cols(), List.of(new Accumulate(out, row, col,
                                    new Binary(Op.MULTIPLY, new Local(aik), elem(b, k, col))))))))));
        }
    }

    /** A sum of matrices worth distributing a product over: some term is transposed, none is scaled. */
    private boolean distributes(Expr.Add sum) {
        List<Term> terms = terms(sum);
        return terms.stream().allMatch(t -> t.coefficient() == null)
                && terms.stream().anyMatch(t -> t.node() instanceof Expr.Transpose && t.node().shape().isMatrix());
    }

    /**
     * Gives an element-wise node that calls a function (tanh, exp, a power, a division) an array of
     * its own, where it would otherwise be inlined into a loop that reads each entry many times.
     */
    private void materializeIfCostly(Expr e) {
        if (e.shape().isScalar() || arrays.containsKey(e) || !inline(e) || !callsAFunction(e)) {
            return;
        }
        Array temp = names.containsKey(e) ? workspace.temporary(e.shape(), names.get(e)) : workspace.temporary(e.shape());
        materialize(e, temp);
    }

    /** Whether computing an entry of e where it is used would call a function or divide. */
    private boolean callsAFunction(Expr e) {
        if (e instanceof Expr.Apply || e instanceof Expr.Power || e instanceof Expr.Divide) {
            return true;
        }
        if (!inline(e) || arrays.containsKey(e) || e instanceof Expr.Variable) {
            return false;
        }
        return e.children().stream().anyMatch(child -> !child.shape().isScalar() && callsAFunction(child));
    }

    private void zero(Array out) {
        body.add(nest(new Shape(out.cols().equals(Dim.ONE) ? Shape.Kind.VECTOR : Shape.Kind.MATRIX,
                out.rows(), out.cols()), (r, c) -> new Store(out, r, c, new Num(0))));
    }

    private Factorisation factor(Expr matrix) {
        Factorisation known = factorisations.get(matrix);
        if (known != null) {
            return known;
        }
        Array source = matrix instanceof Expr.Variable v ? parameters.get(v.name()) : null;
        if (source == null) {
            source = arrays.get(matrix);
        }
        if (source == null) {
            source = workspace.temporary(matrix.shape());
            materialize(matrix, source);
        }
        Array lu = workspace.temporary(matrix.shape());
        Array pivots = workspace.pivots(matrix.shape().rows());
        Name sign = local("sign");
        body.add(new Factor(source, lu, pivots, sign));
        Factorisation f = new Factorisation(lu, pivots, sign);
        factorisations.put(matrix, f);
        return f;
    }

    // ---- loops and names ------------------------------------------------------------------------

    private interface EntryStatement {
        Stmt at(Index row, Index col);
    }

    /** A loop over the rows (and, for a matrix, the columns) of a shape. */
    private Stmt nest(Shape shape, EntryStatement entry) {
        if (shape.isVector()) {
            Var i = loopIndex();
            return new Loop(i, shape.rows(), List.of(entry.at(i, Index.ZERO)));
        }
        if (shape.isRow()) {
            Var j = loopIndex();
            return new Loop(j, shape.cols(), List.of(entry.at(Index.ZERO, j)));
        }
        Var i = loopIndex();
        Var j = loopIndex();
        return new Loop(i, shape.rows(), List.of(new Loop(j, shape.cols(), List.of(entry.at(i, j)))));
    }

    private Var loopIndex() {
        return new Var("i" + ++loops);
    }

    private Name local(String prefix) {
        return workspace.local(prefix);
    }
}

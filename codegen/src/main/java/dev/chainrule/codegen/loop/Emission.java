package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.codegen.loop.Val.Binary;
import dev.chainrule.codegen.loop.Val.Load;
import dev.chainrule.codegen.loop.Val.Local;
import dev.chainrule.codegen.loop.Val.Num;
import dev.chainrule.codegen.loop.Val.Op;
import dev.chainrule.graph.Expr;
import dev.chainrule.graph.NormPower;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The statements of a method, written from its {@link Placement} plan: node after node in the
 * plan's order, each computed from values already computed. Looking up a value or an entry
 * ({@link #value}, {@link #entry}) writes nothing; only {@link #emit} does, and naively: a
 * reduction is its own loop, an array its own loop nest. The passes then fuse the loops and turn
 * temporaries into locals.
 */
final class Emission {
    private final Placement plan;
    private final Map<String, Array> parameters;
    private final Map<String, Name> scalarParameters;
    private final Workspace workspace;
    private final Map<Expr, String> userNames;
    /** Where statements go: the method's body, or a nested body being written ({@link #apart}). */
    private List<Stmt> body = new ArrayList<>();
    /** What has been computed so far, node by node: the one state emission keeps. */
    private final Map<Expr, Computed> computed = new IdentityHashMap<>();
    /** The plain sum of squares each norm was computed from, for its powers. */
    private final Map<Expr.Norm2, Val> sumsOfSquares = new IdentityHashMap<>();
    /** The names the value's part of the method writes: the forward sweep. */
    private final Set<Name> forwardNames = Collections.newSetFromMap(new java.util.HashMap<>());
    private Expr current;
    private int loops;

    private record Factorisation(Array lu, Array pivots, Name sign) {}

    /**
     * What emission has computed for a node: its value (a scalar) or its array, and what other
     * nodes share from it. Set once each, when the node is emitted; read by later nodes.
     */
    private static final class Computed {
        Val value;
        Array array;
        /** Of a matrix with a determinant, log-determinant or inverse. */
        Factorisation lu;
        /** Of a vector with a softmax. */
        Exponentials exponentials;
        /** Of a softmax: 1/Σ of its operand's exponentials, the one division its entries share. */
        Val inverseSum;
        /** Of the outermost of a chain of scalings: the product of their factors. */
        Val factor;
    }

    private Computed computed(Expr e) {
        return computed.computeIfAbsent(e, n -> new Computed());
    }

    private Computed known(Expr e) {
        Computed known = computed.get(e);
        return known == null ? new Computed() : known;
    }

    /**
     * The shifted exponentials of x, exp(x − max), kept in an array, their sum, and the largest
     * entry: what softmax(x) and logsumexp(x) share, computed once for both.
     */
    private record Exponentials(Array shifted, Val sum, Val max) {}

    private Emission(Placement plan, Map<String, Array> parameters, Map<String, Name> scalarParameters,
                     Workspace workspace, Map<Expr, String> userNames) {
        this.plan = plan;
        this.parameters = parameters;
        this.scalarParameters = scalarParameters;
        this.workspace = workspace;
        this.userNames = userNames;
    }

    /** A method body and the names of its forward sweep. */
    record Lowered(List<Stmt> body, Set<Name> forwardNames) {}

    /**
     * The statements that compute every root of the plan into its target.
     *
     * @param parameters       the array parameters by variable name
     * @param scalarParameters the name of each scalar parameter, by variable name
     * @param workspace        where temporaries are made; shared by the methods of one class
     * @param userNames        the user's name of each local definition's value
     */
    static Lowered of(Placement plan, Map<String, Array> parameters, Map<String, Name> scalarParameters,
                      Workspace workspace, Map<Expr, String> userNames) {
        Emission emission = new Emission(plan, parameters, scalarParameters, workspace, userNames);
        return new Lowered(emission.emitRoots(), emission.forwardNames);
    }

    private List<Stmt> emitRoots() {
        Val returned = null;
        List<Placement.Root> roots = plan.roots();
        for (int r = 0; r < roots.size(); r++) {
            for (Expr node : plan.order(r)) {
                emit(node);
            }
            current = null;
            Placement.Root root = roots.get(r);
            Expr e = root.expr();
            if (root.output() == null) {
                returned = value(e);
            } else if (e.shape().isScalar()) {
                body.add(new Store(root.output(), Index.ZERO, Index.ZERO, value(e)));
            } else if (plan.copied(root)) {
                body.add(nest(e.shape(), (row, col) -> new Store(root.output(), row, col, entry(e, row, col))));
            }
        }
        if (returned != null) {
            body.add(new Return(returned));
        }
        return List.copyOf(body);
    }

    // ---- one node -------------------------------------------------------------------------------

    private void emit(Expr e) {
        current = e;
        prepare(e);
        switch (plan.kind(e)) {
            case INLINE -> { }
            case ALIAS -> computed(e).value = value(e.children().get(0));
            case LOCAL -> computed(e).value = e.accept(new Scalars());
            case ARRAY -> {
                Array array = userNames.containsKey(e) ? workspace.userArray(userNames.get(e), e.shape())
                        : workspace.temporary(Roles.of(e, plan.backward(e)), e.shape());
                tagged(array.name());
                computed(e).array = array;
                materialize(e, array);
            }
            case OUTPUT -> {
                Array out = plan.output(e);
                computed(e).array = out;
                materialize(e, out);
            }
        }
        if (plan.exponentiated(e)) {
            computed(e).exponentials = emitExponentials(e);
        }
        if (plan.factorised(e)) {
            computed(e).lu = factor(e);
        }
    }

    /** What a node's entries share: the product of a chain of scalings, the 1/Σ of a softmax. */
    private void prepare(Expr e) {
        if (e instanceof Expr.Scale s && !(s.operand() instanceof Expr.Constant k && k.value() == 1)) {
            List<Expr.Scale> chain = plan.scaleChain(s);
            if (chain.size() > 1) {
                Val factor = value(s.factor());
                for (Expr.Scale inner : chain.subList(1, chain.size())) {
                    factor = new Binary(Op.MULTIPLY, factor, value(inner.factor()));
                }
                computed(s).factor = let("factor", factor);
            }
        }
        if (e instanceof Expr.Softmax softmax) {
            computed(softmax).inverseSum = let("inverseSum", new Binary(Op.DIVIDE, new Num(1),
                    exponentialsOf(softmax.operand(), "softmax").sum()));
        }
    }

    // ---- looking up values: no statements -------------------------------------------------------

    /** The value of a scalar node. */
    private Val value(Expr e) {
        if (e instanceof Expr.Variable v) {
            return new Local(scalarParameters.get(v.name()));
        }
        if (e instanceof Expr.Constant c) {
            return new Num(c.value());
        }
        if (e instanceof Expr.Size s) {
            return new Val.Size(s.dim());
        }
        Val known = known(e).value;
        if (known == null) {
            throw new IllegalStateException("read before it is computed: " + e.getClass().getSimpleName());
        }
        return known;
    }

    /** Entry (row, col) of a node: a load, or computed from its operands' entries. */
    private Val entry(Expr e, Index r, Index c) {
        if (e.shape().isScalar()) {
            return value(e);
        }
        Array array = known(e).array;
        if (array != null) {
            return new Load(array, r, c);
        }
        if (plan.hasArray(e)) {
            throw new IllegalStateException("read before it is computed: " + e.getClass().getSimpleName());
        }
        return compute(e, r, c);
    }

    /** Entry (row, col) of an element-wise node, from its operands' entries. */
    private Val compute(Expr e, Index r, Index c) {
        return e.accept(new Entries(r, c));
    }

    /** The array a node's entries are in: a parameter's, or its own. */
    private Array arrayOf(Expr e) {
        Array array = e instanceof Expr.Variable v ? parameters.get(v.name()) : known(e).array;
        if (array == null) {
            throw new IllegalStateException("read before it is computed: " + e.getClass().getSimpleName());
        }
        return array;
    }

    private Exponentials exponentialsOf(Expr x, String reader) {
        Exponentials exps = known(x).exponentials;
        if (exps == null) {
            throw new IllegalStateException(reader + " before the exponentials of its operand");
        }
        return exps;
    }

    private Factorisation factorisation(Expr matrix) {
        Factorisation f = known(matrix).lu;
        if (f == null) {
            throw new IllegalStateException("a determinant or inverse before its factorisation");
        }
        return f;
    }

    /** Entries of element-wise nodes. */
    private final class Entries implements Expr.Visitor<Val> {
        private final Index r;
        private final Index c;

        Entries(Index r, Index c) {
            this.r = r;
            this.c = c;
        }

        @Override public Val visitVariable(Expr.Variable e) {
            return e.shape().isScalar() ? value(e) : new Load(parameters.get(e.name()), r, c);
        }

        @Override public Val visitConstant(Expr.Constant e) {
            return new Num(e.value());
        }

        @Override public Val visitIdentity(Expr.Identity e) {
            return new Val.OnDiagonal(r, c, new Num(1));
        }

        @Override public Val visitSize(Expr.Size e) {
            return value(e);
        }

        @Override public Val visitDiagonalMatrix(Expr.DiagonalMatrix e) {
            return new Val.OnDiagonal(r, c, entry(e.operand(), r, Index.ZERO));
        }

        @Override public Val visitTranspose(Expr.Transpose e) {
            return entry(e.operand(), c, r);
        }

        @Override public Val visitNegate(Expr.Negate e) {
            return new Val.Negate(entry(e.operand(), r, c));
        }

        @Override public Val visitScale(Expr.Scale s) {
            if (s.operand() instanceof Expr.Constant k && k.value() == 1) {
                return value(s.factor());
            }
            List<Expr.Scale> chain = plan.scaleChain(s);
            Val factor = chain.size() > 1 ? known(s).factor : value(s.factor());
            if (factor == null) {
                throw new IllegalStateException("a chain of scalings read before its factor is computed");
            }
            Expr scaled = Placement.scaled(chain);
            if (Placement.isOuterProduct(scaled) && !plan.hasArray(scaled)) {
                // c·(uvᵀ) as (c·uᵢ)·vⱼ: the first product depends on the row alone, so the JIT
                // hoists it, and each entry costs one multiplication.
                Expr.Product outer = (Expr.Product) scaled;
                return new Binary(Op.MULTIPLY, new Binary(Op.MULTIPLY, factor, entry(outer.left(), r, Index.ZERO)),
                        entry(outer.right(), Index.ZERO, c));
            }
            return new Binary(Op.MULTIPLY, factor, entry(scaled, r, c));
        }

        @Override public Val visitAdd(Expr.Add a) {
            if (a.right() instanceof Expr.Negate n) {
                return new Binary(Op.SUBTRACT, entry(a.left(), r, c), entry(n.operand(), r, c));
            }
            return new Binary(Op.ADD, entry(a.left(), r, c), entry(a.right(), r, c));
        }

        @Override public Val visitHadamard(Expr.Hadamard h) {
            return new Binary(Op.MULTIPLY, entry(h.left(), r, c), entry(h.right(), r, c));
        }

        @Override public Val visitDivide(Expr.Divide d) {
            return new Binary(Op.DIVIDE, entry(d.left(), r, c), entry(d.right(), r, c));
        }

        @Override public Val visitPower(Expr.Power p) {
            Val base = entry(p.base(), r, c);
            Optional<NormPower> normPower = NormPower.of(p).filter(n -> sumsOfSquares.containsKey(n.norm()));
            if (normPower.isPresent()) {
                return normPower(base, sumsOfSquares.get(normPower.get().norm()), normPower.get().exponent());
            }
            return new Val.Power(base, entry(p.exponent(), r, c));
        }

        @Override public Val visitApply(Expr.Apply a) {
            return new Val.Call(MathFunction.of(a.fn()), entry(a.operand(), r, c));
        }

        @Override public Val visitMax(Expr.Max m) {
            return new Val.Max(entry(m.left(), r, c), entry(m.right(), r, c));
        }

        /** Entry (r, c) of softmax(x): its shifted exponential times 1 / Σ, the one division shared by all entries. */
        @Override public Val visitSoftmax(Expr.Softmax softmax) {
            Exponentials exps = exponentialsOf(softmax.operand(), "softmax");
            return new Binary(Op.MULTIPLY, new Load(exps.shifted(), r, c), known(softmax).inverseSum);
        }

        @Override public Val visitProduct(Expr.Product p) {
            if (!Placement.isOuterProduct(p)) {
                throw notElementwise(p);
            }
            return new Binary(Op.MULTIPLY, entry(p.left(), r, Index.ZERO), entry(p.right(), Index.ZERO, c));
        }

        /** Entry (r, c) of a slice is the operand's entry at the slice's offsets from there. */
        @Override public Val visitSlice(Expr.Slice s) {
            return entry(s.operand(), Index.shifted(r, s.row()), Index.shifted(c, s.column()));
        }

        /** A reshape reads its operand's array, row-major like every array, in the reshape's own shape. */
        @Override public Val visitReshape(Expr.Reshape e) {
            Array operand = arrayOf(e.operand());
            return new Load(new Array(operand.name(), e.shape().rows(), e.shape().cols(), operand.role()), r, c);
        }

        @Override public Val visitBlock(Expr.Block e) { throw notElementwise(e); }
        @Override public Val visitKronecker(Expr.Kronecker e) { throw notElementwise(e); }
        @Override public Val visitCommutation(Expr.Commutation e) { throw notElementwise(e); }
        @Override public Val visitSum(Expr.Sum e) { throw notElementwise(e); }
        @Override public Val visitNorm2(Expr.Norm2 e) { throw notElementwise(e); }
        @Override public Val visitLogSumExp(Expr.LogSumExp e) { throw notElementwise(e); }
        @Override public Val visitTrace(Expr.Trace e) { throw notElementwise(e); }
        @Override public Val visitDet(Expr.Det e) { throw notElementwise(e); }
        @Override public Val visitLogDet(Expr.LogDet e) { throw notElementwise(e); }
        @Override public Val visitInverse(Expr.Inverse e) { throw notElementwise(e); }
        @Override public Val visitDiagonal(Expr.Diagonal e) { throw notElementwise(e); }

        private IllegalStateException notElementwise(Expr e) {
            return new IllegalStateException("not element-wise: " + e.getClass().getSimpleName());
        }
    }

    // ---- scalars --------------------------------------------------------------------------------

    /** The statements of a scalar in a local, and the value that names it. */
    private final class Scalars extends ElementwiseScalar {
        @Override public Val visitSum(Expr.Sum s) {
            return reduce(result(s, "sum"), s.operand().shape(), (r, c) -> entry(s.operand(), r, c));
        }

        /**
         * ‖x‖ = sqrt(Σ xᵢ²), as a person writes it, where that sum is a normal number far from
         * overflow; else (a rare case, so the common one stays as fast as hand-written code)
         * sqrt(Σ (s·xᵢ)²) / s with s a power of two near 1/max|xᵢ|, which is exact: the squares
         * neither overflow for entries near 1e200 nor underflow for entries near 1e-200, so the
         * norm overflows only where it is itself too large, as the interpreter computes it. Where
         * the plain sum is in range, the two agree to rounding: scaling by a power of two is exact,
         * and squares that underflow are below the sum's last bit.
         */
        @Override public Val visitNorm2(Expr.Norm2 n) {
            Expr x = n.operand();
            Val plainSum = reduce(local("sum"), x.shape(), (r, c) -> new Val.Power(entry(x, r, c), new Num(2)));
            Name norm = result(n, "norm");
            body.add(new Init(norm, new Val.Call(MathFunction.SQRT, plainSum)));
            List<Stmt> careful = apart(() -> {
                Name largest = local("largest");
                body.add(new Init(largest, new Num(0)));
                body.add(nest(x.shape(), (r, c) -> new Update(largest, Op.MAX,
                        new Val.Call(MathFunction.ABS, entry(x, r, c)))));
                Val scale = let("scale", new Val.Call(MathFunction.NORM2_SCALE, new Local(largest)));
                Val scaledSum = reduce(local("sum"), x.shape(),
                        (r, c) -> new Val.Power(new Binary(Op.MULTIPLY, entry(x, r, c), scale), new Num(2)));
                body.add(new Assign(norm, new Binary(Op.DIVIDE, new Val.Call(MathFunction.SQRT, scaledSum), scale)));
            });
            body.add(new IfOutside(plainSum, Stmt.FastRange.SUM_OF_SQUARES, careful));
            sumsOfSquares.put(n, plainSum);
            return new Local(norm);
        }

        /** log Σ exp(xᵢ) = m + log Σ exp(xᵢ − m) with m the largest entry: nothing overflows. */
        @Override public Val visitLogSumExp(Expr.LogSumExp l) {
            Expr x = l.operand();
            if (plan.exponentiated(x)) {
                // A softmax of the same operand needs the exponentials too: computed once, into an array.
                Exponentials exps = exponentialsOf(x, "log-sum-exp");
                return let(result(l, "lse"), new Val.LogSumExpOf(exps.max(), exps.sum()));
            }
            Name max = local("max");
            body.add(new Init(max, new Num(Double.NEGATIVE_INFINITY)));
            body.add(nest(x.shape(), (r, c) -> new Update(max, Op.MAX, entry(x, r, c))));
            Val shiftedSum = reduce(local("sum"), x.shape(), (r, c) -> new Val.Call(MathFunction.EXP,
                    new Binary(Op.SUBTRACT, entry(x, r, c), new Local(max))));
            return let(result(l, "lse"), new Val.LogSumExpOf(new Local(max), shiftedSum));
        }

        @Override public Val visitTrace(Expr.Trace t) {
            return reduceOver(result(t, "trace"), t.operand().shape().rows(), i -> entry(t.operand(), i, i));
        }

        @Override public Val visitProduct(Expr.Product p) {
            return reduceOver(result(p, "dot"), p.left().shape().cols(), k -> new Binary(Op.MULTIPLY,
                    entry(p.left(), Index.ZERO, k), entry(p.right(), k, Index.ZERO)));
        }

        @Override public Val visitDet(Expr.Det d) {
            Factorisation f = factorisation(d.operand());
            Name det = result(d, "det");
            body.add(new Init(det, new Local(f.sign())));
            Index.Var i = loopIndex();
            body.add(new Loop(i, d.operand().shape().rows(), List.of(new Update(det, Op.MULTIPLY, new Load(f.lu(), i, i)))));
            return new Local(det);
        }

        @Override public Val visitLogDet(Expr.LogDet d) {
            Factorisation f = factorisation(d.operand());
            return reduceOver(result(d, "logDet"), d.operand().shape().rows(), i -> new Val.Call(MathFunction.LOG,
                    new Val.Call(MathFunction.ABS, new Load(f.lu(), i, i))));
        }
    }

    /** A scalar node computed element-wise, into a local named after the user's definition where there is one. */
    private class ElementwiseScalar implements Expr.Visitor<Val> {
        private Val elementwise(Expr e) {
            return let(result(e, Roles.of(e, plan.backward(e))), compute(e, Index.ZERO, Index.ZERO));
        }

        @Override public Val visitVariable(Expr.Variable e) { return elementwise(e); }
        @Override public Val visitConstant(Expr.Constant e) { return elementwise(e); }
        @Override public Val visitIdentity(Expr.Identity e) { return elementwise(e); }
        @Override public Val visitSize(Expr.Size e) { return elementwise(e); }
        @Override public Val visitAdd(Expr.Add e) { return elementwise(e); }
        @Override public Val visitNegate(Expr.Negate e) { return elementwise(e); }
        @Override public Val visitScale(Expr.Scale e) { return elementwise(e); }
        @Override public Val visitHadamard(Expr.Hadamard e) { return elementwise(e); }
        @Override public Val visitDivide(Expr.Divide e) { return elementwise(e); }
        @Override public Val visitPower(Expr.Power e) { return elementwise(e); }
        @Override public Val visitProduct(Expr.Product e) { return elementwise(e); }
        @Override public Val visitTranspose(Expr.Transpose e) { return elementwise(e); }
        @Override public Val visitApply(Expr.Apply e) { return elementwise(e); }
        @Override public Val visitMax(Expr.Max e) { return elementwise(e); }
        @Override public Val visitSum(Expr.Sum e) { return elementwise(e); }
        @Override public Val visitNorm2(Expr.Norm2 e) { return elementwise(e); }
        @Override public Val visitLogSumExp(Expr.LogSumExp e) { return elementwise(e); }
        @Override public Val visitSoftmax(Expr.Softmax e) { return elementwise(e); }
        @Override public Val visitTrace(Expr.Trace e) { return elementwise(e); }
        @Override public Val visitDet(Expr.Det e) { return elementwise(e); }
        @Override public Val visitLogDet(Expr.LogDet e) { return elementwise(e); }
        @Override public Val visitInverse(Expr.Inverse e) { return elementwise(e); }
        @Override public Val visitDiagonalMatrix(Expr.DiagonalMatrix e) { return elementwise(e); }
        @Override public Val visitDiagonal(Expr.Diagonal e) { return elementwise(e); }
        @Override public Val visitBlock(Expr.Block e) { return elementwise(e); }
        @Override public Val visitSlice(Expr.Slice e) { return elementwise(e); }
        @Override public Val visitKronecker(Expr.Kronecker e) { return elementwise(e); }
        @Override public Val visitReshape(Expr.Reshape e) { return elementwise(e); }
        @Override public Val visitCommutation(Expr.Commutation e) { return elementwise(e); }
    }

    /** The statements {@code emit} writes, collected apart from the body: a nested body. */
    private List<Stmt> apart(Runnable emit) {
        List<Stmt> outer = body;
        body = new ArrayList<>();
        try {
            emit.run();
            return body;
        } finally {
            body = outer;
        }
    }

    private Val let(String role, Val value) {
        return let(local(role), value);
    }

    private Val let(Name name, Val value) {
        body.add(new Let(name, value));
        return new Local(name);
    }

    /** The local holding a scalar node's value: named after the user's definition, or by its role. */
    private Name result(Expr e, String role) {
        String user = userNames.get(e);
        return user != null ? tagged(workspace.userLocal(user)) : local(role);
    }

    private interface EntryValue {
        Val at(Index row, Index col);
    }

    /** The sum of {@code entry} over a shape, as an accumulator filled by a loop nest. */
    private Val reduce(Name acc, Shape shape, EntryValue entry) {
        body.add(new Init(acc, new Num(0)));
        body.add(nest(shape, (r, c) -> new Update(acc, Op.ADD, entry.at(r, c))));
        return new Local(acc);
    }

    private Val reduceOver(Name acc, Dim extent, Function<Index, Val> term) {
        body.add(new Init(acc, new Num(0)));
        Index.Var p = loopIndex();
        body.add(new Loop(p, extent, List.of(new Update(acc, Op.ADD, term.apply(p)))));
        return new Local(acc);
    }

    // ---- arrays ---------------------------------------------------------------------------------

    private void materialize(Expr e, Array out) {
        if (e instanceof Expr.Product p && !Placement.isOuterProduct(p)) {
            product(p, out);
        } else if (plan.isSumOfProducts(e)) {
            sumOfProducts((Expr.Add) e, out);
        } else if (e instanceof Expr.Diagonal d) {
            Index.Var i = loopIndex();
            body.add(new Loop(i, out.rows(), List.of(new Store(out, i, Index.ZERO, entry(d.operand(), i, i)))));
        } else if (e instanceof Expr.Inverse inv) {
            Factorisation f = factorisation(inv.operand());
            body.add(new Invert(f.lu(), f.pivots(), f.sign(), out));
        } else if (e instanceof Expr.Block b) {
            block(b, out);
        } else if (e instanceof Expr.Kronecker k) {
            kronecker(k, out);
        } else if (e instanceof Expr.Commutation k) {
            commutation(k, out);
        } else {
            body.add(nest(e.shape(), (r, c) -> new Store(out, r, c, compute(e, r, c))));
        }
    }

    /**
     * A matrix that is a sum of products, such as the gradient of a weight shared by many layers
     * (Σ δₖ aₖᵀ), accumulated term by term into its array: no temporary per term.
     */
    private void sumOfProducts(Expr.Add sum, Array out) {
        zero(out);
        // Outer products of the same two vectors, up to sign, are one term: their coefficients are
        // added first (αuvᵀ − β(−u)vᵀ as (α + β)uvᵀ), so each entry costs one multiplication.
        Map<List<Expr>, List<Placement.Term>> groups = new LinkedHashMap<>();
        for (Placement.Term t : plan.terms(sum)) {
            groups.computeIfAbsent(outerKey(t.node()), k -> new ArrayList<>()).add(t);
        }
        // Symmetric terms first (Gram matrices AᵀA and outer products uuᵀ): their upper triangles
        // are summed, then mirrored once, before the other terms add to every entry. Half the
        // multiplications, and the two halves of the result are equal to the bit.
        List<List<Placement.Term>> symmetric = groups.values().stream()
                .filter(group -> isSymmetric(group.get(0).node())).toList();
        for (List<Placement.Term> group : symmetric) {
            Expr.Product p = (Expr.Product) group.get(0).node();
            if (isGram(p)) {
                gram(p, out, coefficient(group));
            } else {
                upperOuterProduct(unsigned(p.left()), out, coefficient(group));
            }
        }
        if (!symmetric.isEmpty()) {
            // A diagonal term keeps the result symmetric and the mirror does not read the diagonal:
            // added before it, the mirror comes last, as a person writes it.
            for (List<Placement.Term> group : groups.values()) {
                if (isDiagonal(group.get(0).node())) {
                    addDiagonal(group.get(0).node(), out, coefficient(group));
                }
            }
            mirror(out);
        }
        for (List<Placement.Term> group : groups.values()) {
            Expr node = group.get(0).node();
            if (isSymmetric(node) || !symmetric.isEmpty() && isDiagonal(node)) {
                continue;
            }
            Val factor = coefficient(group);
            if (isDiagonal(node)) {
                addDiagonal(node, out, factor);
            } else if (Placement.isOuterProduct(node)) {
                Expr.Product p = (Expr.Product) node;
                accumulateProduct(unsigned(p.left()), unsigned(p.right()), out, factor);
            } else if (node instanceof Expr.Product p) {
                accumulateProduct(p.left(), p.right(), out, factor);
            } else {
                body.add(nest(node.shape(), (r, c) -> new Accumulate(out, r, c, times(factor, entry(node, r, c)))));
            }
        }
    }

    private static boolean isDiagonal(Expr node) {
        return node instanceof Expr.Identity || node instanceof Expr.DiagonalMatrix;
    }

    /** out += factor · D for a diagonal D: zero off the diagonal, so only the diagonal changes. */
    private void addDiagonal(Expr node, Array out, Val factor) {
        Index.Var i = loopIndex();
        body.add(new Loop(i, out.rows(), List.of(new Accumulate(out, i, i, times(factor,
                node instanceof Expr.DiagonalMatrix d ? entry(d.operand(), i, Index.ZERO) : new Num(1))))));
    }

    /** The coefficient of a group of like terms, their signed coefficients added, in a local. */
    private Val coefficient(List<Placement.Term> group) {
        Signed first = coefficient(group.get(0));
        Val total = first.negative() ? negated(first.magnitude()) : first.magnitude();
        for (Placement.Term t : group.subList(1, group.size())) {
            Signed c = coefficient(t);
            total = new Binary(c.negative() ? Op.SUBTRACT : Op.ADD, total == null ? new Num(1) : total,
                    c.magnitude() == null ? new Num(1) : c.magnitude());
        }
        return named(total);
    }

    /** A term's scalar coefficient (null for 1) and sign, an outer product's negated operands counted in. */
    private record Signed(Val magnitude, boolean negative) {}

    private Signed coefficient(Placement.Term t) {
        Val coefficient = null;
        for (Expr factor : t.factors()) {
            coefficient = coefficient == null ? value(factor) : new Binary(Op.MULTIPLY, coefficient, value(factor));
        }
        boolean negative = t.negated();
        if (Placement.isOuterProduct(t.node())) {
            Expr.Product p = (Expr.Product) t.node();
            negative ^= p.left() instanceof Expr.Negate;
            negative ^= p.right() instanceof Expr.Negate;
        }
        return new Signed(coefficient, negative);
    }

    /** Terms with this key add up to one: an outer product by its operands without their signs, else itself. */
    private static List<Expr> outerKey(Expr node) {
        if (Placement.isOuterProduct(node)) {
            Expr.Product p = (Expr.Product) node;
            return List.of(unsigned(p.left()), unsigned(p.right()));
        }
        return List.of(node);
    }

    private static Expr unsigned(Expr e) {
        return e instanceof Expr.Negate n ? n.operand() : e;
    }

    private static Val negated(Val magnitude) {
        return magnitude == null ? new Num(-1) : new Val.Negate(magnitude);
    }

    /** A coefficient computed once, in a local, unless it is one already (or a number, or 1). */
    private Val named(Val coefficient) {
        return coefficient != null && !(coefficient instanceof Local) && !(coefficient instanceof Num)
                ? let("coefficient", coefficient) : coefficient;
    }

    /** A term equal to its transpose by its form: AᵀA, or uuᵀ up to the signs of its operands. */
    private static boolean isSymmetric(Expr e) {
        return isGram(e) || Placement.isOuterProduct(e) && e instanceof Expr.Product p
                && unsigned(p.right()) instanceof Expr.Transpose t && t.operand().equals(unsigned(p.left()));
    }

    /** AᵀA, the Gram matrix of A's columns: symmetric, so half of it is computed and mirrored. */
    private static boolean isGram(Expr e) {
        return e instanceof Expr.Product p && p.shape().isMatrix() && p.right().shape().isMatrix()
                && p.left() instanceof Expr.Transpose t && t.operand().equals(p.right());
    }

    /**
     * The upper triangle of out += factor · AᵀA as a sum of the outer products of A's rows with
     * themselves: one pass over A, by rows, and half the multiplications of a general product.
     */
    private void gram(Expr.Product p, Array out, Val factor) {
        Expr a = p.right();
        Index.Var row = loopIndex();
        Index.Var i = loopIndex();
        Index.Var j = loopIndex();
        Name coefficient = local("coefficient");
        body.add(new Loop(row, a.shape().rows(), List.of(
                new Loop(i, a.shape().cols(), List.of(
                        new Let(coefficient, times(factor, entry(a, row, i))),
                        new UnlessZero(new Local(coefficient), List.of(new Loop(j, i, a.shape().cols(), List.of(
                                new Accumulate(out, i, j, new Binary(Op.MULTIPLY, new Local(coefficient),
                                        entry(a, row, j))))))))))));
    }

    /** The upper triangle of out += factor · uuᵀ: entry (i, j), j ≥ i, adds (factor · uᵢ) uⱼ. */
    private void upperOuterProduct(Expr u, Array out, Val factor) {
        Index.Var i = loopIndex();
        Index.Var j = loopIndex();
        Name coefficient = local("coefficient");
        body.add(new Loop(i, u.shape().rows(), List.of(
                new Let(coefficient, times(factor, entry(u, i, Index.ZERO))),
                new UnlessZero(new Local(coefficient), List.of(new Loop(j, i, u.shape().rows(), List.of(
                        new Accumulate(out, i, j, new Binary(Op.MULTIPLY, new Local(coefficient),
                                entry(u, j, Index.ZERO))))))))));
    }

    /** The lower triangle of a symmetric matrix from its upper triangle: entry (j, i) = entry (i, j). */
    private void mirror(Array out) {
        Index.Var i = loopIndex();
        Index.Var j = loopIndex();
        body.add(new Loop(i, out.rows(), List.of(new Loop(j, Index.shifted(i, Dim.ONE), out.cols(), List.of(
                new Store(out, j, i, new Load(out, i, j)))))));
    }

    /** Each part of a block into its place: entry (i, j) of the part at (R + i, C + j). */
    private void block(Expr.Block b, Array out) {
        Dim top = Dim.ZERO;
        for (int r = 0; r < b.rows(); r++) {
            Dim left = Dim.ZERO;
            for (int c = 0; c < b.columns(); c++) {
                Expr part = b.part(r, c);
                Dim row = top;
                Dim column = left;
                if (part.shape().isScalar()) {
                    body.add(new Store(out, Index.shifted(Index.ZERO, row), Index.shifted(Index.ZERO, column),
                            value(part)));
                } else {
                    body.add(nest(part.shape(), (i, j) -> new Store(out, Index.shifted(i, row),
                            Index.shifted(j, column), entry(part, i, j))));
                }
                left = Dim.sum(left, part.shape().cols());
            }
            top = Dim.sum(top, b.part(r, 0).shape().rows());
        }
    }

    /** Entry (i·p + k, j·q + l) of A ⊗ B is aᵢⱼ bₖₗ, for a p × q B: a loop nest over both. */
    private void kronecker(Expr.Kronecker k, Array out) {
        Shape a = k.left().shape();
        Shape b = k.right().shape();
        body.add(nest(a, (i, j) -> nest(b, (p, q) -> new Store(out, Index.combined(i, b.rows(), p),
                Index.combined(j, b.cols(), q), new Binary(Op.MULTIPLY, entry(k.left(), i, j), entry(k.right(), p, q))))));
    }

    /** K for an m × n X: a 1 at row j·m + i, column i·n + j, zeros elsewhere. */
    private void commutation(Expr.Commutation k, Array out) {
        zero(out);
        Shape x = Shape.matrix(k.m(), k.n());
        body.add(nest(x, (i, j) -> new Store(out, Index.combined(j, k.m(), i), Index.combined(i, k.n(), j), new Num(1))));
    }

    private static Val times(Val factor, Val v) {
        return factor == null ? v : new Binary(Op.MULTIPLY, factor, v);
    }

    /** out += factor · A·B for a matrix result, in (ikj) order, B read by rows. */
    private void accumulateProduct(Expr a, Expr b, Array out, Val factor) {
        Index.Var row = loopIndex();
        Index.Var k = loopIndex();
        Index.Var col = loopIndex();
        Name aik = local("coefficient");
        body.add(new Loop(row, a.shape().rows(), List.of(
                new Loop(k, a.shape().cols(), List.of(
                        new Let(aik, times(factor, entry(a, row, k))),
                        new UnlessZero(new Local(aik), List.of(new Loop(col, b.shape().cols(), List.of(
                                new Accumulate(out, row, col, new Binary(Op.MULTIPLY, new Local(aik),
                                        entry(b, k, col))))))))))));
    }

    private void product(Expr.Product p, Array out) {
        Expr a = p.left();
        Expr b = p.right();
        Shape result = p.shape();
        Dim inner = a.shape().cols();
        if (plan.transposedTimesVector(p)) {
            // Aᵀv, A stored by rows: accumulate row p of A scaled by v[p], one pass over A's rows.
            Expr matrix = ((Expr.Transpose) a).operand();
            zero(out);
            Index.Var row = loopIndex();
            Index.Var col = loopIndex();
            Name vp = local("coefficient");
            body.add(new Loop(row, inner, List.of(
                    new Let(vp, entry(b, row, Index.ZERO)),
                    new UnlessZero(new Local(vp), List.of(new Loop(col, result.rows(), List.of(new Accumulate(out, col,
                            Index.ZERO, new Binary(Op.MULTIPLY, entry(matrix, row, col), new Local(vp))))))))));
        } else if (result.isVector()) {
            // Av: a dot product per row.
            Index.Var row = loopIndex();
            Index.Var k = loopIndex();
            Name acc = local("dot");
            body.add(new Loop(row, result.rows(), List.of(
                    new Init(acc, new Num(0)),
                    new Loop(k, inner, List.of(new Update(acc, Op.ADD,
                            new Binary(Op.MULTIPLY, entry(a, row, k), entry(b, k, Index.ZERO))))),
                    new Store(out, row, Index.ZERO, new Local(acc)))));
        } else if (isGram(p)) {
            zero(out);
            gram(p, out, null);
            mirror(out);
        } else {
            // Rows of the result as combinations of b's rows: (ikj) order, b read by rows.
            Index.Var row = loopIndex();
            Index.Var k = loopIndex();
            Index.Var col = loopIndex();
            Index.Var zeroCol = loopIndex();
            Name aik = local("coefficient");
            body.add(new Loop(row, result.rows(), List.of(
                    new Loop(zeroCol, result.cols(), List.of(new Store(out, row, zeroCol, new Num(0)))),
                    new Loop(k, inner, List.of(
                            new Let(aik, entry(a, row, k)),
                            new Loop(col, result.cols(), List.of(new Accumulate(out, row, col,
                                    new Binary(Op.MULTIPLY, new Local(aik), entry(b, k, col))))))))));
        }
    }

    /**
     * ‖x‖ᵏ, k ≥ 3, from the sum of squares s the norm was computed from: s^⌊k/2⌋, times ‖x‖ for an
     * odd k (‖x‖³ = s‖x‖), one multiplication and one rounding fewer than ‖x‖·‖x‖·‖x‖. Where the
     * careful path computed the norm, s overflowed (and so does ‖x‖ᵏ) or is below 2⁻⁹⁰⁰ (2⁻¹⁰⁰ in
     * float), where ‖x‖ᵏ underflows to zero either way.
     */
    private static Val normPower(Val norm, Val sumOfSquares, int k) {
        Val even = k / 2 == 1 ? sumOfSquares : new Val.Power(sumOfSquares, new Num(k / 2));
        return k % 2 == 0 ? even : new Binary(Op.MULTIPLY, even, norm);
    }

    private void zero(Array out) {
        body.add(nest(new Shape(out.cols().equals(Dim.ONE) ? Shape.Kind.VECTOR : Shape.Kind.MATRIX,
                out.rows(), out.cols()), (r, c) -> new Store(out, r, c, new Num(0))));
    }

    /** exp(x − max) of every entry of x into an array, their sum and the maximum. */
    private Exponentials emitExponentials(Expr x) {
        Shape shape = x.shape();
        Name max = local("max");
        body.add(new Init(max, new Num(Double.NEGATIVE_INFINITY)));
        body.add(nest(shape, (r, c) -> new Update(max, Op.MAX, entry(x, r, c))));
        Array shifted = temporary("exponentials", shape);
        body.add(nest(shape, (r, c) -> new Store(shifted, r, c, new Val.Call(MathFunction.EXP,
                new Binary(Op.SUBTRACT, entry(x, r, c), new Local(max))))));
        Val sum = reduce(local("sum"), shape, (r, c) -> new Load(shifted, r, c));
        return new Exponentials(shifted, sum, new Local(max));
    }

    /** The LU factorisation of a matrix already in an array (a parameter's, or its own). */
    private Factorisation factor(Expr matrix) {
        Array source = matrix instanceof Expr.Variable v ? parameters.get(v.name()) : known(matrix).array;
        Array lu = temporary("lu", matrix.shape());
        Array pivots = workspace.pivots(matrix.shape().rows());
        tagged(pivots.name());
        Name sign = local("sign");
        body.add(new Factor(source, lu, pivots, sign));
        return new Factorisation(lu, pivots, sign);
    }

    // ---- loops and names ------------------------------------------------------------------------

    private interface EntryStatement {
        Stmt at(Index row, Index col);
    }

    /** A loop over the rows (and, for a matrix, the columns) of a shape. */
    private Stmt nest(Shape shape, EntryStatement entry) {
        if (shape.isVector()) {
            Index.Var i = loopIndex();
            return new Loop(i, shape.rows(), List.of(entry.at(i, Index.ZERO)));
        }
        if (shape.isRow()) {
            Index.Var j = loopIndex();
            return new Loop(j, shape.cols(), List.of(entry.at(Index.ZERO, j)));
        }
        Index.Var i = loopIndex();
        Index.Var j = loopIndex();
        return new Loop(i, shape.rows(), List.of(new Loop(j, shape.cols(), List.of(entry.at(i, j)))));
    }

    private Index.Var loopIndex() {
        return new Index.Var("i" + ++loops);
    }

    private Array temporary(String role, Shape shape) {
        Array array = workspace.temporary(role, shape);
        tagged(array.name());
        return array;
    }

    private Name local(String role) {
        return tagged(workspace.local(role));
    }

    private Name tagged(Name name) {
        if (current != null && plan.forward(current)) {
            forwardNames.add(name);
        }
        return name;
    }
}

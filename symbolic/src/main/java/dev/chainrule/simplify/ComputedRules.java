package dev.chainrule.simplify;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** The rules that need code: constant folding, collecting like terms, absorbing a negation. */
final class ComputedRules {
    private ComputedRules() {}

    static final Rule CONSTANT_FOLDING = new ComputedRule("constant-folding",
            "an operator applied to constants is the constant it computes: 2 + 3 = 5",
            ComputedRules::foldConstants);

    static final Rule SUM_OF_CONSTANT = new ComputedRule("sum-of-constant",
            "sum(c·1⃗) over n entries = c·n (over m × n entries, c·m·n)",
            ComputedRules::sumOfConstant);

    static final Rule SUM_OF_PRODUCT_WITH_CONSTANT = new ComputedRule("sum-of-product-with-constant",
            "sum(A·C) = c·m·sum(A) for C (k × m) filled with c, and sum(C·A) = c·p·sum(A) for C (p × k)",
            ComputedRules::sumOfProductWithConstant);

    static final Rule TRACE_OF_IDENTITY = new ComputedRule("trace-of-identity", "tr(Iₙ) = n",
            node -> node instanceof Trace t && t.operand() instanceof Identity i ? size(i.size()) : null);

    static final Rule SUM_OF_IDENTITY = new ComputedRule("sum-of-identity", "sum(Iₙ) = n",
            node -> node instanceof Sum s && s.operand() instanceof Identity i ? size(i.size()) : null);

    static final Rule DIAGONAL_OF_IDENTITY = new ComputedRule("diagonal-of-identity", "diag(Iₙ) = 1⃗ (of length n)",
            node -> node instanceof Diagonal d && d.operand() instanceof Identity i ? ones(Shape.vector(i.size())) : null);

    static final Rule COLLECT_LIKE_TERMS = new ComputedRule("collect-like-terms",
            "x + x = 2x, 2x − x = x, x − x = 0; terms keep the order they came in, but the constant "
                    + "comes first and a term follows its untransposed twin (A + Aᵀ, Ax + Aᵀx)",
            ComputedRules::collectLikeTerms, node -> node instanceof Add);

    static final Rule COMMON_DENOMINATOR = new ComputedRule("common-denominator",
            "scalar fractions over whole powers of one base add, where that shortens: over one power, "
                    + "n/bᵏ + u/bᵏ = (n + u)/bᵏ; over the highest where like terms of the numerator meet, "
                    + "n/bᵐ + u/bᵏ = (n·bᵏ⁻ᵐ + u)/bᵏ for k > m ≥ 1, sum(x.^2) counting as ‖x‖²: "
                    + "1/sum(x.^2) + (r − ‖x‖)/‖x‖³ = (‖x‖ + r − ‖x‖)/‖x‖³ = r/‖x‖³",
            Fractions::commonDenominator, node -> node instanceof Add);

    static final Rule SCALAR_FACTORS = new ComputedRule("scalar-factors",
            "the scalar factors of a product are gathered in front, in order: one constant (with the "
                    + "divisors as c/d), then variables and their powers by name, then the rest: 2(a/b)·cos(x) "
                    + "→ (2/b)·a·cos(x); a product of scalars with divisors is one quotient",
            ScalarFactors::canonical, ScalarFactors::isLink);

    static final Rule ABSORB_NEGATION = new ComputedRule("absorb-negation",
            "−(c·u) = (−c)·u for a constant c, and −(u ⊙ (a − b)) = u ⊙ (b − a) through products",
            node -> node instanceof Negate n ? flipSign(n.operand(), 8) : null);

    static final Rule LIKE_TERMS = new ComputedRule("like-terms",
            "terms that differ in a scalar factor gather: ax + bx → (a + b)x, x + cx → (1 + c)x",
            SumFactors::likeTerms);

    static final Rule COMMON_SCALAR_FACTOR = new ComputedRule("common-scalar-factor",
            "a scalar factor of every term of a sum comes out: ax + ay → a(x + y)",
            SumFactors::commonFactor);

    static final Rule ASSOCIATE_LEFT = new ComputedRule("associate-left",
            "a chain of products associated to the left, its scalars in front: A(s(BC)) → s((AB)C)",
            ProductChains::associateLeft);

    static final Rule ASSOCIATE_RIGHT = new ComputedRule("associate-right",
            "a chain of products associated to the right, its scalars in front: (A(sB))C → s(A(BC))",
            ProductChains::associateRight);

    static final Rule CANCEL_INVERSES = new ComputedRule("cancel-inverses",
            "adjacent inverses in a chain of products cancel: A X X⁻¹ B → AB, Aᵀ A⁻ᵀ → I",
            ProductChains::cancelInverses);

    static final Rule TRANSPOSE_TO_LEAVES = ComputedRule.withFacts("transpose-to-leaves",
            "a transpose pushed through products, scalings, negations and inverses to the names: "
                    + "(AXᵀB)ᵀ → BᵀXAᵀ, and Sᵀ → S for a symmetric S",
            ProductChains::transposeToLeaves);

    // ---- constant folding -----------------------------------------------------------------------

    private static Expr foldConstants(Expr node) {
        return node.accept(FOLD);
    }

    /**
     * The constant an element-wise operator computes from constant operands, or null. Reductions and
     * matrix functions of a constant are left alone: their value depends on its size, which may be
     * symbolic (sum-of-constant and the identity rules handle the common cases); the factories
     * already transpose and negate constants.
     */
    private static final Expr.Visitor<Expr> FOLD = new Expr.Visitor<>() {
        @Override public Expr visitAdd(Add node) { return fold(node, (x, y) -> x + y); }
        @Override public Expr visitNegate(Negate node) { return fold(node, x -> -x); }
        @Override public Expr visitScale(Scale node) { return fold(node, (x, y) -> x * y); }
        @Override public Expr visitHadamard(Hadamard node) { return fold(node, (x, y) -> x * y); }
        @Override public Expr visitDivide(Divide node) { return fold(node, (x, y) -> x / y); }
        @Override public Expr visitPower(Power node) { return fold(node, Math::pow); }
        @Override public Expr visitMax(Max node) { return fold(node, Math::max); }
        @Override public Expr visitApply(Apply node) { return fold(node, node.fn()::apply); }

        @Override public Expr visitVariable(Variable node) { return null; }
        @Override public Expr visitConstant(Constant node) { return null; }
        @Override public Expr visitIdentity(Identity node) { return null; }
        @Override public Expr visitSize(Size node) { return null; }
        @Override public Expr visitProduct(Product node) { return null; }
        @Override public Expr visitTranspose(Transpose node) { return null; }
        @Override public Expr visitSum(Sum node) { return null; }
        @Override public Expr visitNorm2(Norm2 node) { return null; }
        @Override public Expr visitLogSumExp(LogSumExp node) { return null; }
        @Override public Expr visitSoftmax(Softmax node) { return null; }
        @Override public Expr visitTrace(Trace node) { return null; }
        @Override public Expr visitDet(Det node) { return null; }
        @Override public Expr visitLogDet(LogDet node) { return null; }
        @Override public Expr visitInverse(Inverse node) { return null; }
        @Override public Expr visitDiagonalMatrix(DiagonalMatrix node) { return null; }
        @Override public Expr visitDiagonal(Diagonal node) { return null; }
        @Override public Expr visitBlock(Expr.Block node) { return null; }
        @Override public Expr visitSlice(Expr.Slice node) { return null; }
        @Override public Expr visitKronecker(Expr.Kronecker node) { return null; }
        @Override public Expr visitReshape(Expr.Reshape node) { return null; }
        @Override public Expr visitCommutation(Expr.Commutation node) { return null; }

        private static Expr fold(Expr node, DoubleUnaryOperator op) {
            return node.children().get(0) instanceof Constant c
                    ? constant(op.applyAsDouble(c.value()), node.shape()) : null;
        }

        private static Expr fold(Expr node, DoubleBinaryOperator op) {
            return node.children().get(0) instanceof Constant a && node.children().get(1) instanceof Constant b
                    ? constant(op.applyAsDouble(a.value(), b.value()), node.shape()) : null;
        }
    };

    private static Expr sumOfConstant(Expr node) {
        if (!(node instanceof Sum s) || !(s.operand() instanceof Constant c) || c.shape().isScalar()) {
            return null;
        }
        Shape shape = c.shape();
        Expr count = shape.isMatrix() ? scale(size(shape.rows()), size(shape.cols())) : size(length(shape));
        return c.value() == 1 ? count : scale(scalar(c.value()), count);
    }

    private static Expr sumOfProductWithConstant(Expr node) {
        if (!(node instanceof Sum s) || !(s.operand() instanceof Product p)) {
            return null;
        }
        Constant c;
        Expr other;
        Dim count;
        if (p.right() instanceof Constant right) {
            c = right;
            other = p.left();
            count = right.shape().cols();
        } else if (p.left() instanceof Constant left) {
            c = left;
            other = p.right();
            count = left.shape().rows();
        } else {
            return null;
        }
        Expr factor = c.value() == 1 ? size(count) : scale(scalar(c.value()), size(count));
        return scale(factor, sum(other));
    }

    private static Dim length(Shape shape) {
        return shape.length();
    }

    // ---- like terms -----------------------------------------------------------------------------

    /** A term of a sum as coefficient × base; a null base stands for the constant part. */
    private record Term(double coefficient, Expr base) {}

    /** The sum with its like terms collected (see {@link #COLLECT_LIKE_TERMS}), or null where it has none. */
    static Expr collectLikeTerms(Expr node) {
        if (!(node instanceof Add)) {
            return null;
        }
        List<Term> terms = new ArrayList<>();
        flatten(node, 1.0, terms);
        double constant = 0;
        Map<Expr, Double> coefficients = new LinkedHashMap<>();
        for (Term term : terms) {
            if (term.base() == null) {
                constant += term.coefficient();
            } else {
                coefficients.merge(term.base(), term.coefficient(), Double::sum);
            }
        }
        List<Expr> bases = canonicalOrder(coefficients.keySet());

        Shape shape = node.shape();
        List<Expr> rebuilt = new ArrayList<>();
        if (constant != 0) {
            rebuilt.add(constant(constant, shape));
        }
        for (Expr base : bases) {
            double c = coefficients.get(base);
            if (c == 1) {
                rebuilt.add(base);
            } else if (c == -1) {
                rebuilt.add(negate(base));
            } else if (c != 0) {
                rebuilt.add(scale(scalar(c), base));
            }
        }
        if (rebuilt.isEmpty()) {
            return zero(shape);
        }
        Expr sum = rebuilt.get(0);
        for (int i = 1; i < rebuilt.size(); i++) {
            sum = add(sum, rebuilt.get(i));
        }
        return sum == node ? null : sum;
    }

    private static void flatten(Expr e, double coefficient, List<Term> out) {
        if (e instanceof Add a) {
            flatten(a.left(), coefficient, out);
            flatten(a.right(), coefficient, out);
        } else if (e instanceof Negate n) {
            flatten(n.operand(), -coefficient, out);
        } else if (e instanceof Constant c) {
            out.add(new Term(coefficient * c.value(), null));
        } else if (e instanceof Scale s && s.factor() instanceof Constant c) {
            flatten(s.operand(), coefficient * c.value(), out);
        } else {
            out.add(new Term(coefficient, e));
        }
    }

    /**
     * Terms in the order they came, except that terms equal up to transposes are grouped, the one
     * with fewer transposes first: so {@code Aᵀx + Ax} becomes {@code Ax + Aᵀx}, ready to factor.
     */
    private static List<Expr> canonicalOrder(java.util.Collection<Expr> terms) {
        Map<Object, List<Expr>> groups = new LinkedHashMap<>();
        for (Expr term : terms) {
            groups.computeIfAbsent(withoutTransposes(term, 16), k -> new ArrayList<>()).add(term);
        }
        List<Expr> ordered = new ArrayList<>();
        for (List<Expr> group : groups.values()) {
            group.sort(java.util.Comparator.comparingInt(t -> transposeCount(t, 16)));
            ordered.addAll(group);
        }
        return ordered;
    }

    /**
     * A grouping key: the term with its transposes removed, looking a few levels deep. Not an
     * expression, since a product without its transposes may no longer be shape-correct.
     */
    private static Object withoutTransposes(Expr e, int depth) {
        if (depth == 0) {
            return e;
        }
        if (e instanceof Transpose t) {
            return withoutTransposes(t.operand(), depth - 1);
        }
        if (e instanceof Product p) {
            return List.of(Product.class, withoutTransposes(p.left(), depth - 1), withoutTransposes(p.right(), depth - 1));
        }
        return e;
    }

    private static int transposeCount(Expr e, int depth) {
        if (depth == 0) {
            return 0;
        }
        int own = e instanceof Transpose ? 1 : 0;
        int count = own;
        if (e instanceof Transpose || e instanceof Product) {
            for (Expr child : e.children()) {
                count += transposeCount(child, depth - 1);
            }
        }
        return count;
    }

    // ---- negation -------------------------------------------------------------------------------

    /**
     * {@code -e} without a negation node, where one is at hand: a constant factor changes sign, or
     * a difference inside a chain of products turns around. Null where neither is.
     */
    private static Expr flipSign(Expr e, int depth) {
        if (depth == 0) {
            return null;
        }
        if (e instanceof Negate n) {
            return n.operand();
        }
        if (e instanceof Constant c) {
            return constant(-c.value(), c.shape());
        }
        if (e instanceof Add a && a.right() instanceof Negate b) {
            return add(b.operand(), negate(a.left()));
        }
        if (e instanceof Scale s) {
            if (s.factor() instanceof Constant c) {
                return scale(scalar(-c.value()), s.operand());
            }
            if (s.operand() instanceof Constant) {
                return null; // an expanded scalar s·1⃗ stays as it is: −(s·1⃗) reads x − s in a sum
            }
            Expr flipped = flipSign(s.operand(), depth - 1);
            return flipped == null ? null : scale(s.factor(), flipped);
        }
        if (e instanceof Product || e instanceof Hadamard) {
            Expr left = e.children().get(0);
            Expr right = e.children().get(1);
            Expr flippedRight = flipSign(right, depth - 1);
            if (flippedRight != null) {
                return e.withChildren(List.of(left, flippedRight));
            }
            Expr flippedLeft = flipSign(left, depth - 1);
            return flippedLeft == null ? null : e.withChildren(List.of(flippedLeft, right));
        }
        return null;
    }
}

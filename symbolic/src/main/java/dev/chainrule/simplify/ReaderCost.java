package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.egraph.CostModel;
import dev.chainrule.simplify.egraph.ENode;
import dev.chainrule.simplify.egraph.Operators;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader calls simple, as a cost to minimise: first the length of the printed term, so that
 * the result is never longer than its input and {@code (1/a)·a} and unfactored sums lose by length;
 * then, among terms of one length, the fewest marks a reader must parse (the penalty); then the
 * term order. The length ({@link #length}) counts the nodes of the term as printed (a shared
 * subterm wherever it is printed), and the two parentheses that a transpose or an inverse of a
 * product needs, and a sum nested on the right of a sum: {@code (CA)ᵀ} is longer than
 * {@code AᵀCᵀ}, so transposes go to the names, as textbooks write them, while {@code (XᵀX)⁻¹}
 * stays, having no shorter form.
 *
 * <p>Penalties: a transpose (six over anything but a name: {@code BᵀXᵀAᵀ}, not {@code (AXB)ᵀ}); an
 * inverse; a sign or a scalar factor inside a product rather than in front ({@code −Ax},
 * {@code 2Aᵀ(Ax − y)}); a constant behind another factor ({@code 2ab}, not {@code a·2b}); a chain of
 * scalar factors nested to the left; a negative coefficient, where a difference could turn round;
 * a sum that starts with a negative term while a later one is positive ({@code b − 1},
 * {@code x − y}), or with the more transposed of two terms ({@code A + Aᵀ}); a term added to
 * itself, {@code x ⊙ x}, {@code (a/b)/c}, a scaling written {@code 2⃗ ⊙ x}; a scalar inside a sum
 * ({@code a·sum(x)}); {@code sum(x ⊙ y)} of two names ({@code xᵀy}); two for a product of two
 * matrices ({@code A(Bx)}, not {@code (AB)x}); a product nested on the right ({@code (xᵀA)x}); and
 * {@code ‖x‖²} (computed as {@code sum(x.^2)}, with no square root to square).
 */
final class ReaderCost implements CostModel<ReaderCost.Cost> {
    // Traits of a term's top node, which its parent's cost looks at.
    static final int LEAF = 1;
    static final int NEGATIVE = 1 << 1;
    static final int SCALED = 1 << 2;
    static final int CONSTANT_SCALED = 1 << 3;
    static final int CONSTANT = 1 << 4;
    /** A name, or a name with postfix marks ({@code Aᵀ}, {@code A⁻¹}, {@code A⁻ᵀ}): printed without parentheses. */
    static final int ATOM = 1 << 5;
    /** A constant, or a constant over something ({@code 2/N}): what stands in front of a product. */
    static final int COEFFICIENT = 1 << 6;
    static final int SUM = 1 << 7;
    static final int QUOTIENT = 1 << 8;
    static final int PRODUCT = 1 << 9;
    static final int NORM = 1 << 10;
    /** An element-wise product of two names, vectors: a dot product under a sum. */
    static final int NAMES_HADAMARD = 1 << 11;

    /**
     * @param size       the length, as printed
     * @param penalty    marks to parse, summed over the term
     * @param transposes transposes in the term
     * @param traits     of its top node
     */
    record Cost(long size, long penalty, long transposes, int traits) implements Comparable<Cost> {
        @Override
        public int compareTo(Cost o) {
            int c = Long.compare(size, o.size);
            if (c == 0) {
                c = Long.compare(penalty, o.penalty);
            }
            if (c == 0) {
                c = Long.compare(transposes, o.transposes);
            }
            return c != 0 ? c : Integer.compare(traits, o.traits);
        }

        boolean is(int trait) {
            return (traits & trait) != 0;
        }
    }

    /** What one node adds to its operands' costs. */
    private static final class Node {
        final ENode node;
        final Expr op;
        final List<Cost> operands;
        long size = 1;
        long penalty;
        long transposes;
        int traits;

        Node(ENode node, List<Cost> operands) {
            this.node = node;
            this.op = node.operator();
            this.operands = operands;
            for (Cost c : operands) {
                size = saturatingAdd(size, c.size);
                penalty = saturatingAdd(penalty, c.penalty);
                transposes = saturatingAdd(transposes, c.transposes);
            }
        }

        Cost operand(int i) {
            return operands.get(i);
        }

        boolean sameOperands() {
            return node.arity() == 2 && node.child(0) == node.child(1);
        }

        Cost cost() {
            return new Cost(size, penalty, transposes, traits);
        }
    }

    @Override
    public Cost cost(ENode enode, List<Cost> operands) {
        Node n = new Node(enode, operands);
        Expr op = n.op;
        if (operands.isEmpty()) {
            n.traits |= LEAF | ATOM;
        }
        if (op instanceof Expr.Constant c) {
            n.traits |= CONSTANT | COEFFICIENT | (c.value() < 0 ? NEGATIVE : 0);
        } else if (op instanceof Expr.Transpose || op instanceof Expr.Inverse) {
            postfix(n);
        } else if (op instanceof Expr.Negate) {
            n.traits |= NEGATIVE;
        } else if (op instanceof Expr.Divide) {
            quotient(n);
        } else if (op instanceof Expr.Scale) {
            scaling(n);
        } else if (op instanceof Expr.Product || op instanceof Expr.Hadamard) {
            product(n);
        } else if (op instanceof Expr.Sum || op instanceof Expr.Trace) {
            reduction(n);
        } else if (op instanceof Expr.Add) {
            sum(n);
        } else if (op instanceof Expr.Power && n.operand(0).is(NORM)) {
            n.penalty += 1;   // ‖x‖² is computed as sum(x.^2): no square root to square
        } else if (op instanceof Expr.Norm2) {
            n.traits |= NORM;
        } else if ((op instanceof Expr.Det || op instanceof Expr.LogDet) && n.operand(0).is(SUM)) {
            n.penalty += 1;   // det(I + xyᵀ) is 1 + yᵀx: a scalar, where a sum's determinant is a factorisation
        }
        return n.cost();
    }

    /** Aᵀ, A⁻¹: a name with marks stays a name to the eye; over a product, the parentheses count. */
    private static void postfix(Node n) {
        Cost operand = n.operand(0);
        if (operand.is(ATOM)) {
            n.traits |= ATOM;
        } else if (operand.is(PRODUCT)) {
            n.size = saturatingAdd(n.size, 2);   // the parentheses: (AB)ᵀ, (XᵀX)⁻¹
        }
        if (n.op instanceof Expr.Transpose) {
            n.transposes++;
            n.penalty += operand.is(ATOM) ? 1 : 6;   // BᵀXᵀAᵀ, not (AXB)ᵀ
        } else {
            n.penalty += 1;
        }
    }

    private static void quotient(Node n) {
        Cost left = n.operand(0);
        n.traits |= QUOTIENT;
        if (n.op.shape().isScalar() && left.is(CONSTANT)) {
            n.traits |= COEFFICIENT | (left.traits & NEGATIVE);   // c/d, written in front as a constant is
        }
        if (left.is(QUOTIENT)) {
            n.penalty += 1;   // (a/b)/c
        }
        if (n.sameOperands()) {
            n.penalty += 1;
        }
    }

    private static void scaling(Node n) {
        Cost factor = n.operand(0);
        Cost operand = n.operand(1);
        n.traits |= SCALED;
        if (factor.is(COEFFICIENT)) {
            n.traits |= CONSTANT_SCALED | (factor.traits & NEGATIVE);
            if (factor.is(NEGATIVE)) {
                n.penalty += 1;   // a negative coefficient, where a difference could turn round
            }
        } else if (operand.is(CONSTANT_SCALED)) {
            n.penalty += 1;   // a·(2b): the constant behind
        }
        if (factor.is(SCALED)) {
            n.penalty += 1;   // (ab)c: a chain of factors reads from the left, nested to the right
        }
        if (n.op.shape().isScalar() && operand.is(CONSTANT)) {
            n.penalty += 1;   // b·2
        }
        if (operand.is(NEGATIVE)) {
            n.penalty += 1;
        }
    }

    private static void product(Node n) {
        if (n.op instanceof Expr.Product) {
            n.traits |= PRODUCT;
            List<Expr> shapes = n.op.children();
            if (shapes.get(0).shape().isMatrix() && shapes.get(1).shape().isMatrix()) {
                n.penalty += 2;   // a matrix times a matrix: A(Bx) rather than (AB)x
            }
            if (n.operand(1).is(PRODUCT)) {
                n.penalty += 1;   // products associate to the left, as they are read: (xᵀA)x
            }
        } else if (n.op.shape().isVector() && n.operand(0).is(ATOM) && n.operand(1).is(ATOM)) {
            n.traits |= NAMES_HADAMARD;
        }
        for (Cost c : n.operands) {
            if (c.is(NEGATIVE | SCALED) && !c.is(LEAF)) {
                n.penalty += 1;   // signs and scalars in front: −Ax, 2Aᵀ(Ax − y)
            }
            if (n.op instanceof Expr.Hadamard && c.is(CONSTANT)) {
                n.penalty += 2;   // 2⃗ ⊙ x is a scaling (even by a negative constant)
            }
        }
        if (n.sameOperands()) {
            n.penalty += 1;   // x ⊙ x is x.^2
        }
    }

    private static void reduction(Node n) {
        if (n.operand(0).is(SCALED)) {
            n.penalty += 1;   // scalars out of sums: a·sum(x)
        }
        if (n.operand(0).is(NAMES_HADAMARD)) {
            n.penalty += 1;   // sum(x ⊙ y) of two names is the dot product xᵀy
        }
    }

    private static void sum(Node n) {
        Cost left = n.operand(0);
        Cost right = n.operand(1);
        n.traits |= SUM;
        if (right.is(SUM)) {
            n.size = saturatingAdd(n.size, 2);   // a + (b + c): the parentheses
        }
        if (left.is(NEGATIVE) && !right.is(NEGATIVE)) {
            n.penalty += 1;   // b − 1, x − y
        }
        if (left.transposes > right.transposes) {
            n.penalty += 1;   // A + Aᵀ
        }
        if (n.sameOperands()) {
            n.penalty += 1;   // x + x, uncollected
        }
    }

    /** The cost of a term as printed: each node costed over its operands', a shared one wherever it occurs. */
    Cost of(Expr term) {
        Map<Expr, Cost> costs = new IdentityHashMap<>();
        Map<Expr, Integer> ids = new IdentityHashMap<>();
        for (Expr node : dev.chainrule.graph.Traversal.postOrder(term)) {
            List<Expr> children = node.children();
            int[] operands = new int[children.size()];
            List<Cost> operandCosts = new ArrayList<>(children.size());
            for (int i = 0; i < operands.length; i++) {
                operands[i] = ids.get(children.get(i));
                operandCosts.add(costs.get(children.get(i)));
            }
            ids.put(node, ids.size());
            costs.put(node, cost(ENode.of(Operators.of(node), operands), operandCosts));
        }
        return costs.get(term);
    }

    /** The length of a term as printed: {@link #of}'s first measure, which simplification never increases. */
    static long length(Expr term) {
        return new ReaderCost().of(term).size();
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE / 2 : sum;
    }
}

package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.egraph.CostModel;
import dev.chainrule.simplify.egraph.ENode;
import java.util.List;

/**
 * What a reader calls simple, as a cost to minimise: first the length of the printed term, so that
 * the result is never longer than its input and {@code (1/a)·a} and unfactored sums lose by length;
 * then, among terms of one length, the fewest marks a reader must parse (the penalty); then the
 * term order. The length ({@link #length}) counts the nodes of the term as printed (a shared
 * subterm wherever it is printed), and the two parentheses a transpose or an inverse of anything
 * but a name needs: {@code (CA)ᵀ} is longer than {@code AᵀCᵀ}, so transposes go to the names, as
 * textbooks write them, while {@code (XᵀX)⁻¹} stays, having no shorter form.
 *
 * <p>Penalties, each one point: a transpose, and two more if it covers more than a name
 * ({@code (AXᵀB)ᵀ} against {@code BᵀXAᵀ}); an inverse; a sign or a scalar factor inside a product
 * rather than in front ({@code −Ax}, {@code 2Aᵀ(Ax − y)}); a constant factor behind another factor
 * ({@code 2ab}, not {@code a·2b}); a sum that starts with a negative term while a later one is
 * positive ({@code b − 1}, {@code x − y}), or with the more transposed of two terms ({@code A + Aᵀ}).
 */
final class ReaderCost implements CostModel<ReaderCost.Cost> {
    /** Traits of a term's top node that its parent's penalty looks at. */
    static final int LEAF = 1;
    static final int NEGATIVE = 2;
    static final int SCALED = 4;
    static final int CONSTANT_SCALED = 8;
    static final int CONSTANT = 16;
    /** A name, or a name with postfix marks ({@code Aᵀ}, {@code A⁻¹}, {@code A⁻ᵀ}): printed without parentheses. */
    static final int ATOM = 32;
    /** A constant, or a constant over something ({@code 2/N}): what stands in front of a product. */
    static final int COEFFICIENT = 64;

    /**
     * @param size       nodes, as printed
     * @param penalty    marks to parse, summed over the term
     * @param transposes transposes in the term
     * @param traits     of its top node
     * @param sums       whether its top node is a sum
     * @param divides    whether its top node is a quotient
     * @param product    whether its top node is a matrix product
     * @param norm       whether its top node is a norm
     * @param dotOfNames whether its top node is an element-wise product of two names, vectors
     */
    record Cost(long size, long penalty, long transposes, int traits, boolean sums, boolean divides, boolean product,
                boolean norm, boolean dotOfNames) implements Comparable<Cost> {
        @Override
        public int compareTo(Cost o) {
            int c = Long.compare(size, o.size);
            if (c == 0) {
                c = Long.compare(penalty, o.penalty);
            }
            if (c == 0) {
                c = Long.compare(transposes, o.transposes);
            }
            if (c == 0) {
                c = Integer.compare(traits, o.traits);
            }
            if (c == 0) {
                c = Boolean.compare(sums, o.sums);
            }
            if (c == 0) {
                c = Boolean.compare(divides, o.divides);
            }
            if (c == 0) {
                c = Boolean.compare(product, o.product);
            }
            if (c == 0) {
                c = Boolean.compare(norm, o.norm);
            }
            return c != 0 ? c : Boolean.compare(dotOfNames, o.dotOfNames);
        }
    }

    @Override
    public Cost cost(ENode node, List<Cost> operands) {
        Expr op = node.operator();
        long size = 1;
        long penalty = 0;
        long transposes = 0;
        for (Cost c : operands) {
            size = saturatingAdd(size, c.size);
            penalty = saturatingAdd(penalty, c.penalty);
            transposes = saturatingAdd(transposes, c.transposes);
        }
        int traits = 0;
        if (operands.isEmpty()) {
            traits |= LEAF | ATOM;
        }
        if (op instanceof Expr.Transpose || op instanceof Expr.Inverse) {
            if ((operands.get(0).traits & ATOM) != 0) {
                traits |= ATOM;
            } else if (operands.get(0).product) {
                size = saturatingAdd(size, 2);   // the parentheses: (AB)ᵀ, (XᵀX)⁻¹
            }
        }
        boolean sameOperands = node.arity() == 2 && node.child(0) == node.child(1);
        if (op instanceof Expr.Constant c) {
            traits |= CONSTANT | COEFFICIENT;
            if (c.value() < 0) {
                traits |= NEGATIVE;
            }
        } else if (op instanceof Expr.Transpose) {
            transposes++;
            penalty += (operands.get(0).traits & ATOM) != 0 ? 1 : 6;   // BᵀXᵀAᵀ, not (AXB)ᵀ
        } else if (op instanceof Expr.Inverse) {
            penalty += 1;
        } else if (op instanceof Expr.Negate) {
            traits |= NEGATIVE;
        } else if (op instanceof Expr.Divide) {
            Cost left = operands.get(0);
            if (op.shape().isScalar() && (left.traits & CONSTANT) != 0) {
                traits |= COEFFICIENT | (left.traits & NEGATIVE);   // c/d, written in front as a constant is
            }
            if (left.divides) {
                penalty += 1;   // (a/b)/c
            }
            if (sameOperands) {
                penalty += 1;
            }
        } else if (op instanceof Expr.Scale) {
            Cost factor = operands.get(0);
            Cost operand = operands.get(1);
            traits |= SCALED;
            if ((factor.traits & COEFFICIENT) != 0) {
                traits |= CONSTANT_SCALED | (factor.traits & NEGATIVE);
                if ((factor.traits & NEGATIVE) != 0) {
                    penalty += 1;   // a negative coefficient, where a difference could turn round
                }
            } else if ((operand.traits & CONSTANT_SCALED) != 0) {
                penalty += 1;   // a·(2b): the constant behind
            }
            if ((factor.traits & SCALED) != 0) {
                penalty += 1;   // (ab)c: a chain of factors reads from the left, nested to the right
            }
            if (op.shape().isScalar() && (operand.traits & CONSTANT) != 0) {
                penalty += 1;   // b·2
            }
            if ((operand.traits & NEGATIVE) != 0) {
                penalty += 1;
            }
        } else if (op instanceof Expr.Power && operands.get(0).norm) {
            penalty += 1;   // ‖x‖² is computed as sum(x.^2): no square root to square
        }
        if (op instanceof Expr.Product) {
            List<Expr> shapes = op.children();
            if (shapes.get(0).shape().isMatrix() && shapes.get(1).shape().isMatrix()) {
                penalty += 2;   // a matrix times a matrix: A(Bx) rather than (AB)x
            }
            if (operands.get(1).product) {
                penalty += 1;   // products associate to the left, as they are read: (xᵀA)x
            }
        }
        if (op instanceof Expr.Product || op instanceof Expr.Hadamard) {
            for (Cost c : operands) {
                if ((c.traits & (NEGATIVE | SCALED)) != 0 && (c.traits & LEAF) == 0) {
                    penalty += 1;   // signs and scalars in front: −Ax, 2Aᵀ(Ax − y)
                }
                if (op instanceof Expr.Hadamard && (c.traits & CONSTANT) != 0) {
                    penalty += 2;   // 2⃗ ⊙ x is a scaling (even by a negative constant)
                }
            }
            if (sameOperands) {
                penalty += 1;   // x ⊙ x is x.^2
            }
        } else if (op instanceof Expr.Sum || op instanceof Expr.Trace) {
            if ((operands.get(0).traits & SCALED) != 0) {
                penalty += 1;   // scalars out of sums: a·sum(x)
            }
            if (operands.get(0).dotOfNames) {
                penalty += 1;   // sum(x ⊙ y) of two names is the dot product xᵀy
            }
        } else if (op instanceof Expr.Add) {
            Cost left = operands.get(0);
            Cost right = operands.get(1);
            if (right.sums) {
                size = saturatingAdd(size, 2);   // a + (b + c): the parentheses
            }
            if ((left.traits & NEGATIVE) != 0 && (right.traits & NEGATIVE) == 0) {
                penalty += 1;   // b − 1, x − y
            }
            if (left.transposes > right.transposes) {
                penalty += 1;   // A + Aᵀ
            }
            if (sameOperands) {
                penalty += 1;   // x + x, uncollected
            }
        }
        return new Cost(size, penalty, transposes, traits, op instanceof Expr.Add, op instanceof Expr.Divide,
                op instanceof Expr.Product, op instanceof Expr.Norm2,
                op instanceof Expr.Hadamard && op.shape().isVector() && (operands.get(0).traits & ATOM) != 0
                        && (operands.get(1).traits & ATOM) != 0);
    }

    /** The cost of a term as printed: each node costed over its operands', a shared one wherever it occurs. */
    Cost of(Expr term) {
        java.util.Map<Expr, Cost> costs = new java.util.IdentityHashMap<>();
        java.util.Map<Expr, Integer> ids = new java.util.IdentityHashMap<>();
        for (Expr node : dev.chainrule.graph.Traversal.postOrder(term)) {
            List<Expr> children = node.children();
            int[] operands = new int[children.size()];
            List<Cost> operandCosts = new java.util.ArrayList<>(children.size());
            for (int i = 0; i < operands.length; i++) {
                operands[i] = ids.get(children.get(i));
                operandCosts.add(costs.get(children.get(i)));
            }
            ids.put(node, ids.size());
            costs.put(node, cost(ENode.of(dev.chainrule.simplify.egraph.Operators.of(node), operands), operandCosts));
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

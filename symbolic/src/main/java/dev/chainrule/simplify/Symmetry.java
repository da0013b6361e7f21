package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Expr.*;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which square matrices are symmetric, from how they are built: the identity, a diagonal matrix, a
 * constant, a variable declared symmetric; {@code XᵀX} and {@code XXᵀ}; {@code XSXᵀ} and
 * {@code S²} for a symmetric S; and sums, scalings, element-wise functions, transposes and
 * inverses of symmetric matrices.
 *
 * <p>One set of rules for both ways of asking: about a node of a graph ({@link StructuralFacts}),
 * whose operands are nodes, and about an e-node of the search, whose operands are e-classes
 * (several nodes known equal). {@link Structure} is what each knows about its operands.
 */
final class Symmetry {
    private Symmetry() {}

    /** Whether a variable is declared symmetric ({@code symmetric[n]}). */
    static boolean declared(Expr.Variable v) {
        return v.symmetric();
    }

    /** What is known of the operands {@code H} of a node: which are transposes of which, which are products. */
    interface Structure<H> {
        /** Whether {@code a} is (known equal to) the transpose of {@code b}. */
        boolean isTransposeOf(H a, H b);

        /** The operands (left, right) of every product that {@code h} is (known equal to). */
        List<List<H>> products(H h);

        boolean same(H a, H b);
    }

    /**
     * Whether the node is symmetric.
     *
     * @param node      the node, for its operator and shapes (its own operands are not looked at)
     * @param operands  its operands as the caller knows them
     * @param symmetric whether an operand is symmetric
     * @param symmetricVariables which variables are symmetric ({@link #declared}, or standing for a symmetric term)
     */
    static <H> boolean of(Expr node, List<H> operands, Structure<H> structure, Predicate<H> symmetric,
                          Predicate<Expr.Variable> symmetricVariables) {
        if (!node.shape().isSquareMatrix()) {
            return false;
        }
        return node.accept(new Rules<>(operands, structure, symmetric, symmetricVariables));
    }

    private record Rules<H>(List<H> operands, Structure<H> structure, Predicate<H> symmetric,
                            Predicate<Expr.Variable> symmetricVariables) implements Expr.Visitor<Boolean> {
        /** Every operand symmetric or a scalar (an element-wise operator spreads a scalar symmetrically). */
        private boolean elementwise(Expr node) {
            List<Expr> shapes = node.children();
            for (int i = 0; i < operands.size(); i++) {
                if (!shapes.get(i).shape().isScalar() && !symmetric.test(operands.get(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean operand() {
            return symmetric.test(operands.get(0));
        }

        @Override public Boolean visitVariable(Variable node) { return symmetricVariables.test(node); }
        @Override public Boolean visitConstant(Constant node) { return true; }
        @Override public Boolean visitIdentity(Identity node) { return true; }
        @Override public Boolean visitSize(Size node) { return false; }
        @Override public Boolean visitAdd(Add node) { return elementwise(node); }
        @Override public Boolean visitNegate(Negate node) { return elementwise(node); }
        @Override public Boolean visitScale(Scale node) { return elementwise(node); }
        @Override public Boolean visitHadamard(Hadamard node) { return elementwise(node); }
        @Override public Boolean visitDivide(Divide node) { return elementwise(node); }
        @Override public Boolean visitPower(Power node) { return elementwise(node); }
        @Override public Boolean visitApply(Apply node) { return elementwise(node); }
        @Override public Boolean visitMax(Max node) { return elementwise(node); }
        @Override public Boolean visitTranspose(Transpose node) { return operand(); }
        @Override public Boolean visitInverse(Inverse node) { return operand(); }
        @Override public Boolean visitDiagonalMatrix(DiagonalMatrix node) { return true; }
        @Override public Boolean visitSum(Sum node) { return false; }
        @Override public Boolean visitNorm2(Norm2 node) { return false; }
        @Override public Boolean visitLogSumExp(LogSumExp node) { return false; }
        @Override public Boolean visitSoftmax(Softmax node) { return false; }
        @Override public Boolean visitTrace(Trace node) { return false; }
        @Override public Boolean visitDet(Det node) { return false; }
        @Override public Boolean visitLogDet(LogDet node) { return false; }
        @Override public Boolean visitDiagonal(Diagonal node) { return false; }
        /** A Kronecker product of symmetric matrices: (A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ. */
        @Override public Boolean visitKronecker(Kronecker node) { return elementwise(node); }
        /** K(n, n) is its own transpose; K(m, n)ᵀ = K(n, m) otherwise. */
        @Override public Boolean visitCommutation(Commutation node) { return node.m().equals(node.n()); }
        // Blocks, slices and reshapes move entries: whether the result is symmetric is not known here.
        @Override public Boolean visitBlock(Block node) { return false; }
        @Override public Boolean visitSlice(Slice node) { return false; }
        @Override public Boolean visitReshape(Reshape node) { return false; }

        /** AAᵀ and AᵀA; S² of a symmetric S; M S Mᵀ, however it associates. */
        @Override
        public Boolean visitProduct(Product node) {
            H left = operands.get(0);
            H right = operands.get(1);
            if (structure.isTransposeOf(right, left)) {
                return true;
            }
            if (structure.same(left, right) && symmetric.test(left)) {
                return true;
            }
            for (List<H> ms : structure.products(left)) {        // (M S) Mᵀ
                if (symmetric.test(ms.get(1)) && structure.isTransposeOf(right, ms.get(0))) {
                    return true;
                }
            }
            for (List<H> sm : structure.products(right)) {       // M (S Mᵀ)
                if (symmetric.test(sm.get(0)) && structure.isTransposeOf(sm.get(1), left)) {
                    return true;
                }
            }
            return false;
        }
    }
}

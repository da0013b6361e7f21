package dev.chainrule.codegen.loop;

import dev.chainrule.graph.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * What computing a node reads, given its placement: the nodes {@link Emission} asks for the value
 * or the entries of while it computes this one. The plan orders the nodes by it, so that each is
 * computed after everything it reads.
 */
final class Reads implements Expr.Visitor<List<Expr>> {
    private final Placement plan;

    Reads(Placement plan) {
        this.plan = plan;
    }

    @Override public List<Expr> visitVariable(Expr.Variable e) { return List.of(); }
    @Override public List<Expr> visitConstant(Expr.Constant e) { return List.of(); }
    @Override public List<Expr> visitIdentity(Expr.Identity e) { return List.of(); }
    @Override public List<Expr> visitSize(Expr.Size e) { return List.of(); }
    @Override public List<Expr> visitNegate(Expr.Negate e) { return List.of(e.operand()); }
    @Override public List<Expr> visitHadamard(Expr.Hadamard e) { return List.of(e.left(), e.right()); }
    @Override public List<Expr> visitDivide(Expr.Divide e) { return List.of(e.left(), e.right()); }
    @Override public List<Expr> visitPower(Expr.Power e) { return List.of(e.base(), e.exponent()); }
    @Override public List<Expr> visitTranspose(Expr.Transpose e) { return List.of(e.operand()); }
    @Override public List<Expr> visitApply(Expr.Apply e) { return List.of(e.operand()); }
    @Override public List<Expr> visitMax(Expr.Max e) { return List.of(e.left(), e.right()); }
    @Override public List<Expr> visitSum(Expr.Sum e) { return List.of(e.operand()); }
    @Override public List<Expr> visitNorm2(Expr.Norm2 e) { return List.of(e.operand()); }
    @Override public List<Expr> visitLogSumExp(Expr.LogSumExp e) { return List.of(e.operand()); }
    @Override public List<Expr> visitSoftmax(Expr.Softmax e) { return List.of(e.operand()); }
    @Override public List<Expr> visitTrace(Expr.Trace e) { return List.of(e.operand()); }
    @Override public List<Expr> visitDet(Expr.Det e) { return List.of(e.operand()); }
    @Override public List<Expr> visitLogDet(Expr.LogDet e) { return List.of(e.operand()); }
    @Override public List<Expr> visitInverse(Expr.Inverse e) { return List.of(e.operand()); }
    @Override public List<Expr> visitDiagonalMatrix(Expr.DiagonalMatrix e) { return List.of(e.operand()); }
    @Override public List<Expr> visitDiagonal(Expr.Diagonal e) { return List.of(e.operand()); }
    @Override public List<Expr> visitBlock(Expr.Block e) { return e.parts(); }
    @Override public List<Expr> visitSlice(Expr.Slice e) { return List.of(e.operand()); }
    @Override public List<Expr> visitKronecker(Expr.Kronecker e) { return List.of(e.left(), e.right()); }
    @Override public List<Expr> visitReshape(Expr.Reshape e) { return List.of(e.operand()); }
    @Override public List<Expr> visitCommutation(Expr.Commutation e) { return List.of(); }

    /** a − b reads b itself, not its negation. */
    @Override public List<Expr> visitAdd(Expr.Add e) {
        if (plan.hasArray(e) && plan.isSumOfProducts(e)) {
            List<Expr> reads = new ArrayList<>();
            for (Placement.Term t : plan.terms(e)) {
                reads.addAll(t.factors());
                if (t.node() instanceof Expr.Product p) {
                    reads.add(p.left());
                    reads.add(p.right());
                } else {
                    reads.add(t.node());
                }
            }
            return reads;
        }
        return e.right() instanceof Expr.Negate n ? List.of(e.left(), n.operand()) : List.of(e.left(), e.right());
    }

    /** A chain of scalings reads every factor and what the innermost scales (an outer product's operands). */
    @Override public List<Expr> visitScale(Expr.Scale e) {
        if (e.operand() instanceof Expr.Constant k && k.value() == 1) {
            return List.of(e.factor());
        }
        List<Expr.Scale> chain = plan.scaleChain(e);
        List<Expr> reads = new ArrayList<>();
        chain.forEach(s -> reads.add(s.factor()));
        Expr scaled = Placement.scaled(chain);
        if (Placement.isOuterProduct(scaled) && !plan.hasArray(scaled)) {
            reads.add(((Expr.Product) scaled).left());
            reads.add(((Expr.Product) scaled).right());
        } else {
            reads.add(scaled);
        }
        return reads;
    }

    /** Aᵀv reads A, not its transpose. */
    @Override public List<Expr> visitProduct(Expr.Product e) {
        if (plan.hasArray(e) && !Placement.isOuterProduct(e) && plan.transposedTimesVector(e)) {
            return List.of(((Expr.Transpose) e.left()).operand(), e.right());
        }
        return List.of(e.left(), e.right());
    }
}

package dev.chainrule.codegen.loop;

import dev.chainrule.graph.Expr;

/**
 * What the temporary holding a node's value is called, by the node's role: {@code dot},
 * {@code residual}, {@code activation}; in the backward sweep of a gradient, the adjoints a
 * person calls {@code grad} and {@code delta}. The naming pass numbers them ({@code sum1},
 * {@code sum2}) only where a method has several.
 */
final class Roles implements Expr.Visitor<String> {
    private final boolean backward;

    private Roles(boolean backward) {
        this.backward = backward;
    }

    /** @param backward whether the node belongs to a gradient's backward sweep only */
    static String of(Expr e, boolean backward) {
        return e.accept(new Roles(backward));
    }

    @Override public String visitVariable(Expr.Variable e) { return e.name(); }
    @Override public String visitConstant(Expr.Constant e) { return "constant"; }
    @Override public String visitIdentity(Expr.Identity e) { return "identity"; }
    @Override public String visitSize(Expr.Size e) { return "size"; }

    @Override public String visitAdd(Expr.Add e) {
        if (e.right() instanceof Expr.Negate n) {
            // What was computed less the data it should match: a prediction's error.
            return n.operand() instanceof Expr.Variable && !(e.left() instanceof Expr.Variable) ? "residual" : "difference";
        }
        return e.left() instanceof Expr.Product || e.right() instanceof Expr.Product ? "affine" : "total";
    }

    @Override public String visitNegate(Expr.Negate e) { return "negated"; }
    @Override public String visitScale(Expr.Scale e) { return "scaled"; }
    @Override public String visitHadamard(Expr.Hadamard e) { return backward ? "delta" : "product"; }

    @Override public String visitDivide(Expr.Divide e) {
        if (e.left() instanceof Expr.Constant c) {
            return c.value() == 1 ? "reciprocal" : "factor";
        }
        return "quotient";
    }

    @Override public String visitPower(Expr.Power e) {
        return e.exponent() instanceof Expr.Constant c && c.value() == 2 ? "squared" : "power";
    }

    @Override public String visitProduct(Expr.Product e) {
        if (e.shape().isScalar()) {
            return "dot";
        }
        return backward ? "grad" : Placement.isOuterProduct(e) ? "outer" : "product";
    }

    @Override public String visitTranspose(Expr.Transpose e) { return "transposed"; }

    @Override public String visitApply(Expr.Apply e) {
        return switch (e.fn()) {
            case RELU, TANH, SIGMOID, SOFTPLUS -> "activation";
            case STEP -> "slope";
            case EXP -> "exponential";
            case LOG -> "logarithm";
            case SQRT -> "root";
            case SIN -> "sine";
            case COS -> "cosine";
            case TAN -> "tangent";
            case ARCSIN -> "arcsine";
            case ARCCOS -> "arccosine";
            case ARCTAN -> "arctangent";
            case ABS -> "magnitude";
            case SIGN -> "signum";
        };
    }

    @Override public String visitMax(Expr.Max e) { return "maximum"; }
    @Override public String visitSum(Expr.Sum e) { return "sum"; }
    @Override public String visitNorm2(Expr.Norm2 e) { return "norm"; }
    @Override public String visitLogSumExp(Expr.LogSumExp e) { return "lse"; }
    @Override public String visitSoftmax(Expr.Softmax e) { return "softmax"; }
    @Override public String visitTrace(Expr.Trace e) { return "trace"; }
    @Override public String visitDet(Expr.Det e) { return "det"; }
    @Override public String visitLogDet(Expr.LogDet e) { return "logDet"; }
    @Override public String visitInverse(Expr.Inverse e) { return "inverse"; }
    @Override public String visitDiagonalMatrix(Expr.DiagonalMatrix e) { return "diagonalMatrix"; }
    @Override public String visitDiagonal(Expr.Diagonal e) { return "diagonal"; }
    @Override public String visitBlock(Expr.Block e) { return e.shape().isMatrix() ? "block" : "stacked"; }
    @Override public String visitSlice(Expr.Slice e) { return e.shape().isScalar() ? "entry" : "part"; }
    @Override public String visitKronecker(Expr.Kronecker e) { return "kronecker"; }
    @Override public String visitReshape(Expr.Reshape e) { return "reshaped"; }
    @Override public String visitCommutation(Expr.Commutation e) { return "commutation"; }
}

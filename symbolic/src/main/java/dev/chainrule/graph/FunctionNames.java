package dev.chainrule.graph;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the language writes a node of one operand as a function call: {@code sum(x)}, {@code tr(A)},
 * {@code inv(A)}, {@code tanh(z)}. One table for the printer of the input syntax and for the rewrite
 * rules' patterns, which read calls the same way; the type checker's builder goes the other way, from
 * the name to the node. Leaves, operators ({@code x + y}, {@code x'}) and {@code max}, a call of two
 * arguments, have no such name.
 */
public final class FunctionNames {
    private static final Set<String> REDUCTIONS_AND_MATRIX_FUNCTIONS =
            Set.of("sum", "norm2", "logsumexp", "softmax", "tr", "det", "logdet", "inv", "diag", "vec");

    /** Every name {@link #of} gives. */
    public static final Set<String> ALL = Stream.concat(REDUCTIONS_AND_MATRIX_FUNCTIONS.stream(),
            Arrays.stream(Fn.values()).map(Fn::symbol)).collect(Collectors.toUnmodifiableSet());

    private FunctionNames() {}

    /** The function whose call on the node's one operand builds the node, or null if it is written otherwise. */
    public static String of(Expr node) {
        return node.accept(NAMES);
    }

    private static final Expr.Visitor<String> NAMES = new Expr.Visitor<>() {
        @Override public String visitVariable(Expr.Variable node) { return null; }
        @Override public String visitConstant(Expr.Constant node) { return null; }
        @Override public String visitIdentity(Expr.Identity node) { return null; }
        @Override public String visitSize(Expr.Size node) { return null; }
        @Override public String visitAdd(Expr.Add node) { return null; }
        @Override public String visitNegate(Expr.Negate node) { return null; }
        @Override public String visitScale(Expr.Scale node) { return null; }
        @Override public String visitHadamard(Expr.Hadamard node) { return null; }
        @Override public String visitDivide(Expr.Divide node) { return null; }
        @Override public String visitPower(Expr.Power node) { return null; }
        @Override public String visitProduct(Expr.Product node) { return null; }
        @Override public String visitTranspose(Expr.Transpose node) { return null; }
        @Override public String visitMax(Expr.Max node) { return null; }
        @Override public String visitApply(Expr.Apply node) { return node.fn().symbol(); }
        @Override public String visitSum(Expr.Sum node) { return "sum"; }
        @Override public String visitNorm2(Expr.Norm2 node) { return "norm2"; }
        @Override public String visitLogSumExp(Expr.LogSumExp node) { return "logsumexp"; }
        @Override public String visitSoftmax(Expr.Softmax node) { return "softmax"; }
        @Override public String visitTrace(Expr.Trace node) { return "tr"; }
        @Override public String visitDet(Expr.Det node) { return "det"; }
        @Override public String visitLogDet(Expr.LogDet node) { return "logdet"; }
        @Override public String visitInverse(Expr.Inverse node) { return "inv"; }
        @Override public String visitDiagonalMatrix(Expr.DiagonalMatrix node) { return "diag"; }
        @Override public String visitDiagonal(Expr.Diagonal node) { return "diag"; }
        @Override public String visitBlock(Expr.Block node) { return null; }
        @Override public String visitSlice(Expr.Slice node) { return null; }
        @Override public String visitKronecker(Expr.Kronecker node) { return null; }
        @Override public String visitCommutation(Expr.Commutation node) { return null; }

        /** vec(X) is the reshape of a non-scalar to a vector; other reshapes name their shape. */
        @Override
        public String visitReshape(Expr.Reshape node) {
            return node.shape().isVector() ? "vec" : null;
        }
    };
}

package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Shape;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Forward accumulation over a graph: the tangent of every node that depends on the variable, from
 * its operands' tangents, in post-order (nothing recurses on the graph). A node that does not depend
 * on the variable has a zero tangent, the zero constant of its tangent's shape, and the rules treat
 * it as the zero it is, so that a term through such an operand is left out rather than added as 0.
 *
 * <p>The two modes differ in what a tangent is: {@link JacobianSweep}'s is the Jacobian of the
 * node's entries (a matrix with a column per entry of the variable), {@link DirectionalSweep}'s the
 * derivative along one direction (a value of the node's own shape).
 */
abstract class ForwardSweep implements Expr.Visitor<Expr> {
    final Expr.Variable wrt;
    private final Set<Expr> dependent;
    private final Map<Expr, Expr> tangents = new IdentityHashMap<>();

    ForwardSweep(Expr f, Expr.Variable wrt) {
        this.wrt = wrt;
        this.dependent = Traversal.dependents(f, wrt);
    }

    /** The tangent of {@code f}: every node's in post-order, the last one f's. */
    final Expr run(Expr f) {
        for (Expr node : Traversal.postOrder(f)) {
            if (dependent.contains(node)) {
                tangents.put(node, conform(node.accept(this), tangentShape(node.shape())));
            }
        }
        return t(f);
    }

    /** The shape of a node's tangent. */
    abstract Shape tangentShape(Shape nodeShape);

    /**
     * A tangent in the shape the sweep's tangents have. The rules build tangents of the right
     * size, but where a size is 1 the kind may differ (the rule for A·b gives a row for a vector of
     * length 1, whose Jacobian is a 1 × n matrix): the same entries, read in the right shape.
     */
    static Expr conform(Expr tangent, Shape shape) {
        return Derivatives.inShape(tangent, shape);
    }

    /** The tangent of a node: computed already if it depends on the variable, else zero. */
    final Expr t(Expr node) {
        return dependent.contains(node) ? tangents.get(node) : zeroTangent(node.shape());
    }

    final boolean dependsOnTheVariable(Expr node) {
        return dependent.contains(node);
    }

    /** The zero tangent of a node of this shape. */
    abstract Expr zeroTangent(Shape nodeShape);

    static boolean isZero(Expr tangent) {
        return tangent instanceof Expr.Constant c && c.value() == 0;
    }

    static Expr plus(Expr a, Expr b) {
        return isZero(a) ? b : isZero(b) ? a : Expr.add(a, b);
    }

    static Expr minus(Expr a, Expr b) {
        return isZero(b) ? a : isZero(a) ? Expr.negate(b) : Expr.subtract(a, b);
    }

    /**
     * softmax over every entry of x, the derivative of logsumexp: the node for a vector or a row,
     * exp(x − logsumexp(x)) otherwise.
     */
    static Expr softmaxOfAll(Expr x) {
        if (x.shape().isVector() || x.shape().isRow()) {
            return Expr.softmax(x);
        }
        return Expr.apply(dev.chainrule.graph.Fn.EXP,
                Expr.subtract(x, Expr.expand(Expr.logSumExp(x), x.shape())));
    }
}

package dev.chainrule.derive;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Forward accumulation for Jacobians in numerator layout. The tangent of a node is the Jacobian of
 * its entries with respect to the variable: for a variable x of length n, an m × n matrix for a
 * vector (or row vector) of length m and a 1 × n row for a scalar; for a scalar variable, a value
 * of the node's own shape. The paper's rules appear as they are written there: an element-wise
 * operator contributes {@code diag(f'(u))·J(u)}, a product {@code A·J(u)}, a sum {@code 1⃗ᵀJ(u)}.
 *
 * <p>A node that does not depend on the variable has a zero tangent: the zero constant of its
 * tangent's shape. The rules treat it as the zero it is, so that a term through such an operand is
 * left out rather than added as {@code 0}: {@code x + c} has the tangent of {@code x} itself.
 *
 * <p>A matrix-valued node that depends on the variable would have a Jacobian of three dimensions,
 * which this does not represent: it is reported where the walk meets it.
 *
 * <p>The visitor computes one node's tangent from its operands', which the post-order walk has
 * computed already; nothing recurses on the graph.
 */
final class Tangents implements Expr.Visitor<Expr> {
    private final Expr.Variable wrt;
    private final boolean vectorVariable;
    private final Set<Expr> dependent;
    private final Map<Expr, Expr> tangents = new IdentityHashMap<>();

    private Tangents(Expr f, Expr.Variable wrt) {
        this.wrt = wrt;
        this.vectorVariable = wrt.shape().isVector();
        this.dependent = Traversal.dependents(f, wrt);
    }

    /** The Jacobian of {@code f} (scalar or vector) with respect to a scalar or vector variable. */
    static Expr jacobian(Expr f, Expr.Variable wrt) {
        Tangents t = new Tangents(f, wrt);
        for (Expr node : Traversal.postOrder(f)) {
            if (t.dependent.contains(node)) {
                if (node.shape().isMatrix()) {
                    throw t.unsupported(node);
                }
                t.tangents.put(node, node.accept(t));
            }
        }
        return t.t(f);
    }

    /** J(node): computed already if the node depends on the variable, else zero. */
    private Expr t(Expr node) {
        return dependent.contains(node) ? tangents.get(node) : zeroTangent(node.shape());
    }

    /** The zero tangent of a node of this shape: the shape of its Jacobian, or its own for a scalar variable. */
    private Expr zeroTangent(Shape nodeShape) {
        if (!vectorVariable) {
            return zero(nodeShape);
        }
        if (nodeShape.isMatrix()) {
            throw new IllegalStateException("a matrix has no tangent here: its Jacobian has three dimensions");
        }
        Dim n = wrt.shape().length();
        return zero(nodeShape.isScalar() ? Shape.row(n) : Shape.matrix(nodeShape.length(), n));
    }

    private static boolean isZero(Expr tangent) {
        return tangent instanceof Constant c && c.value() == 0;
    }

    private DerivativeException unsupported(Expr node) {
        return new DerivativeException("cannot take the Jacobian through " + Printer.print(node, Format.TEXT)
                + " (" + node.shape() + "): a matrix-valued step that depends on " + wrt.name()
                + " has a Jacobian of three dimensions; take gradients of scalar parts instead");
    }

    // ---- leaves: only the variable itself is ever asked (nothing else depends on it) -------------

    @Override
    public Expr visitVariable(Variable node) {
        if (node != wrt) {
            return zeroTangent(node.shape());
        }
        return vectorVariable ? identity(wrt.shape().length()) : scalar(1);
    }

    @Override public Expr visitConstant(Constant node) { return zeroTangent(node.shape()); }
    @Override public Expr visitIdentity(Identity node) { return zeroTangent(node.shape()); }
    @Override public Expr visitSize(Size node) { return zeroTangent(node.shape()); }

    // ---- element-wise operators -----------------------------------------------------------------

    @Override
    public Expr visitAdd(Add node) {
        return plus(t(node.left()), t(node.right()));
    }

    @Override
    public Expr visitNegate(Negate node) {
        return negate(t(node.operand()));
    }

    @Override
    public Expr visitScale(Scale s) {
        return plus(scaled(s.factor(), t(s.operand())), outer(s.operand(), t(s.factor())));
    }

    @Override
    public Expr visitHadamard(Hadamard h) {
        return plus(elementwise(h.right(), t(h.left())), elementwise(h.left(), t(h.right())));
    }

    @Override
    public Expr visitDivide(Divide d) {
        return plus(elementwise(divide(expand(scalar(1), d.shape()), d.right()), t(d.left())),
                elementwise(negate(divide(d, d.right())), t(d.right())));
    }

    @Override
    public Expr visitPower(Power p) {
        Expr exponentLessOne = add(p.exponent(), negate(expand(scalar(1), p.shape())));
        return plus(elementwise(times(p.exponent(), power(p.base(), exponentLessOne)), t(p.base())),
                elementwise(times(p, apply(Fn.LOG, p.base())), t(p.exponent())));
    }

    @Override
    public Expr visitApply(Apply a) {
        return elementwise(ElementwiseDerivatives.derivative(a), t(a.operand()));
    }

    @Override
    public Expr visitMax(Max m) {
        Expr step = apply(Fn.STEP, add(m.left(), negate(m.right())));
        return plus(elementwise(step, t(m.left())),
                elementwise(add(expand(scalar(1), m.shape()), negate(step)), t(m.right())));
    }

    // ---- products, transposes, reductions -------------------------------------------------------

    /**
     * A row or a matrix times something, with a result that is not a matrix: J(ab) = a·J(b) + J(a)·b.
     * A product's operands may be matrices, whose zero tangent has three dimensions: a term is taken
     * only through an operand that depends on the variable (a matrix that does was reported).
     */
    @Override
    public Expr visitProduct(Product p) {
        Expr a = p.left();
        Expr b = p.right();
        Expr fromRight = dependent.contains(b) ? multiply(a, t(b)) : zeroTangent(p.shape());
        // A scalar variable's tangent of the row a has a's shape: J(a)·b is a plain product.
        Expr fromLeft = !dependent.contains(a) ? zeroTangent(p.shape())
                : vectorVariable ? rowTimes(b, t(a)) : multiply(t(a), b);
        return plus(fromLeft, fromRight);
    }

    /**
     * Of a vector or a row. For a vector variable a row and a column share one Jacobian; for a
     * scalar one the tangent has the node's own shape, so it turns too.
     */
    @Override
    public Expr visitTranspose(Transpose tr) {
        Expr inner = t(tr.operand());
        return vectorVariable ? inner : transpose(inner);
    }

    @Override
    public Expr visitSum(Sum s) {
        return rowSum(s.operand(), t(s.operand()));
    }

    @Override
    public Expr visitLogSumExp(LogSumExp l) {
        return rowTimes(softmax(l.operand()), t(l.operand()));
    }

    /** J(softmax(x)) = (diag(s) − s sᵀ) J(x), with s the softmax itself. */
    @Override
    public Expr visitSoftmax(Softmax s) {
        Expr tx = t(s.operand());
        return plus(elementwise(s, tx), negate(outer(s, rowTimes(s, tx))));
    }

    @Override
    public Expr visitNorm2(Norm2 n) {
        return scaled(divide(scalar(1), n), rowTimes(n.operand(), t(n.operand())));
    }

    // ---- functions of a matrix: their operand, a matrix that depends on the variable, was reported

    @Override public Expr visitTrace(Trace node) { throw unsupported(node); }
    @Override public Expr visitDet(Det node) { throw unsupported(node); }
    @Override public Expr visitLogDet(LogDet node) { throw unsupported(node); }
    @Override public Expr visitInverse(Inverse node) { throw unsupported(node); }
    @Override public Expr visitDiagonalMatrix(DiagonalMatrix node) { throw unsupported(node); }
    @Override public Expr visitDiagonal(Diagonal node) { throw unsupported(node); }

    // ---- the rules' building blocks, each zero for a zero tangent -------------------------------

    private static Expr plus(Expr a, Expr b) {
        return isZero(a) ? b : isZero(b) ? a : add(a, b);
    }

    /** A scalar times a tangent. */
    private static Expr scaled(Expr s, Expr tangent) {
        return isZero(tangent) ? tangent : scale(s, tangent);
    }

    /** The tangent of {@code d ⊙ u} through u: diag(d)·J(u) for a vector variable, d ⊙ J(u) otherwise. */
    private Expr elementwise(Expr d, Expr tangent) {
        if (isZero(tangent)) {
            return tangent;
        }
        if (!vectorVariable || d.shape().isScalar()) {
            return times(d, tangent);
        }
        return product(diagonalMatrix(d.shape().isRow() ? transpose(d) : d), tangent);
    }

    /** The tangent of {@code x·s} through the scalar s: x times J(s), an outer product for vectors. */
    private Expr outer(Expr x, Expr scalarTangent) {
        if (isZero(scalarTangent)) {
            return zeroTangent(x.shape());
        }
        if (!vectorVariable || x.shape().isScalar()) {
            return multiply(scalarTangent, x);
        }
        return product(x.shape().isRow() ? transpose(x) : x, scalarTangent);
    }

    /**
     * The tangent of {@code vᵀu} through u, for v of u's shape: vᵀJ(u) for a vector variable; for a
     * scalar one, whose tangent has u's shape, the inner product sum(v ⊙ J(u)).
     */
    private Expr rowTimes(Expr v, Expr tangent) {
        if (isZero(tangent)) {
            return zeroTangent(Shape.SCALAR);
        }
        if (!vectorVariable) {
            return sum(times(v.shape().equals(tangent.shape()) ? v : transpose(v), tangent));
        }
        Expr row = v.shape().isRow() ? v : transpose(v);
        return product(row, tangent);
    }

    /** The tangent of {@code sum(u)}: 1⃗ᵀJ(u), or sum(J(u)) for a scalar variable. */
    private Expr rowSum(Expr u, Expr tangent) {
        if (u.shape().isScalar()) {
            return tangent;
        }
        if (isZero(tangent)) {
            return zeroTangent(Shape.SCALAR);
        }
        if (!vectorVariable) {
            return sum(tangent);
        }
        return product(ones(Shape.row(u.shape().length())), tangent);
    }
}

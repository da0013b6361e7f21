package dev.chainrule.derive;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward accumulation for Jacobians in numerator layout. The tangent of a node is the Jacobian of
 * its entries with respect to the variable: for a variable x of length n, an m × n matrix for a
 * vector (or row vector) of length m and a 1 × n row for a scalar; for a scalar variable, a value
 * of the node's own shape. The paper's rules appear as they are written there: an element-wise
 * operator contributes {@code diag(f'(u))·J(u)}, a product {@code A·J(u)}, a sum {@code 1⃗ᵀJ(u)}.
 * A null tangent means the node does not depend on the variable.
 */
final class Tangents {
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
                t.tangents.put(node, t.tangent(node));
            }
        }
        Expr j = t.tangents.get(f);
        if (j != null) {
            return j;
        }
        if (!t.vectorVariable) {
            return zero(f.shape());
        }
        return f.shape().isScalar() ? zero(wrt.shape().transpose())
                : zero(dev.chainrule.shape.Shape.matrix(f.shape().length(), wrt.shape().length()));
    }

    private Expr tangent(Expr node) {
        if (node == wrt) {
            return vectorVariable ? identity(wrt.shape().length()) : scalar(1);
        }
        List<Expr> c = node.children();
        if (node instanceof Add) {
            return plus(t(c.get(0)), t(c.get(1)));
        }
        if (node instanceof Negate) {
            return negate(t(c.get(0)));
        }
        if (node instanceof Scale s) {
            return plus(scaled(s.factor(), t(s.operand())), outer(s.operand(), t(s.factor())));
        }
        if (node instanceof Hadamard h) {
            return plus(elementwise(h.right(), t(h.left())), elementwise(h.left(), t(h.right())));
        }
        if (node instanceof Divide d) {
            return plus(elementwise(divide(expand(scalar(1), d.shape()), d.right()), t(d.left())),
                    elementwise(negate(divide(node, d.right())), t(d.right())));
        }
        if (node instanceof Power p) {
            Expr exponentLessOne = add(p.exponent(), negate(expand(scalar(1), p.shape())));
            return plus(elementwise(times(p.exponent(), power(p.base(), exponentLessOne)), t(p.base())),
                    elementwise(times(node, apply(dev.chainrule.graph.Fn.LOG, p.base())), t(p.exponent())));
        }
        if (node instanceof Apply a) {
            return elementwise(ElementwiseDerivatives.derivative(a), t(a.operand()));
        }
        if (node instanceof Max m) {
            Expr step = apply(dev.chainrule.graph.Fn.STEP, add(m.left(), negate(m.right())));
            return plus(elementwise(step, t(m.left())),
                    elementwise(add(expand(scalar(1), m.shape()), negate(step)), t(m.right())));
        }
        if (node instanceof Transpose tr && !tr.operand().shape().isMatrix()) {
            // For a vector variable a row and a column share one Jacobian; for a scalar one the
            // tangent has the node's own shape, so it turns too.
            Expr inner = t(tr.operand());
            return vectorVariable || inner == null ? inner : transpose(inner);
        }
        if (node instanceof Sum s && !s.operand().shape().isMatrix()) {
            return rowSum(s.operand(), t(s.operand()));
        }
        if (node instanceof LogSumExp l && !l.operand().shape().isMatrix()) {
            return rowTimes(softmax(l.operand()), t(l.operand()));
        }
        if (node instanceof Softmax) {
            // J(softmax(x)) = (diag(s) − s sᵀ) J(x), with s the softmax itself.
            Expr tx = t(node.children().get(0));
            Expr fromSum = outer(node, rowTimes(node, tx));
            return plus(elementwise(node, tx), fromSum == null ? null : negate(fromSum));
        }
        if (node instanceof Norm2 n && !n.operand().shape().isMatrix()) {
            return scaled(divide(scalar(1), node), rowTimes(n.operand(), t(n.operand())));
        }
        if (node instanceof Product p && !node.shape().isMatrix()) {
            Expr a = p.left();
            Expr b = p.right();
            Expr fromRight = dependent.contains(b) ? multiply(a, t(b)) : null;
            Expr fromLeft = null;
            if (dependent.contains(a)) {
                if (!a.shape().isRow()) {
                    throw unsupported(a);
                }
                // A scalar variable's tangent of the row a has a's shape: J(a)·b is a plain product.
                fromLeft = vectorVariable ? rowTimes(b, t(a)) : multiply(t(a), b);
            }
            return plus(fromLeft, fromRight);
        }
        throw unsupported(node);
    }

    private Expr t(Expr node) {
        if (!dependent.contains(node)) {
            return null;
        }
        if (node.shape().isMatrix()) {
            throw unsupported(node);
        }
        return tangents.get(node);
    }

    private DerivativeException unsupported(Expr node) {
        return new DerivativeException("cannot take the Jacobian through " + Printer.print(node, Format.TEXT)
                + " (" + node.shape() + "): a matrix-valued step that depends on " + wrt.name()
                + " has a Jacobian of three dimensions; take gradients of scalar parts instead");
    }

    private static Expr plus(Expr a, Expr b) {
        return a == null ? b : b == null ? a : add(a, b);
    }

    /** A scalar times a tangent. */
    private static Expr scaled(Expr s, Expr tangent) {
        return tangent == null ? null : scale(s, tangent);
    }

    /** The tangent of {@code d ⊙ u} through u: diag(d)·J(u) for a vector variable, d ⊙ J(u) otherwise. */
    private Expr elementwise(Expr d, Expr tangent) {
        if (tangent == null) {
            return null;
        }
        if (!vectorVariable || d.shape().isScalar()) {
            return times(d, tangent);
        }
        return product(diagonalMatrix(d.shape().isRow() ? transpose(d) : d), tangent);
    }

    /** The tangent of {@code x·s} through the scalar s: x times J(s), an outer product for vectors. */
    private Expr outer(Expr x, Expr scalarTangent) {
        if (scalarTangent == null) {
            return null;
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
        if (tangent == null) {
            return null;
        }
        if (!vectorVariable) {
            return sum(times(v.shape().equals(tangent.shape()) ? v : transpose(v), tangent));
        }
        Expr row = v.shape().isRow() ? v : transpose(v);
        return product(row, tangent);
    }

    /** The tangent of {@code sum(u)}: 1⃗ᵀJ(u), or sum(J(u)) for a scalar variable. */
    private Expr rowSum(Expr u, Expr tangent) {
        if (tangent == null) {
            return null;
        }
        if (u.shape().isScalar()) {
            return tangent;
        }
        if (!vectorVariable) {
            return sum(tangent);
        }
        return product(ones(dev.chainrule.shape.Shape.row(u.shape().length())), tangent);
    }
}

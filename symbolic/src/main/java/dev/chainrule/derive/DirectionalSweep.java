package dev.chainrule.derive;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Shape;

/**
 * Forward accumulation along one direction v: the tangent ẏ of a node y is the derivative of y as
 * x moves along v, a value of y's own shape. With v = 1 for a scalar variable it is dy/dx, the
 * Jacobian with respect to a scalar; applied to a gradient with any v it is the Hessian-vector
 * product Hv, at a small multiple of the gradient's cost and without forming H.
 *
 * <p>The rules are the differentials of the matrix calculus (Magnus and Neudecker): d(AB) =
 * dA·B + A·dB, d(A⁻¹) = −A⁻¹ dA A⁻¹, d det A = det A · tr(A⁻¹ dA), element-wise f'(x) ⊙ dx.
 */
final class DirectionalSweep extends ForwardSweep {
    private final Expr direction;

    private DirectionalSweep(Expr f, Expr.Variable wrt, Expr direction) {
        super(f, wrt);
        this.direction = direction;
    }

    /** The derivative of {@code f} as {@code wrt} moves along {@code direction} (of wrt's shape). */
    static Expr along(Expr f, Expr.Variable wrt, Expr direction) {
        if (!direction.shape().equals(wrt.shape())) {
            throw new IllegalArgumentException("a direction for " + wrt.name() + " is " + wrt.shape() + ", not "
                    + direction.shape());
        }
        return new DirectionalSweep(f, wrt, direction).run(f);
    }

    /** A derivative along one direction has the node's own shape. */
    @Override
    Shape tangentShape(Shape nodeShape) {
        return nodeShape;
    }

    @Override
    Expr zeroTangent(Shape nodeShape) {
        return zero(nodeShape);
    }

    /** ḋ ⊙ u̇-style terms: d times a tangent of the node's shape (a scalar d scales it). */
    private static Expr elementwise(Expr d, Expr tangent) {
        return isZero(tangent) ? tangent : times(d, tangent);
    }

    private static Expr scaled(Expr s, Expr tangent) {
        return isZero(tangent) ? tangent : multiply(s, tangent);
    }

    private static Expr product(Expr a, Expr b) {
        return isZero(a) || isZero(b) ? zero(multiply(a, b).shape()) : multiply(a, b);
    }

    // ---- leaves ---------------------------------------------------------------------------------

    @Override
    public Expr visitVariable(Variable node) {
        return node == wrt ? direction : zeroTangent(node.shape());
    }

    @Override public Expr visitConstant(Constant node) { return zeroTangent(node.shape()); }
    @Override public Expr visitIdentity(Identity node) { return zeroTangent(node.shape()); }
    @Override public Expr visitSize(Size node) { return zeroTangent(node.shape()); }
    @Override public Expr visitCommutation(Commutation node) { return zeroTangent(node.shape()); }

    // ---- element-wise operators -----------------------------------------------------------------

    @Override
    public Expr visitAdd(Add node) {
        return plus(t(node.left()), t(node.right()));
    }

    @Override
    public Expr visitNegate(Negate node) {
        Expr inner = t(node.operand());
        return isZero(inner) ? inner : negate(inner);
    }

    /** d(s·A) = s·dA + ds·A. */
    @Override
    public Expr visitScale(Scale s) {
        return plus(scaled(s.factor(), t(s.operand())), scaled(t(s.factor()), s.operand()));
    }

    @Override
    public Expr visitHadamard(Hadamard h) {
        return plus(elementwise(h.right(), t(h.left())), elementwise(h.left(), t(h.right())));
    }

    /** d(a ⊘ b) = da ⊘ b − (y ⊘ b) ⊙ db. */
    @Override
    public Expr visitDivide(Divide d) {
        return plus(elementwise(divide(expand(scalar(1), d.shape()), d.right()), t(d.left())),
                elementwise(negate(divide(d, d.right())), t(d.right())));
    }

    /** d(a^p) = p a^(p−1) ⊙ da + y log(a) ⊙ dp. */
    @Override
    public Expr visitPower(Power p) {
        Expr exponentLessOne = subtract(p.exponent(), expand(scalar(1), p.shape()));
        return plus(elementwise(times(p.exponent(), power(p.base(), exponentLessOne)), t(p.base())),
                elementwise(times(p, apply(Fn.LOG, p.base())), t(p.exponent())));
    }

    @Override
    public Expr visitApply(Apply a) {
        return elementwise(ElementwiseDerivatives.derivative(a), t(a.operand()));
    }

    @Override
    public Expr visitMax(Max m) {
        Expr step = apply(Fn.STEP, subtract(m.left(), m.right()));
        return plus(elementwise(step, t(m.left())),
                elementwise(subtract(expand(scalar(1), m.shape()), step), t(m.right())));
    }

    // ---- products and rearrangements ------------------------------------------------------------

    /** d(AB) = dA·B + A·dB. */
    @Override
    public Expr visitProduct(Product p) {
        return plus(product(t(p.left()), p.right()), product(p.left(), t(p.right())));
    }

    @Override
    public Expr visitTranspose(Transpose tr) {
        Expr inner = t(tr.operand());
        return isZero(inner) ? zeroTangent(tr.shape()) : transpose(inner);
    }

    @Override
    public Expr visitKronecker(Kronecker k) {
        Expr left = t(k.left());
        Expr right = t(k.right());
        return plus(isZero(left) ? zeroTangent(k.shape()) : kronecker(left, k.right()),
                isZero(right) ? zeroTangent(k.shape()) : kronecker(k.left(), right));
    }

    @Override
    public Expr visitReshape(Reshape r) {
        Expr inner = t(r.operand());
        return isZero(inner) ? zeroTangent(r.shape()) : reshape(inner, r.shape());
    }

    @Override
    public Expr visitBlock(Block b) {
        java.util.List<Expr> parts = new java.util.ArrayList<>();
        boolean anyNonZero = false;
        for (Expr part : b.parts()) {
            Expr tangent = t(part);
            anyNonZero |= !isZero(tangent);
            parts.add(tangent);
        }
        return anyNonZero ? block(parts, b.columns()) : zeroTangent(b.shape());
    }

    @Override
    public Expr visitSlice(Slice s) {
        Expr inner = t(s.operand());
        return isZero(inner) ? zeroTangent(s.shape()) : slice(inner, s.row(), s.column(), s.shape());
    }

    // ---- reductions and matrix functions --------------------------------------------------------

    @Override
    public Expr visitSum(Sum s) {
        Expr inner = t(s.operand());
        return isZero(inner) ? zeroTangent(Shape.SCALAR) : sum(inner);
    }

    /** d‖a‖ = sum(a ⊙ da) / ‖a‖. */
    @Override
    public Expr visitNorm2(Norm2 n) {
        Expr inner = t(n.operand());
        return isZero(inner) ? zeroTangent(Shape.SCALAR) : divide(sum(times(n.operand(), inner)), n);
    }

    /** d logsumexp(x) = sum(softmax(x) ⊙ dx). */
    @Override
    public Expr visitLogSumExp(LogSumExp l) {
        Expr inner = t(l.operand());
        return isZero(inner) ? zeroTangent(Shape.SCALAR) : sum(times(softmaxOfAll(l.operand()), inner));
    }

    /** d softmax(x) = s ⊙ (dx − sum(s ⊙ dx)). */
    @Override
    public Expr visitSoftmax(Softmax s) {
        Expr dx = t(s.operand());
        if (isZero(dx)) {
            return dx;
        }
        return hadamard(s, subtract(dx, expand(sum(hadamard(s, dx)), s.shape())));
    }

    @Override
    public Expr visitTrace(Trace tr) {
        Expr inner = t(tr.operand());
        return isZero(inner) ? zeroTangent(Shape.SCALAR) : trace(inner);
    }

    /** d det A = det A · tr(A⁻¹ dA). */
    @Override
    public Expr visitDet(Det d) {
        Expr inner = t(d.operand());
        return isZero(inner) ? zeroTangent(Shape.SCALAR) : scale(d, trace(product(inverse(d.operand()), inner)));
    }

    /** d logdet A = tr(A⁻¹ dA). */
    @Override
    public Expr visitLogDet(LogDet d) {
        Expr inner = t(d.operand());
        return isZero(inner) ? zeroTangent(Shape.SCALAR) : trace(product(inverse(d.operand()), inner));
    }

    /** d(A⁻¹) = −A⁻¹ dA A⁻¹. */
    @Override
    public Expr visitInverse(Inverse i) {
        Expr inner = t(i.operand());
        return isZero(inner) ? inner : negate(product(product(i, inner), i));
    }

    @Override
    public Expr visitDiagonalMatrix(DiagonalMatrix d) {
        Expr inner = t(d.operand());
        return isZero(inner) ? zeroTangent(d.shape()) : diagonalMatrix(inner);
    }

    @Override
    public Expr visitDiagonal(Diagonal d) {
        Expr inner = t(d.operand());
        return isZero(inner) ? zeroTangent(d.shape()) : diagonal(inner);
    }
}

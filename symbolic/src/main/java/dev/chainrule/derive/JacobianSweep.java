package dev.chainrule.derive;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward accumulation of Jacobians in numerator layout, generalised to values of any shape: the
 * tangent of a node y is J(y) = ∂vec(y)/∂vec(x)ᵀ, with a row per entry of y and a column per entry
 * of the variable x, both read row by row (vec(X) = X₁₁, X₁₂, …, X₂₁, …). For a vector y and a
 * vector x that is the paper's m × n Jacobian; for a scalar y, a row; for a matrix y or a matrix x,
 * the flattened form of a Jacobian of three or four dimensions, ∂yᵢⱼ/∂x_kl at row i·cols(y) + j,
 * column k·cols(x) + l.
 *
 * <p>The paper's rules appear as they are written there: an element-wise operator contributes
 * {@code diag(f'(u))·J(u)}, a product {@code A·J(u)}, a sum {@code 1⃗ᵀJ(u)}. Matrix-valued steps
 * follow the Kronecker rules of the matrix calculus, with this row-major vec:
 * vec(AXB) = (A ⊗ Bᵀ) vec(X), so J(AB) = (A ⊗ I) J(B) + (I ⊗ Bᵀ) J(A), J(Aᵀ) = K J(A) with K the
 * commutation matrix, J(A⁻¹) = −(A⁻¹ ⊗ A⁻ᵀ) J(A).
 */
final class JacobianSweep extends ForwardSweep {
    /** How many entries the variable has: the number of columns of every tangent. */
    private final Dim columns;

    private JacobianSweep(Expr f, Expr.Variable wrt) {
        super(f, wrt);
        this.columns = ShapeRules.entries(wrt.shape());
    }

    /** ∂vec(f)/∂vec(x)ᵀ for a non-scalar variable x. */
    static Expr of(Expr f, Expr.Variable wrt) {
        if (wrt.shape().isScalar()) {
            throw new IllegalArgumentException("a scalar variable's Jacobian is a directional derivative");
        }
        return new JacobianSweep(f, wrt).run(f);
    }

    /** A row for a scalar node; else a matrix with a row per entry of the node. */
    @Override
    Shape tangentShape(Shape nodeShape) {
        return nodeShape.isScalar() ? Shape.row(columns) : Shape.matrix(ShapeRules.entries(nodeShape), columns);
    }

    @Override
    Expr zeroTangent(Shape nodeShape) {
        return zero(tangentShape(nodeShape));
    }

    // ---- building blocks, each zero for a zero tangent ------------------------------------------

    /** vec(a) as a column: a vector itself, a row turned, a matrix's entries row by row; a scalar itself. */
    private static Expr column(Expr a) {
        Shape s = a.shape();
        return s.isScalar() || s.isVector() ? a : s.isRow() ? transpose(a) : vec(a);
    }

    /** vec(a)ᵀ, the row that contracts a tangent to a scalar's: aᵀ for a vector, a itself for a row. */
    private static Expr row(Expr a) {
        Shape s = a.shape();
        return s.isScalar() || s.isRow() ? a : transpose(column(a));
    }

    /** M·J, zero where J is. */
    private Expr times(Expr m, Expr tangent, Shape nodeShape) {
        return isZero(tangent) ? zeroTangent(nodeShape) : conform(multiply(m, tangent), tangentShape(nodeShape));
    }

    /** The tangent of {@code d ⊙ u} through u: diag(vec d)·J(u), or d·J(u) for a scalar d. */
    private Expr elementwise(Expr d, Expr tangent, Shape nodeShape) {
        if (isZero(tangent)) {
            return zeroTangent(nodeShape);
        }
        return d.shape().isScalar() ? scale(d, tangent) : product(diagonalMatrix(column(d)), tangent);
    }

    /** The tangent of {@code a·s} through the scalar s: vec(a)·J(s), an outer product. */
    private Expr outer(Expr a, Expr scalarTangent) {
        return isZero(scalarTangent) ? zeroTangent(a.shape()) : multiply(column(a), scalarTangent);
    }

    /** The tangent of the scalar ⟨v, u⟩ through u, for v of u's shape: vec(v)ᵀ J(u). */
    private Expr contract(Expr v, Expr tangent) {
        return isZero(tangent) ? zeroTangent(Shape.SCALAR) : multiply(row(v), tangent);
    }

    /** A ⊗ Iₙ, which is A where n is 1. */
    private static Expr kroneckerIdentityRight(Expr a, Dim n) {
        return n.equals(Dim.ONE) ? a : kronecker(a, identity(n));
    }

    /** Iₙ ⊗ B, which is B where n is 1. */
    private static Expr kroneckerIdentityLeft(Dim n, Expr b) {
        return n.equals(Dim.ONE) ? b : kronecker(identity(n), b);
    }

    // ---- leaves ---------------------------------------------------------------------------------

    @Override
    public Expr visitVariable(Variable node) {
        return node == wrt ? identity(columns) : zeroTangent(node.shape());
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

    /** J(s·A) = s·J(A) + vec(A)·J(s). */
    @Override
    public Expr visitScale(Scale s) {
        Expr throughOperand = t(s.operand());
        return plus(isZero(throughOperand) ? throughOperand : scale(s.factor(), throughOperand),
                outer(s.operand(), t(s.factor())));
    }

    @Override
    public Expr visitHadamard(Hadamard h) {
        return plus(elementwise(h.right(), t(h.left()), h.shape()), elementwise(h.left(), t(h.right()), h.shape()));
    }

    @Override
    public Expr visitDivide(Divide d) {
        return plus(elementwise(divide(expand(scalar(1), d.shape()), d.right()), t(d.left()), d.shape()),
                elementwise(negate(divide(d, d.right())), t(d.right()), d.shape()));
    }

    @Override
    public Expr visitPower(Power p) {
        Expr exponentLessOne = subtract(p.exponent(), expand(scalar(1), p.shape()));
        return plus(elementwise(Expr.times(p.exponent(), power(p.base(), exponentLessOne)), t(p.base()), p.shape()),
                elementwise(Expr.times(p, apply(Fn.LOG, p.base())), t(p.exponent()), p.shape()));
    }

    @Override
    public Expr visitApply(Apply a) {
        return elementwise(ElementwiseDerivatives.derivative(a), t(a.operand()), a.shape());
    }

    @Override
    public Expr visitMax(Max m) {
        Expr step = apply(Fn.STEP, subtract(m.left(), m.right()));
        return plus(elementwise(step, t(m.left()), m.shape()),
                elementwise(subtract(expand(scalar(1), m.shape()), step), t(m.right()), m.shape()));
    }

    // ---- products and rearrangements ------------------------------------------------------------

    /**
     * J(AB) = (A ⊗ I) J(B) + (I ⊗ Bᵀ) J(A), for A of r rows and B of c columns: with a vector B,
     * A·J(B) + (I ⊗ bᵀ)J(A); with a row A, the dot product aJ(b) + bᵀJ(a).
     */
    @Override
    public Expr visitProduct(Product p) {
        Expr a = p.left();
        Expr b = p.right();
        Expr throughB = times(kroneckerIdentityRight(a, b.shape().cols()), t(b), p.shape());
        Expr throughA = times(kroneckerIdentityLeft(a.shape().rows(), transpose(b)), t(a), p.shape());
        return plus(throughA, throughB);
    }

    /** A vector and its transpose share their entries; a matrix's are permuted, J(Aᵀ) = K J(A). */
    @Override
    public Expr visitTranspose(Transpose tr) {
        Expr inner = t(tr.operand());
        Shape a = tr.operand().shape();
        return a.isMatrix() ? times(commutation(a.rows(), a.cols()), inner, tr.shape()) : inner;
    }

    /**
     * vec(A ⊗ B) = (I ⊗ K ⊗ I)(vec A ⊗ vec B), K the commutation matrix of a cols(A) × rows(B)
     * matrix; so J(A ⊗ B) = (I ⊗ K ⊗ I)(J(A) ⊗ vec B + vec A ⊗ J(B)).
     */
    @Override
    public Expr visitKronecker(Kronecker k) {
        Shape a = k.left().shape();
        Shape b = k.right().shape();
        Expr ta = t(k.left());
        Expr tb = t(k.right());
        Expr stacked = plus(isZero(ta) ? zeroTangent(k.shape()) : kronecker(ta, column(k.right())),
                isZero(tb) ? zeroTangent(k.shape()) : kronecker(column(k.left()), tb));
        Expr permutation = kroneckerIdentityLeft(a.rows(),
                kroneckerIdentityRight(commutation(a.cols(), b.rows()), b.cols()));
        return times(permutation, stacked, k.shape());
    }

    /** A reshape keeps the entries in their order: the same Jacobian. */
    @Override
    public Expr visitReshape(Reshape r) {
        return t(r.operand());
    }

    /**
     * A stack of scalars and vectors (or a row of scalars and rows) lists its parts' entries in
     * order: the stack of their Jacobians, the paper's rule for a vector of functions. A block
     * matrix places part P at rows R, columns C: Σ (S_R ⊗ S_C) J(P), with S_R the columns of I
     * that P's rows occupy.
     */
    @Override
    public Expr visitBlock(Block b) {
        boolean inOrder = b.columns() == 1 && b.shape().isVector() || b.rows() == 1 && b.shape().isRow();
        if (inOrder) {
            List<Expr> tangents = new ArrayList<>();
            boolean anyNonZero = false;
            for (Expr part : b.parts()) {
                Expr tangent = t(part);
                anyNonZero |= !isZero(tangent);
                tangents.add(tangent);
            }
            return anyNonZero ? block(tangents, 1) : zeroTangent(b.shape());
        }
        Dim height = b.shape().rows();
        Dim width = b.shape().cols();
        Expr sum = zeroTangent(b.shape());
        Dim top = Dim.ZERO;
        for (int r = 0; r < b.rows(); r++) {
            Dim left = Dim.ZERO;
            for (int c = 0; c < b.columns(); c++) {
                Expr part = b.part(r, c);
                Shape s = part.shape();
                Expr placement = kronecker(placement(height, top, s.rows()), placement(width, left, s.cols()));
                sum = plus(sum, times(placement, t(part), b.shape()));
                left = Dim.sum(left, s.cols());
            }
            top = Dim.sum(top, b.part(r, 0).shape().rows());
        }
        return sum;
    }

    /**
     * Entries of a vector or a row are rows of its Jacobian; a block of a matrix at rows R,
     * columns C is (S_Rᵀ ⊗ S_Cᵀ) J(A).
     */
    @Override
    public Expr visitSlice(Slice s) {
        Expr inner = t(s.operand());
        if (isZero(inner)) {
            return zeroTangent(s.shape());
        }
        Shape whole = s.operand().shape();
        if (!whole.isMatrix()) {
            Dim offset = whole.isVector() ? s.row() : s.column();
            return slice(inner, offset, Dim.ZERO, tangentShape(s.shape()));
        }
        Expr rows = selection(whole.rows(), s.row(), s.shape().rows());
        Expr cols = selection(whole.cols(), s.column(), s.shape().cols());
        return multiply(kronecker(rows, cols), inner);
    }

    /** Columns offset … offset + size − 1 of Iₙ (n × size, a column where size is 1): where a block sits. */
    private static Expr placement(Dim n, Dim offset, Dim size) {
        Shape shape = size.equals(Dim.ONE) ? Shape.vector(n) : Shape.matrix(n, size);
        return slice(identity(n), Dim.ZERO, offset, shape);
    }

    /** Rows offset … offset + size − 1 of Iₙ (size × n, a row where size is 1): what reads a block. */
    private static Expr selection(Dim n, Dim offset, Dim size) {
        Shape shape = size.equals(Dim.ONE) ? Shape.row(n) : Shape.matrix(size, n);
        return slice(identity(n), offset, Dim.ZERO, shape);
    }

    // ---- reductions and matrix functions --------------------------------------------------------

    @Override
    public Expr visitSum(Sum s) {
        Expr inner = t(s.operand());
        return s.operand().shape().isScalar() ? inner : contract(ones(s.operand().shape()), inner);
    }

    @Override
    public Expr visitNorm2(Norm2 n) {
        Expr inner = contract(n.operand(), t(n.operand()));
        return isZero(inner) ? inner : scale(divide(scalar(1), n), inner);
    }

    @Override
    public Expr visitLogSumExp(LogSumExp l) {
        return contract(softmaxOfAll(l.operand()), t(l.operand()));
    }

    /** J(softmax(x)) = (diag(s) − s sᵀ) J(x), with s the softmax itself. */
    @Override
    public Expr visitSoftmax(Softmax s) {
        Expr tx = t(s.operand());
        return minus(elementwise(s, tx, s.shape()), outer(s, contract(s, tx)));
    }

    /** J(tr A) = vec(I)ᵀ J(A). */
    @Override
    public Expr visitTrace(Trace tr) {
        return contract(identity(tr.operand().shape().rows()), t(tr.operand()));
    }

    /** J(det A) = det A · vec(A⁻ᵀ)ᵀ J(A). */
    @Override
    public Expr visitDet(Det d) {
        Expr inner = contract(transpose(inverse(d.operand())), t(d.operand()));
        return isZero(inner) ? inner : scale(d, inner);
    }

    /** J(logdet A) = vec(A⁻ᵀ)ᵀ J(A). */
    @Override
    public Expr visitLogDet(LogDet d) {
        return contract(transpose(inverse(d.operand())), t(d.operand()));
    }

    /** J(A⁻¹) = −(A⁻¹ ⊗ A⁻ᵀ) J(A), from d(A⁻¹) = −A⁻¹ dA A⁻¹. */
    @Override
    public Expr visitInverse(Inverse i) {
        Expr inner = t(i.operand());
        return isZero(inner) ? inner : negate(multiply(kronecker(i, transpose(i)), inner));
    }

    /** diag(x) puts x's entries at the diagonal positions: diag(vec I)(1⃗ ⊗ I) J(x). */
    @Override
    public Expr visitDiagonalMatrix(DiagonalMatrix d) {
        Dim n = d.shape().rows();
        Expr placement = product(diagonalMatrix(vec(identity(n))), kronecker(ones(Shape.vector(n)), identity(n)));
        return times(placement, t(d.operand()), d.shape());
    }

    /** diag(A) reads the diagonal positions: (1⃗ᵀ ⊗ I) diag(vec I) J(A). */
    @Override
    public Expr visitDiagonal(Diagonal d) {
        Dim n = d.shape().rows();
        Expr selection = product(kronecker(ones(Shape.row(n)), identity(n)), diagonalMatrix(vec(identity(n))));
        return times(selection, t(d.operand()), d.shape());
    }
}

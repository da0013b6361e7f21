package dev.chainrule.graph;

import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeMismatchException;
import dev.chainrule.shape.ShapeRules;
import java.util.List;

/**
 * A node of the expression graph: an immutable value with a shape. One record per operator.
 *
 * <p>Nodes are built with the static factories of this interface ({@link #add}, {@link #product},
 * ...), and only with them: a record's constructor refuses to run anywhere else. The factories check
 * shapes and intern every node, so that structurally equal subexpressions are one shared object and
 * the graph is a DAG. Because children are always interned, equality of two nodes is decided by
 * their own labels and the identity of their children, which is what {@link #hashCode()} and
 * {@code equals} use: nothing walks the graph to compare or hash, however deep it is.
 *
 * <p>Every operator node stores its shape, computed once from its operands' by the shape rules, so
 * that asking a node for its shape never walks the graph.
 *
 * <p>The one traversal of this IR: {@link #children()} and {@link #withChildren} for code that
 * treats every operator alike (walking, rebuilding), and {@link #accept} with a {@link Visitor} for
 * code that treats each operator in its own way. A visitor has one method per operator, so a new
 * operator does not compile until every visitor handles it.
 *
 * <p>The factories keep a few canonical forms so that equal values are equal nodes: a transposed
 * scalar, constant or identity is itself (reshaped), a negated constant is the negative constant,
 * and {@code -0.0} is stored as {@code 0.0}.
 * Everything else, from {@code x + 0} to {@code (Aᵀ)ᵀ}, is the rewrite engine's job.
 */
public sealed interface Expr {

    Shape shape();

    /** The operands, in order; empty for leaves. */
    List<Expr> children();

    /** The same operator over new operands (of the same shapes), interned. */
    Expr withChildren(List<Expr> children);

    /** Calls the visitor's method for this node's operator. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per operator: the compiler checks that a visitor handles all of them. Methods get
     * the node; what they do with its children (visit them, look up their results) is theirs.
     */
    interface Visitor<R> {
        R visitVariable(Variable node);
        R visitConstant(Constant node);
        R visitIdentity(Identity node);
        R visitSize(Size node);
        R visitAdd(Add node);
        R visitNegate(Negate node);
        R visitScale(Scale node);
        R visitHadamard(Hadamard node);
        R visitDivide(Divide node);
        R visitPower(Power node);
        R visitProduct(Product node);
        R visitTranspose(Transpose node);
        R visitApply(Apply node);
        R visitMax(Max node);
        R visitSum(Sum node);
        R visitNorm2(Norm2 node);
        R visitLogSumExp(LogSumExp node);
        R visitSoftmax(Softmax node);
        R visitTrace(Trace node);
        R visitDet(Det node);
        R visitLogDet(LogDet node);
        R visitInverse(Inverse node);
        R visitDiagonalMatrix(DiagonalMatrix node);
        R visitDiagonal(Diagonal node);
        R visitBlock(Block node);
        R visitSlice(Slice node);
        R visitKronecker(Kronecker node);
        R visitReshape(Reshape node);
        R visitCommutation(Commutation node);
    }

    // ---- leaves ---------------------------------------------------------------------------------

    /**
     * A named input of the function. A symmetric one is a square matrix declared {@code symmetric[n]}:
     * its gradient is the symmetric matrix G with ⟨G, D⟩ = Df[D] for every symmetric D.
     */
    record Variable(String name, Shape shape, boolean symmetric) implements Expr {
        public Variable { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitVariable(this); }
        @Override public int hashCode() { return Hashing.hash(Variable.class, name, shape, symmetric); }
        @Override public boolean equals(Object o) {
            return o instanceof Variable v && v.name.equals(name) && v.shape.equals(shape) && v.symmetric == symmetric;
        }
    }

    /** A value repeated over a shape: the scalar {@code 2}, the vector of ones, a zero matrix. */
    record Constant(double value, Shape shape) implements Expr {
        public Constant { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitConstant(this); }
        @Override public int hashCode() { return Hashing.hash(Constant.class, value, shape); }
        @Override public boolean equals(Object o) {
            return o instanceof Constant c && Double.compare(c.value, value) == 0 && c.shape.equals(shape);
        }
    }

    /** The n × n identity matrix. */
    record Identity(Dim size) implements Expr {
        public Identity { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.matrix(size, size); }
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitIdentity(this); }
        @Override public int hashCode() { return Hashing.hash(Identity.class, size); }
        @Override public boolean equals(Object o) { return o instanceof Identity i && i.size.equals(size); }
    }

    /** A dimension used as a scalar value, as in {@code sum(x) / n}. */
    record Size(Dim dim) implements Expr {
        public Size { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitSize(this); }
        @Override public int hashCode() { return Hashing.hash(Size.class, dim); }
        @Override public boolean equals(Object o) { return o instanceof Size s && s.dim.equals(dim); }
    }

    // ---- arithmetic -----------------------------------------------------------------------------

    /** {@code a + b} of one shape (scalar expansion is explicit: {@code x + b} is {@code x + b·1⃗}). */
    record Add(Expr left, Expr right, Shape shape) implements Expr {
        public Add { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return add(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitAdd(this); }
        @Override public int hashCode() { return Hashing.hash(Add.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Negate(Expr operand, Shape shape) implements Expr {
        public Negate { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return negate(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitNegate(this); }
        @Override public int hashCode() { return Hashing.hash(Negate.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** A scalar times anything: {@code 2x}, {@code b·1⃗}, {@code η∇C}. */
    record Scale(Expr factor, Expr operand, Shape shape) implements Expr {
        public Scale { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(factor, operand); }
        @Override public Expr withChildren(List<Expr> c) { return scale(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitScale(this); }
        @Override public int hashCode() { return Hashing.hash(Scale.class, factor, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The element-wise product {@code a ⊙ b} of two non-scalars of one shape. */
    record Hadamard(Expr left, Expr right, Shape shape) implements Expr {
        public Hadamard { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return hadamard(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitHadamard(this); }
        @Override public int hashCode() { return Hashing.hash(Hadamard.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** Element-wise division {@code a ⊘ b} of one shape (scalars included). */
    record Divide(Expr left, Expr right, Shape shape) implements Expr {
        public Divide { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return divide(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitDivide(this); }
        @Override public int hashCode() { return Hashing.hash(Divide.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** Element-wise power {@code a .^ b} of one shape (scalars included). */
    record Power(Expr base, Expr exponent, Shape shape) implements Expr {
        public Power { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(base, exponent); }
        @Override public Expr withChildren(List<Expr> c) { return power(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitPower(this); }
        @Override public int hashCode() { return Hashing.hash(Power.class, base, exponent); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The matrix product of two non-scalars; {@code xᵀy} is the dot product. */
    record Product(Expr left, Expr right, Shape shape) implements Expr {
        public Product { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return product(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitProduct(this); }
        @Override public int hashCode() { return Hashing.hash(Product.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Transpose(Expr operand, Shape shape) implements Expr {
        public Transpose { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return transpose(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitTranspose(this); }
        @Override public int hashCode() { return Hashing.hash(Transpose.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** An element-wise function such as {@code tanh(x)}. */
    record Apply(Fn fn, Expr operand, Shape shape) implements Expr {
        public Apply { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return apply(fn, c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitApply(this); }
        @Override public int hashCode() { return Hashing.hash(Apply.class, fn, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The element-wise maximum of two operands of one shape; {@code max(0, z)} is {@link Fn#RELU}. */
    record Max(Expr left, Expr right, Shape shape) implements Expr {
        public Max { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return max(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitMax(this); }
        @Override public int hashCode() { return Hashing.hash(Max.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    // ---- reductions and matrix functions --------------------------------------------------------

    /** The sum of every entry. */
    record Sum(Expr operand) implements Expr {
        public Sum { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return sum(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitSum(this); }
        @Override public int hashCode() { return Hashing.hash(Sum.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The Euclidean norm of a vector, the Frobenius norm of a matrix. */
    record Norm2(Expr operand) implements Expr {
        public Norm2 { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return norm2(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitNorm2(this); }
        @Override public int hashCode() { return Hashing.hash(Norm2.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /**
     * log Σ exp(xᵢ) over every entry, the smooth maximum. A node of its own so that it is computed
     * with the maximum subtracted, and so that its derivative, the {@link Softmax}, cannot overflow.
     */
    record LogSumExp(Expr operand) implements Expr {
        public LogSumExp { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return logSumExp(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitLogSumExp(this); }
        @Override public int hashCode() { return Hashing.hash(LogSumExp.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /**
     * softmax(x) = exp(x − logsumexp(x)), entries in (0, 1) that sum to 1: the gradient of
     * {@link LogSumExp}, and a function of its own. Computed with the maximum subtracted.
     */
    record Softmax(Expr operand, Shape shape) implements Expr {
        public Softmax { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return softmax(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitSoftmax(this); }
        @Override public int hashCode() { return Hashing.hash(Softmax.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Trace(Expr operand) implements Expr {
        public Trace { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return trace(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitTrace(this); }
        @Override public int hashCode() { return Hashing.hash(Trace.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Det(Expr operand) implements Expr {
        public Det { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return det(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitDet(this); }
        @Override public int hashCode() { return Hashing.hash(Det.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** log |det X|. */
    record LogDet(Expr operand) implements Expr {
        public LogDet { Interner.requireFactory(); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return logdet(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitLogDet(this); }
        @Override public int hashCode() { return Hashing.hash(LogDet.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Inverse(Expr operand, Shape shape) implements Expr {
        public Inverse { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return inverse(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitInverse(this); }
        @Override public int hashCode() { return Hashing.hash(Inverse.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** {@code diag(x)} of a vector: the square matrix with x on its diagonal. */
    record DiagonalMatrix(Expr operand, Shape shape) implements Expr {
        public DiagonalMatrix { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return diagonalMatrix(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitDiagonalMatrix(this); }
        @Override public int hashCode() { return Hashing.hash(DiagonalMatrix.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** {@code diag(X)} of a square matrix: the vector of its diagonal. */
    record Diagonal(Expr operand, Shape shape) implements Expr {
        public Diagonal { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return diagonal(c.get(0)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitDiagonal(this); }
        @Override public int hashCode() { return Hashing.hash(Diagonal.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    // ---- block matrices, parts and rearrangements ------------------------------------------------

    /**
     * A block matrix: {@code parts} in a grid of {@code columns} parts per block row, row by row.
     * Along a block row the parts have one height, along a block column one width (a scalar is 1 × 1,
     * a vector n × 1, a row 1 × n). A single block column of scalars and vectors is a vector, the
     * paper's vector of functions [f₁(x), f₂(x)]; a single block row of scalars and rows, a row.
     */
    record Block(List<Expr> parts, int columns, Shape shape) implements Expr {
        public Block { Interner.requireFactory(); parts = List.copyOf(parts); }
        @Override public List<Expr> children() { return parts; }
        @Override public Expr withChildren(List<Expr> c) { return block(c, columns); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitBlock(this); }
        @Override public int hashCode() { return Hashing.hash(Block.class, columns, Hashing.identities(parts)); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o, b -> ((Block) b).columns == columns); }

        public int rows() { return parts.size() / columns; }

        public Expr part(int row, int column) { return parts.get(row * columns + column); }
    }

    /**
     * The block of {@code operand} of the given shape whose first entry is at ({@code row},
     * {@code column}), offsets counted from 0: one entry {@code x[i]} is a scalar slice.
     */
    record Slice(Expr operand, Dim row, Dim column, Shape shape) implements Expr {
        public Slice { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return slice(c.get(0), row, column, shape); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitSlice(this); }
        @Override public int hashCode() { return Hashing.hash(Slice.class, operand, row, column, shape); }
        @Override public boolean equals(Object o) {
            return Hashing.sameNode(this, o, s -> ((Slice) s).row.equals(row) && ((Slice) s).column.equals(column)
                    && ((Slice) s).shape.equals(shape));
        }
    }

    /** The Kronecker product A ⊗ B: block (i, j) is aᵢⱼB. */
    record Kronecker(Expr left, Expr right, Shape shape) implements Expr {
        public Kronecker { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return kronecker(c.get(0), c.get(1)); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitKronecker(this); }
        @Override public int hashCode() { return Hashing.hash(Kronecker.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /**
     * The entries of {@code operand}, read row by row, as a value of another shape with as many
     * entries: {@code vec(X)} (a matrix as the vector X₁₁, X₁₂, …, X₂₁, …) and its inverse.
     */
    record Reshape(Expr operand, Shape shape) implements Expr {
        public Reshape { Interner.requireFactory(); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return reshape(c.get(0), shape); }
        @Override public <R> R accept(Visitor<R> v) { return v.visitReshape(this); }
        @Override public int hashCode() { return Hashing.hash(Reshape.class, operand, shape); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o, r -> ((Reshape) r).shape.equals(shape)); }
    }

    /**
     * The commutation matrix K of an m × n matrix X: the permutation with K vec(X) = vec(Xᵀ), of
     * size mn × mn (Magnus and Neudecker's K₍ₙ,ₘ₎ for their column-major vec).
     */
    record Commutation(Dim m, Dim n) implements Expr {
        public Commutation { Interner.requireFactory(); }
        @Override public Shape shape() { Dim size = Dim.product(m, n); return Shape.matrix(size, size); }
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitCommutation(this); }
        @Override public int hashCode() { return Hashing.hash(Commutation.class, m, n); }
        @Override public boolean equals(Object o) { return o instanceof Commutation c && c.m.equals(m) && c.n.equals(n); }
    }

    // ---- factories: the only way to build a node ------------------------------------------------

    static Expr variable(String name, Shape shape) {
        return Interner.intern(() -> new Variable(name, shape, false));
    }

    /** A variable declared {@code symmetric[n]}. */
    static Expr symmetricVariable(String name, Dim n) {
        return Interner.intern(() -> new Variable(name, Shape.matrix(n, n), true));
    }

    static Expr constant(double value, Shape shape) {
        double canonical = value == 0.0 ? 0.0 : value;
        return Interner.intern(() -> new Constant(canonical, shape));
    }

    static Expr scalar(double value) { return constant(value, Shape.SCALAR); }

    static Expr zero(Shape shape) { return constant(0, shape); }

    static Expr ones(Shape shape) { return constant(1, shape); }

    static Expr identity(Dim size) { return Interner.intern(() -> new Identity(size)); }

    static Expr size(Dim dim) {
        return dim instanceof Dim.Fixed fixed ? scalar(fixed.size()) : Interner.intern(() -> new Size(dim));
    }

    static Expr add(Expr a, Expr b) {
        Shape shape = ShapeRules.sameShape("add", a.shape(), b.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Add(a, b, shape));
    }

    static Expr subtract(Expr a, Expr b) { return add(a, negate(b)); }

    static Expr negate(Expr a) {
        return a instanceof Constant c ? constant(-c.value(), c.shape()) : Interner.intern(() -> new Negate(a, a.shape()));
    }

    static Expr scale(Expr factor, Expr operand) {
        if (!factor.shape().isScalar()) {
            throw new ShapeMismatchException("cannot scale by " + factor.shape() + ": the factor must be a scalar");
        }
        return Interner.intern(() -> new Scale(factor, operand, operand.shape()));
    }

    /** The scalar {@code s} spread over a shape: {@code s·1⃗}, the paper's scalar expansion; a non-scalar is left as it is. */
    static Expr expand(Expr s, Shape shape) {
        if (shape.isScalar() || !s.shape().isScalar()) {
            return s;
        }
        return s instanceof Constant c ? constant(c.value(), shape) : scale(s, ones(shape));
    }

    static Expr hadamard(Expr a, Expr b) {
        Shape shape = ShapeRules.sameShape("multiply element-wise", a.shape(), b.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Hadamard(a, b, shape));
    }

    static Expr divide(Expr a, Expr b) {
        Shape shape = ShapeRules.sameShape("divide", a.shape(), b.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Divide(a, b, shape));
    }

    static Expr power(Expr base, Expr exponent) {
        Shape shape = ShapeRules.sameShape("raise", base.shape(), exponent.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Power(base, exponent, shape));
    }

    static Expr product(Expr a, Expr b) {
        Shape shape = ShapeRules.product(a.shape(), b.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Product(a, b, shape));
    }

    /** {@code a*b} as the language reads it: a scaling when a side is a scalar, else the matrix product. */
    static Expr multiply(Expr a, Expr b) {
        return a.shape().isScalar() ? scale(a, b) : b.shape().isScalar() ? scale(b, a) : product(a, b);
    }

    /** {@code a .* b} as the language reads it: a scaling when a side is a scalar, else element-wise. */
    static Expr times(Expr a, Expr b) {
        return a.shape().isScalar() ? scale(a, b) : b.shape().isScalar() ? scale(b, a) : hadamard(a, b);
    }

    static Expr transpose(Expr a) {
        Shape shape = a.shape();
        if (shape.isScalar() || a instanceof Identity) {
            return a;
        }
        if (a instanceof Constant c) {
            return constant(c.value(), shape.transpose());
        }
        return Interner.intern(() -> new Transpose(a, shape.transpose()));
    }

    static Expr apply(Fn fn, Expr a) { return Interner.intern(() -> new Apply(fn, a, a.shape())); }

    static Expr max(Expr a, Expr b) {
        Shape shape = ShapeRules.sameShape("take the maximum of", a.shape(), b.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Max(a, b, shape));
    }

    static Expr sum(Expr a) { return Interner.intern(() -> new Sum(a)); }

    static Expr norm2(Expr a) { return Interner.intern(() -> new Norm2(a)); }

    static Expr logSumExp(Expr a) { return Interner.intern(() -> new LogSumExp(a)); }

    /** softmax of a vector or row vector (of the whole of it). */
    static Expr softmax(Expr a) {
        if (a.shape().isScalar() || a.shape().isMatrix()) {
            throw new ShapeMismatchException("softmax needs a vector, not " + a.shape());
        }
        return Interner.intern(() -> new Softmax(a, a.shape()));
    }

    static Expr trace(Expr a) {
        ShapeRules.square("tr", a.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Trace(a));
    }

    static Expr det(Expr a) {
        ShapeRules.square("det", a.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Det(a));
    }

    static Expr logdet(Expr a) {
        ShapeRules.square("logdet", a.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new LogDet(a));
    }

    static Expr inverse(Expr a) {
        Shape shape = ShapeRules.square("inv", a.shape(), ShapeRules.EQUAL);
        return Interner.intern(() -> new Inverse(a, shape));
    }

    static Expr diagonalMatrix(Expr a) {
        if (!a.shape().isVector()) {
            throw new ShapeMismatchException("diag needs a vector or a square matrix, not " + a.shape());
        }
        Shape shape = Shape.matrix(a.shape().rows(), a.shape().rows());
        return Interner.intern(() -> new DiagonalMatrix(a, shape));
    }

    static Expr diagonal(Expr a) {
        Shape shape = Shape.vector(ShapeRules.square("diag", a.shape(), ShapeRules.EQUAL).rows());
        return Interner.intern(() -> new Diagonal(a, shape));
    }

    /** A block matrix of {@code parts}, {@code columns} per block row (see {@link Block}); one part is itself. */
    static Expr block(List<Expr> parts, int columns) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Shape shape = ShapeRules.block(parts.stream().map(Expr::shape).toList(), columns, ShapeRules.EQUAL);
        return Interner.intern(() -> new Block(parts, columns, shape));
    }

    /** The vector [a; b; …] of scalars and vectors, stacked. */
    static Expr stack(List<Expr> parts) {
        return block(parts, 1);
    }

    /**
     * The block of {@code a} of shape {@code shape} at offsets ({@code row}, {@code column}); the
     * whole of {@code a} is {@code a}. Offsets that a fixed size shows out of range are refused;
     * symbolic ones are checked where sizes are bound.
     */
    static Expr slice(Expr a, Dim row, Dim column, Shape shape) {
        ShapeRules.slice(a.shape(), row, column, shape);
        if (row.isZero() && column.isZero() && shape.equals(a.shape())) {
            return a;
        }
        return Interner.intern(() -> new Slice(a, row, column, shape));
    }

    /** Entry (i, j) of {@code a}, counted from 0 (the language counts from 1). */
    static Expr entry(Expr a, int i, int j) {
        return slice(a, i == 0 ? Dim.ZERO : Dim.of(i), j == 0 ? Dim.ZERO : Dim.of(j), Shape.SCALAR);
    }

    /** A ⊗ B; with a scalar side, a scaling. */
    static Expr kronecker(Expr a, Expr b) {
        if (a.shape().isScalar() || b.shape().isScalar()) {
            return multiply(a, b);
        }
        Shape shape = ShapeRules.kronecker(a.shape(), b.shape());
        return Interner.intern(() -> new Kronecker(a, b, shape));
    }

    /** The entries of {@code a}, row by row, as a value of {@code shape}, with as many entries. */
    static Expr reshape(Expr a, Shape shape) {
        ShapeRules.reshape(a.shape(), shape);
        if (shape.equals(a.shape())) {
            return a;
        }
        if (a instanceof Reshape r) {
            return reshape(r.operand(), shape);
        }
        if (a instanceof Constant c) {
            return constant(c.value(), shape);
        }
        return Interner.intern(() -> new Reshape(a, shape));
    }

    /** vec(a): its entries, row by row, as a vector. */
    static Expr vec(Expr a) {
        return a.shape().isScalar() ? a : reshape(a, Shape.vector(ShapeRules.entries(a.shape())));
    }

    /** The commutation matrix of an m × n matrix (see {@link Commutation}). */
    static Expr commutation(Dim m, Dim n) {
        if (m.equals(Dim.ONE) || n.equals(Dim.ONE)) {
            return identity(Dim.product(m, n));
        }
        return Interner.intern(() -> new Commutation(m, n));
    }
}

package dev.chainrule.graph;

import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeMismatchException;
import dev.chainrule.shape.ShapeRules;
import java.util.List;

/**
 * A node of the expression graph: an immutable value with a shape. One record per operator.
 *
 * <p>Build nodes with the static factories of this interface ({@link #add}, {@link #product}, ...),
 * never with {@code new}: the factories check shapes and intern every node, so that structurally
 * equal subexpressions are one shared object and the graph is a DAG. Because children are always
 * interned, equality of two nodes is decided by their own labels and the identity of their
 * children, which is what {@link #hashCode()} and {@code equals} use: nothing walks the graph to
 * compare or hash, however deep it is.
 *
 * <p>Every operator node stores its shape, computed once from its operands' by the shape rules, so
 * that asking a node for its shape never walks the graph.
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

    // ---- leaves ---------------------------------------------------------------------------------

    /** A named input of the function. */
    record Variable(String name, Shape shape) implements Expr {
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public int hashCode() { return Hashing.hash(Variable.class, name, shape); }
    }

    /** A value repeated over a shape: the scalar {@code 2}, the vector of ones, a zero matrix. */
    record Constant(double value, Shape shape) implements Expr {
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public int hashCode() { return Hashing.hash(Constant.class, value, shape); }
    }

    /** The n × n identity matrix. */
    record Identity(Dim size) implements Expr {
        @Override public Shape shape() { return Shape.matrix(size, size); }
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public int hashCode() { return Hashing.hash(Identity.class, size); }
    }

    /** A dimension used as a scalar value, as in {@code sum(x) / n}. */
    record Size(Dim dim) implements Expr {
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(); }
        @Override public Expr withChildren(List<Expr> c) { return this; }
        @Override public int hashCode() { return Hashing.hash(Size.class, dim); }
    }

    // ---- arithmetic -----------------------------------------------------------------------------

    /** {@code a + b} of one shape (scalar expansion is explicit: {@code x + b} is {@code x + b·1⃗}). */
    record Add(Expr left, Expr right, Shape shape) implements Expr {
        public Add(Expr left, Expr right) { this(left, right, ShapeRules.sameShape("add", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        public Add { Shapes.require(shape, ShapeRules.sameShape("add", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return add(c.get(0), c.get(1)); }
        @Override public int hashCode() { return Hashing.hash(Add.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Negate(Expr operand, Shape shape) implements Expr {
        public Negate(Expr operand) { this(operand, operand.shape()); }
        public Negate { Shapes.require(shape, operand.shape()); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return negate(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Negate.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** A scalar times anything: {@code 2x}, {@code b·1⃗}, {@code η∇C}. */
    record Scale(Expr factor, Expr operand, Shape shape) implements Expr {
        public Scale(Expr factor, Expr operand) { this(factor, operand, operand.shape()); }
        public Scale {
            if (!factor.shape().isScalar()) {
                throw new ShapeMismatchException("cannot scale by " + factor.shape() + ": the factor must be a scalar");
            }
            Shapes.require(shape, operand.shape());
        }
        @Override public List<Expr> children() { return List.of(factor, operand); }
        @Override public Expr withChildren(List<Expr> c) { return scale(c.get(0), c.get(1)); }
        @Override public int hashCode() { return Hashing.hash(Scale.class, factor, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The element-wise product {@code a ⊙ b} of two non-scalars of one shape. */
    record Hadamard(Expr left, Expr right, Shape shape) implements Expr {
        public Hadamard(Expr left, Expr right) { this(left, right, ShapeRules.sameShape("multiply element-wise", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        public Hadamard { Shapes.require(shape, ShapeRules.sameShape("multiply element-wise", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return hadamard(c.get(0), c.get(1)); }
        @Override public int hashCode() { return Hashing.hash(Hadamard.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** Element-wise division {@code a ⊘ b} of one shape (scalars included). */
    record Divide(Expr left, Expr right, Shape shape) implements Expr {
        public Divide(Expr left, Expr right) { this(left, right, ShapeRules.sameShape("divide", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        public Divide { Shapes.require(shape, ShapeRules.sameShape("divide", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return divide(c.get(0), c.get(1)); }
        @Override public int hashCode() { return Hashing.hash(Divide.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** Element-wise power {@code a .^ b} of one shape (scalars included). */
    record Power(Expr base, Expr exponent, Shape shape) implements Expr {
        public Power(Expr base, Expr exponent) { this(base, exponent, ShapeRules.sameShape("raise", base.shape(), exponent.shape(), ShapeRules.EQUAL)); }
        public Power { Shapes.require(shape, ShapeRules.sameShape("raise", base.shape(), exponent.shape(), ShapeRules.EQUAL)); }
        @Override public List<Expr> children() { return List.of(base, exponent); }
        @Override public Expr withChildren(List<Expr> c) { return power(c.get(0), c.get(1)); }
        @Override public int hashCode() { return Hashing.hash(Power.class, base, exponent); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The matrix product of two non-scalars; {@code xᵀy} is the dot product. */
    record Product(Expr left, Expr right, Shape shape) implements Expr {
        public Product(Expr left, Expr right) { this(left, right, ShapeRules.product(left.shape(), right.shape(), ShapeRules.EQUAL)); }
        public Product { Shapes.require(shape, ShapeRules.product(left.shape(), right.shape(), ShapeRules.EQUAL)); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return product(c.get(0), c.get(1)); }
        @Override public int hashCode() { return Hashing.hash(Product.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Transpose(Expr operand, Shape shape) implements Expr {
        public Transpose(Expr operand) { this(operand, operand.shape().transpose()); }
        public Transpose { Shapes.require(shape, operand.shape().transpose()); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return transpose(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Transpose.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** An element-wise function such as {@code tanh(x)}. */
    record Apply(Fn fn, Expr operand, Shape shape) implements Expr {
        public Apply(Fn fn, Expr operand) { this(fn, operand, operand.shape()); }
        public Apply { Shapes.require(shape, operand.shape()); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return apply(fn, c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Apply.class, fn, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The element-wise maximum of two operands of one shape; {@code max(0, z)} is {@link Fn#RELU}. */
    record Max(Expr left, Expr right, Shape shape) implements Expr {
        public Max(Expr left, Expr right) { this(left, right, ShapeRules.sameShape("take the maximum of", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        public Max { Shapes.require(shape, ShapeRules.sameShape("take the maximum of", left.shape(), right.shape(), ShapeRules.EQUAL)); }
        @Override public List<Expr> children() { return List.of(left, right); }
        @Override public Expr withChildren(List<Expr> c) { return max(c.get(0), c.get(1)); }
        @Override public int hashCode() { return Hashing.hash(Max.class, left, right); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    // ---- reductions and matrix functions --------------------------------------------------------

    /** The sum of every entry. */
    record Sum(Expr operand) implements Expr {
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return sum(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Sum.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** The Euclidean norm of a vector, the Frobenius norm of a matrix. */
    record Norm2(Expr operand) implements Expr {
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return norm2(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Norm2.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /**
     * log Σ exp(xᵢ) over every entry, the smooth maximum. A node of its own so that it is computed
     * with the maximum subtracted, and so that its derivative, the softmax exp(x − y), cannot overflow.
     */
    record LogSumExp(Expr operand) implements Expr {
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return logSumExp(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(LogSumExp.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Trace(Expr operand) implements Expr {
        public Trace { ShapeRules.square("tr", operand.shape(), ShapeRules.EQUAL); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return trace(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Trace.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Det(Expr operand) implements Expr {
        public Det { ShapeRules.square("det", operand.shape(), ShapeRules.EQUAL); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return det(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Det.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** log |det X|. */
    record LogDet(Expr operand) implements Expr {
        public LogDet { ShapeRules.square("logdet", operand.shape(), ShapeRules.EQUAL); }
        @Override public Shape shape() { return Shape.SCALAR; }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return logdet(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(LogDet.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    record Inverse(Expr operand, Shape shape) implements Expr {
        public Inverse(Expr operand) { this(operand, ShapeRules.square("inv", operand.shape(), ShapeRules.EQUAL)); }
        public Inverse { Shapes.require(shape, ShapeRules.square("inv", operand.shape(), ShapeRules.EQUAL)); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return inverse(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Inverse.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** {@code diag(x)} of a vector: the square matrix with x on its diagonal. */
    record DiagonalMatrix(Expr operand, Shape shape) implements Expr {
        public DiagonalMatrix(Expr operand) { this(operand, Shape.matrix(operand.shape().rows(), operand.shape().rows())); }
        public DiagonalMatrix {
            if (!operand.shape().isVector()) {
                throw new ShapeMismatchException("diag needs a vector or a square matrix, not " + operand.shape());
            }
            Shapes.require(shape, Shape.matrix(operand.shape().rows(), operand.shape().rows()));
        }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return diagonalMatrix(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(DiagonalMatrix.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    /** {@code diag(X)} of a square matrix: the vector of its diagonal. */
    record Diagonal(Expr operand, Shape shape) implements Expr {
        public Diagonal(Expr operand) { this(operand, Shape.vector(ShapeRules.square("diag", operand.shape(), ShapeRules.EQUAL).rows())); }
        public Diagonal { Shapes.require(shape, Shape.vector(ShapeRules.square("diag", operand.shape(), ShapeRules.EQUAL).rows())); }
        @Override public List<Expr> children() { return List.of(operand); }
        @Override public Expr withChildren(List<Expr> c) { return diagonal(c.get(0)); }
        @Override public int hashCode() { return Hashing.hash(Diagonal.class, operand); }
        @Override public boolean equals(Object o) { return Hashing.sameNode(this, o); }
    }

    // ---- factories ------------------------------------------------------------------------------

    static Expr variable(String name, Shape shape) { return Interner.intern(new Variable(name, shape)); }

    static Expr constant(double value, Shape shape) {
        return Interner.intern(new Constant(value == 0.0 ? 0.0 : value, shape));
    }

    static Expr scalar(double value) { return constant(value, Shape.SCALAR); }

    static Expr zero(Shape shape) { return constant(0, shape); }

    static Expr ones(Shape shape) { return constant(1, shape); }

    static Expr identity(Dim size) { return Interner.intern(new Identity(size)); }

    static Expr size(Dim dim) {
        return dim instanceof Dim.Fixed fixed ? scalar(fixed.size()) : Interner.intern(new Size(dim));
    }

    static Expr add(Expr a, Expr b) { return Interner.intern(new Add(a, b)); }

    static Expr subtract(Expr a, Expr b) { return add(a, negate(b)); }

    static Expr negate(Expr a) {
        return a instanceof Constant c ? constant(-c.value(), c.shape()) : Interner.intern(new Negate(a));
    }

    static Expr scale(Expr factor, Expr operand) { return Interner.intern(new Scale(factor, operand)); }

    /** The scalar {@code s} spread over a shape: {@code s·1⃗}, the paper's scalar expansion; a non-scalar is left as it is. */
    static Expr expand(Expr s, Shape shape) {
        if (shape.isScalar() || !s.shape().isScalar()) {
            return s;
        }
        return s instanceof Constant c ? constant(c.value(), shape) : scale(s, ones(shape));
    }

    static Expr hadamard(Expr a, Expr b) { return Interner.intern(new Hadamard(a, b)); }

    static Expr divide(Expr a, Expr b) { return Interner.intern(new Divide(a, b)); }

    static Expr power(Expr base, Expr exponent) { return Interner.intern(new Power(base, exponent)); }

    static Expr product(Expr a, Expr b) { return Interner.intern(new Product(a, b)); }

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
        return Interner.intern(new Transpose(a));
    }

    static Expr apply(Fn fn, Expr a) { return Interner.intern(new Apply(fn, a)); }

    static Expr max(Expr a, Expr b) { return Interner.intern(new Max(a, b)); }

    static Expr sum(Expr a) { return Interner.intern(new Sum(a)); }

    static Expr norm2(Expr a) { return Interner.intern(new Norm2(a)); }

    static Expr logSumExp(Expr a) { return Interner.intern(new LogSumExp(a)); }

    static Expr trace(Expr a) { return Interner.intern(new Trace(a)); }

    static Expr det(Expr a) { return Interner.intern(new Det(a)); }

    static Expr logdet(Expr a) { return Interner.intern(new LogDet(a)); }

    static Expr inverse(Expr a) { return Interner.intern(new Inverse(a)); }

    static Expr diagonalMatrix(Expr a) { return Interner.intern(new DiagonalMatrix(a)); }

    static Expr diagonal(Expr a) { return Interner.intern(new Diagonal(a)); }
}

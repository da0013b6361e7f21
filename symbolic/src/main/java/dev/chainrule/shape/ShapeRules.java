package dev.chainrule.shape;

/**
 * How operators combine shapes, written once and used twice: by the type checker, which unifies
 * dimensions it is still inferring, and by the graph's factories, which require them equal.
 */
public final class ShapeRules {
    private ShapeRules() {}

    /** Decides whether two dimensions are the same, possibly by making them the same. */
    @FunctionalInterface
    public interface Unifier {
        boolean unify(Dim a, Dim b);
    }

    /** For shapes already known: dimensions must be equal. */
    public static final Unifier EQUAL = Dim::equals;

    /**
     * The matrix product {@code a*b} of two non-scalars: inner dimensions must agree. A row vector
     * times a vector is a scalar, a matrix times a vector a vector, a vector times a row vector a matrix.
     */
    public static Shape product(Shape a, Shape b, Unifier unifier) {
        if (a.isScalar() || b.isScalar()) {
            throw new IllegalArgumentException("product of a scalar is a scaling, not a matrix product");
        }
        if (a.isVector() && b.isVector()) {
            throw new ShapeMismatchException("cannot multiply " + a + " by " + b
                    + ": use x'*y for the dot product or x.*y for the element-wise product");
        }
        if (!unifier.unify(a.cols(), b.rows())) {
            throw new ShapeMismatchException("cannot multiply " + a + " by " + b + ": "
                    + a.cols() + " ≠ " + b.rows());
        }
        if (a.isRow() && b.isVector()) {
            return Shape.SCALAR;
        }
        if (a.isRow()) {
            return Shape.row(b.cols());
        }
        if (b.isVector()) {
            return Shape.vector(a.rows());
        }
        return Shape.matrix(a.rows(), b.cols());
    }

    /** Element-wise operators need two operands of one shape; {@code verb} reads "cannot add ...". */
    public static Shape sameShape(String verb, Shape a, Shape b, Unifier unifier) {
        if (a.kind() != b.kind()) {
            throw new ShapeMismatchException("cannot " + verb + " " + a + " and " + b);
        }
        boolean rows = unifier.unify(a.rows(), b.rows());
        boolean cols = unifier.unify(a.cols(), b.cols());
        if (!rows || !cols) {
            Dim left = rows ? a.cols() : a.rows();
            Dim right = rows ? b.cols() : b.rows();
            throw new ShapeMismatchException("cannot " + verb + " " + a + " and " + b + ": " + left + " ≠ " + right);
        }
        return a;
    }

    /** {@code tr}, {@code det}, {@code logdet}, {@code inv} and {@code diag} of a matrix need it square. */
    public static Shape square(String function, Shape a, Unifier unifier) {
        if (!a.isMatrix()) {
            throw new ShapeMismatchException(function + " needs a square matrix, not " + a);
        }
        if (!unifier.unify(a.rows(), a.cols())) {
            throw new ShapeMismatchException(function + " needs a square matrix, not " + a + ": "
                    + a.rows() + " ≠ " + a.cols());
        }
        return a;
    }
}

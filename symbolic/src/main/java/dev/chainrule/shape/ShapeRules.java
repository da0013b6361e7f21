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

    /** The number of entries: m·n for an m × n matrix, n for a vector or a row, 1 for a scalar. */
    public static Dim entries(Shape a) {
        return Dim.product(a.rows(), a.cols());
    }

    /**
     * A block matrix of parts of these shapes, {@code columns} per block row: heights agree along
     * each block row and widths along each block column. A single block column of scalars and
     * vectors is a vector; a single block row of scalars and rows, a row; anything else a matrix.
     */
    public static Shape block(java.util.List<Shape> parts, int columns, Unifier unifier) {
        if (columns < 1 || parts.isEmpty() || parts.size() % columns != 0) {
            throw new IllegalArgumentException(parts.size() + " parts do not fill block rows of " + columns);
        }
        int rows = parts.size() / columns;
        Dim height = null;
        for (int r = 0; r < rows; r++) {
            Dim rowHeight = parts.get(r * columns).rows();
            for (int c = 1; c < columns; c++) {
                Shape part = parts.get(r * columns + c);
                if (!unifier.unify(rowHeight, part.rows())) {
                    throw new ShapeMismatchException("cannot put " + parts.get(r * columns) + " beside " + part
                            + " in a block row: " + rowHeight + " ≠ " + part.rows() + " rows");
                }
            }
            height = height == null ? rowHeight : Dim.sum(height, rowHeight);
        }
        Dim width = null;
        for (int c = 0; c < columns; c++) {
            Dim columnWidth = parts.get(c).cols();
            for (int r = 1; r < rows; r++) {
                Shape part = parts.get(r * columns + c);
                if (!unifier.unify(columnWidth, part.cols())) {
                    throw new ShapeMismatchException("cannot stack " + parts.get(c) + " over " + part
                            + " in a block column: " + columnWidth + " ≠ " + part.cols() + " columns");
                }
            }
            width = width == null ? columnWidth : Dim.sum(width, columnWidth);
        }
        boolean columnOfVectors = columns == 1 && parts.stream().allMatch(p -> p.isScalar() || p.isVector());
        boolean rowOfRows = rows == 1 && parts.stream().allMatch(p -> p.isScalar() || p.isRow());
        if (columnOfVectors) {
            return Shape.vector(height);
        }
        if (rowOfRows) {
            return Shape.row(width);
        }
        return Shape.matrix(height, width);
    }

    /**
     * A block of shape {@code part} at offsets ({@code row}, {@code column}) of a value of shape
     * {@code whole}: a vector's blocks are entries and sub-vectors, a row's entries and sub-rows.
     * Where the sizes are fixed the block must lie inside; symbolic ones are checked where bound.
     */
    public static void slice(Shape whole, Dim row, Dim column, Shape part) {
        boolean kinds = switch (whole.kind()) {
            case SCALAR -> part.isScalar();
            case VECTOR -> part.isScalar() || part.isVector();
            case ROW -> part.isScalar() || part.isRow();
            case MATRIX -> true;
        };
        if (!kinds || whole.isVector() && !column.isZero() || whole.isRow() && !row.isZero()) {
            throw new ShapeMismatchException("cannot take a " + part + " out of a " + whole);
        }
        checkInside("row", row, part.rows(), whole.rows());
        checkInside("column", column, part.cols(), whole.cols());
    }

    private static void checkInside(String what, Dim offset, Dim size, Dim total) {
        Dim end = Dim.sum(offset, size);
        if (end instanceof Dim.Fixed e && total instanceof Dim.Fixed t && e.size() > t.size()) {
            throw new ShapeMismatchException("index out of range: " + what + " " + e.size() + " of " + t.size());
        }
    }

    /** A ⊗ B: rows multiply, columns multiply; a vector of vectors is a vector, a row of rows a row. */
    public static Shape kronecker(Shape a, Shape b) {
        Dim rows = Dim.product(a.rows(), b.rows());
        Dim cols = Dim.product(a.cols(), b.cols());
        if (a.isVector() && b.isVector()) {
            return Shape.vector(rows);
        }
        if (a.isRow() && b.isRow()) {
            return Shape.row(cols);
        }
        return Shape.matrix(rows, cols);
    }

    /** A value read row by row as another shape: both must have as many entries. */
    public static void reshape(Shape from, Shape to) {
        if (!entries(from).equals(entries(to)) || from.isScalar() != to.isScalar()) {
            throw new ShapeMismatchException("cannot reshape " + from + " to " + to + ": "
                    + entries(from) + " ≠ " + entries(to) + " entries");
        }
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

package dev.chainrule.typing;

import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.shape.ShapeMismatchException;
import dev.chainrule.shape.ShapeRules;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.Source;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pass one of type checking: infers the shape of every AST node. Declared dimensions are rigid;
 * the dimensions of undeclared names and of {@code vector(c)}, {@code matrix(c)} and {@code eye}
 * are flexible and are unified (union-find) with whatever they meet. Errors carry the operator's
 * span and name the shapes involved.
 */
final class ShapeInference implements ShapeRules.Unifier, Ast.Visitor<Shape> {
    private static final List<String> FRESH_NAMES = List.of("n", "m", "k", "p", "q", "r", "s", "t");

    private final Source source;
    private final Map<String, Shape> scope;
    private final Set<String> dimensionSymbols;
    private final Set<String> namesInUse;
    private final Map<Dim, Dim> parent = new HashMap<>();
    private final Map<Dim, Integer> flexible = new HashMap<>();
    private final Map<Ast, Shape> shapes = new IdentityHashMap<>();
    private final Map<String, Shape> undeclared = new LinkedHashMap<>();
    private int freshCount;
    private Ast failedAt;

    /**
     * @param scope            declared names and their shapes; local definitions are added as met
     * @param dimensionSymbols declared symbolic dimensions, which may also be used as scalar values
     * @param namesInUse       every name the user wrote, which fresh dimension names must avoid
     */
    ShapeInference(Source source, Map<String, Shape> scope, Set<String> dimensionSymbols, Set<String> namesInUse) {
        this.source = source;
        this.scope = scope;
        this.dimensionSymbols = dimensionSymbols;
        this.namesInUse = namesInUse;
    }

    /** Names used without a declaration, with the shapes the naming convention gave them. */
    Map<String, Shape> undeclared() {
        Map<String, Shape> resolved = new LinkedHashMap<>();
        undeclared.forEach((name, shape) -> resolved.put(name, resolve(shape)));
        return resolved;
    }

    void declareLocal(String name, Shape shape) {
        scope.put(name, shape);
    }

    /** The final shape of a node, with every dimension replaced by its representative. */
    Shape shapeOf(Ast node) {
        return resolve(shapes.get(node));
    }

    Shape infer(Ast ast) {
        Shape shape = ast.accept(this);
        shapes.put(ast, shape);
        return shape;
    }

    // ---- one node, after its operands (a call checks its name and arity before its arguments) -----

    @Override
    public Shape visitNumber(Ast.Number number) {
        return Shape.SCALAR;
    }

    @Override
    public Shape visitUnary(Ast.Unary unary) {
        Shape operand = infer(unary.operand());
        return unary.op() == Ast.UnaryOp.TRANSPOSE ? operand.transpose() : operand;
    }

    @Override
    public Shape visitBinary(Ast.Binary binary) {
        return binaryShape(binary, infer(binary.left()), infer(binary.right()));
    }

    /**
     * Each definition's value, its name then standing for it, then the body. A name may not be a
     * variable, a dimension, an earlier definition, or used before its definition.
     */
    @Override
    public Shape visitWhere(Ast.Where where) {
        for (Ast.Definition definition : where.definitions()) {
            String name = definition.name();
            if (undeclared.containsKey(name)) {
                throw CalcException.at(source, definition.span(), "'" + name
                        + "' is used before its definition; define each name before the definitions that use it");
            }
            if (scope.containsKey(name) || dimensionSymbols.contains(name) || name.equals("eye")) {
                throw CalcException.at(source, definition.span(), "'" + name + "' is already "
                        + (dimensionSymbols.contains(name) ? "a dimension" : name.equals("eye") ? "the identity"
                        : "a name of the expression") + "; a definition after 'where' needs a new name");
            }
            declareLocal(name, infer(definition.value()));
        }
        return infer(where.body());
    }

    @Override
    public Shape visitName(Ast.Name name) {
        String id = name.id();
        Shape declared = scope.get(id);
        if (declared != null) {
            return declared;
        }
        if (dimensionSymbols.contains(id)) {
            return Shape.SCALAR;
        }
        if (id.equals("eye")) {
            Dim n = freshDim();
            return Shape.matrix(n, n);
        }
        return undeclared.computeIfAbsent(id, this::conventionalShape);
    }

    /** matrixcalculus.org's convention: a–g scalars, h–z vectors, A–Z matrices, by the first letter. */
    private Shape conventionalShape(String name) {
        char first = name.charAt(0);
        if (first >= 'h' && first <= 'z') {
            return Shape.vector(freshDim());
        }
        if (first >= 'A' && first <= 'Z') {
            return Shape.matrix(freshDim(), freshDim());
        }
        return Shape.SCALAR;
    }

    private Shape binaryShape(Ast.Binary node, Shape a, Shape b) {
        return switch (node.op()) {
            case ADD -> elementwise(node, "add", a, b);
            case SUBTRACT -> elementwise(node, "subtract", a, b);
            case HADAMARD -> elementwise(node, "multiply element-wise", a, b);
            case ELEMENT_DIVIDE -> elementwise(node, "divide element-wise", a, b);
            case ELEMENT_POWER -> elementwise(node, "raise element-wise", a, b);
            case MULTIPLY -> a.isScalar() ? b : b.isScalar() ? a : checked(node, () -> ShapeRules.product(resolve(a), resolve(b), this));
            case DIVIDE -> {
                if (!b.isScalar()) {
                    throw error(node, "cannot divide " + resolve(a) + " by " + resolve(b)
                            + ": / divides by a scalar; use ./ for element-wise division");
                }
                yield a;
            }
            case POWER -> {
                if (!a.isScalar() || !b.isScalar()) {
                    throw error(node, "cannot raise " + resolve(a) + " to the power " + resolve(b)
                            + ": ^ is for scalars; use .^ for an element-wise power");
                }
                yield a;
            }
            case DOT -> dot(node, a, b);
        };
    }

    private Shape elementwise(Ast node, String verb, Shape a, Shape b) {
        if (a.isScalar()) {
            return b;
        }
        if (b.isScalar()) {
            return a;
        }
        return checked(node, () -> ShapeRules.sameShape(verb, resolve(a), resolve(b), this));
    }

    private Shape dot(Ast node, Shape a, Shape b) {
        boolean vectors = a.isVector() && b.isVector();
        boolean matrices = a.isMatrix() && b.isMatrix();
        if (!vectors && !matrices && !(a.isScalar() && b.isScalar())) {
            throw error(node, "cannot take the dot product of " + resolve(a) + " and " + resolve(b)
                    + ": it needs two vectors (or two matrices) of one shape");
        }
        checked(node, () -> ShapeRules.sameShape("take the dot product of", resolve(a), resolve(b), this));
        return Shape.SCALAR;
    }

    @Override
    public Shape visitCall(Ast.Call call) {
        String name = call.function();
        List<Ast> args = call.args();
        Fn fn = Fn.bySymbol(name).orElse(null);
        Builtin builtin = Builtin.bySymbol(name).orElse(null);
        if (fn == null && builtin == null) {
            String hint = Builtin.nearest(name).map(n -> ": did you mean '" + n + "'?").orElse("");
            throw error(call, "unknown function '" + name + "'" + hint);
        }
        int arity = fn != null ? 1 : builtin.arity;
        if (args.size() != arity) {
            throw error(call, name + " takes " + arity + (arity == 1 ? " argument" : " arguments")
                    + ", not " + args.size());
        }
        if (builtin == Builtin.COMMUTATION) {
            Dim m = dimension(args.get(0));
            Dim n = dimension(args.get(1));
            Dim size = Dim.product(m, n);
            return Shape.matrix(size, size);
        }
        if (builtin == Builtin.RESHAPE) {
            Shape from = infer(args.get(0));
            Shape to = Shape.matrix(dimension(args.get(1)), dimension(args.get(2)));
            if (!unify(ShapeRules.entries(resolve(from)), ShapeRules.entries(to)) || from.isScalar()) {
                throw error(call, "cannot reshape " + resolve(from) + " to " + to + ": "
                        + ShapeRules.entries(resolve(from)) + " ≠ " + ShapeRules.entries(to) + " entries");
            }
            return to;
        }
        Shape[] shapes = args.stream().map(this::infer).toArray(Shape[]::new);
        if (fn != null) {
            return shapes[0];
        }
        Shape a = shapes.length > 0 ? shapes[0] : null;
        return switch (builtin) {
            case SUM, LOGSUMEXP, NORM1, NORM2 -> Shape.SCALAR;
            case TR, DET, LOGDET -> {
                checked(call, () -> ShapeRules.square(name, resolve(a), this));
                yield Shape.SCALAR;
            }
            case INV -> checked(call, () -> ShapeRules.square(name, resolve(a), this));
            case SOFTMAX, LOGSOFTMAX -> {
                if (a.isScalar() || a.isMatrix()) {
                    throw error(call, name + " needs a vector, not " + resolve(a)
                            + (a.isMatrix() ? ": apply it to a column, or use logsumexp for the whole matrix" : ""));
                }
                yield a;
            }
            case DIAG -> {
                if (a.isVector()) {
                    yield Shape.matrix(a.rows(), a.rows());
                }
                checked(call, () -> ShapeRules.square(name, resolve(a), this));
                yield Shape.vector(a.rows());
            }
            case DOT -> dot(call, a, shapes[1]);
            case MAX -> elementwise(call, "take the maximum of", a, shapes[1]);
            case VECTOR -> constructor(call, a, Shape.vector(freshDim()));
            case MATRIX -> constructor(call, a, Shape.matrix(freshDim(), freshDim()));
            case EYE -> {
                Dim n = freshDim();
                yield Shape.matrix(n, n);
            }
            case VEC -> a.isScalar() ? a : Shape.vector(ShapeRules.entries(resolve(a)));
            case KRON -> a.isScalar() ? shapes[1] : shapes[1].isScalar() ? a
                    : ShapeRules.kronecker(resolve(a), resolve(shapes[1]));
            case RESHAPE, COMMUTATION -> throw new IllegalStateException("handled above");
        };
    }

    /** A size or an index written as a dimension expression, {@code n - 1}; names must be dimensions. */
    private Dim dimension(Ast ast) {
        Dim d = DimensionExpressions.of(ast, dimensionSymbols, this::error);
        shapes.put(ast, Shape.SCALAR);
        return d;
    }

    // ---- vectors and matrices written out, and their entries -------------------------------------

    /**
     * {@code [a, b, x]}: a single row of scalars and vectors is their stack, the paper's vector of
     * functions. Otherwise block rows, separated by {@code ;}, of blocks side by side (a scalar is
     * 1 × 1, a vector a column, a row a row); every block row has as many blocks.
     */
    @Override
    public Shape visitLiteral(Ast.Literal literal) {
        List<List<Ast>> rows = literal.rows();
        int columns = rows.get(0).size();
        List<Shape> parts = new java.util.ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != columns) {
                throw error(rows.get(r).get(0), "every block row needs as many entries: row " + (r + 1) + " has "
                        + rows.get(r).size() + ", row 1 has " + columns);
            }
            for (Ast entry : rows.get(r)) {
                parts.add(resolve(infer(entry)));
            }
        }
        int blockColumns = stacksVertically(rows.size(), parts) ? 1 : columns;
        return checked(literal, () -> ShapeRules.block(parts, blockColumns, this));
    }

    /** One row of scalars and vectors only: the paper's [f₁(x), f₂(x)], stacked. */
    static boolean stacksVertically(int rows, List<Shape> parts) {
        return rows == 1 && parts.stream().allMatch(p -> p.isScalar() || p.isVector());
    }

    /**
     * {@code x[i]}, {@code A[i, j]}, {@code x[i:j]}: 1-based, both ends of a range included. Checked
     * here against fixed sizes; against symbolic ones where sizes are bound (the interpreter's
     * inputs, a generated class's constructor).
     */
    @Override
    public Shape visitEntries(Ast.Entries entries) {
        Shape whole = resolve(infer(entries.operand()));
        int needed = whole.isMatrix() ? 2 : 1;
        if (whole.isScalar()) {
            throw error(entries, "a scalar has no entries to index");
        }
        if (entries.indices().size() != needed) {
            throw error(entries, whole + " takes " + needed + (needed == 1 ? " index" : " indices") + ", not "
                    + entries.indices().size());
        }
        List<Dim> sizes = new java.util.ArrayList<>();
        for (int k = 0; k < needed; k++) {
            Ast.Index index = entries.indices().get(k);
            Dim total = whole.isMatrix() ? (k == 0 ? whole.rows() : whole.cols()) : whole.length();
            sizes.add(range(index, total));
        }
        return entriesShape(whole, entries.indices(), sizes);
    }

    /**
     * What entries of a value of shape {@code whole} are: one entry a scalar; a range of a vector a
     * vector, of a row a row; of a matrix, a row for one row, a vector for one column, else a matrix.
     */
    static Shape entriesShape(Shape whole, List<Ast.Index> indices, List<Dim> sizes) {
        if (whole.isMatrix()) {
            boolean oneRow = !indices.get(0).isRange();
            boolean oneColumn = !indices.get(1).isRange();
            return oneRow && oneColumn ? Shape.SCALAR : oneRow ? Shape.row(sizes.get(1))
                    : oneColumn ? Shape.vector(sizes.get(0)) : Shape.matrix(sizes.get(0), sizes.get(1));
        }
        if (!indices.get(0).isRange()) {
            return Shape.SCALAR;
        }
        return whole.isVector() ? Shape.vector(sizes.get(0)) : Shape.row(sizes.get(0));
    }

    /** The number of entries an index or a range takes, checked where the sizes are fixed. */
    private Dim range(Ast.Index index, Dim total) {
        Dim first = dimension(index.first());
        Dim last = index.isRange() ? dimension(index.last()) : first;
        Dim count;
        try {
            count = Dim.sum(Dim.difference(last, first), Dim.ONE);
        } catch (IllegalArgumentException backwards) {
            throw error(index.last(), "a range must not end before it starts: " + first + ":" + last);
        }
        if (last instanceof Dim.Fixed l && find(total) instanceof Dim.Fixed t && l.size() > t.size()) {
            throw error(index.isRange() ? index.last() : index.first(), "index " + l.size() + " is out of range: "
                    + "the size is " + t.size());
        }
        return count;
    }

    private Shape constructor(Ast.Call call, Shape argument, Shape result) {
        if (!argument.isScalar()) {
            throw error(call, call.function() + "(c) fills a " + call.function() + " with the scalar c, not with "
                    + resolve(argument));
        }
        return result;
    }

    /** Requires {@code ast}'s shape to be {@code expected}, for a declared result or a round trip. */
    void expect(Ast ast, Shape expected) {
        Shape actual = shapes.get(ast);
        if (actual.kind() != expected.kind() || !unify(actual.rows(), expected.rows())
                || !unify(actual.cols(), expected.cols())) {
            throw error(ast, "expected " + expected + ", found " + resolve(actual));
        }
    }

    // ---- dimensions -----------------------------------------------------------------------------

    /** A shape of this kind whose dimensions are fresh and flexible, fixed by what it meets. */
    Shape fresh(Shape.Kind kind) {
        return switch (kind) {
            case SCALAR -> Shape.SCALAR;
            case VECTOR -> Shape.vector(freshDim());
            case ROW -> Shape.row(freshDim());
            case MATRIX -> Shape.matrix(freshDim(), freshDim());
        };
    }

    private Dim freshDim() {
        String name;
        do {
            int i = freshCount++;
            name = i < FRESH_NAMES.size() ? FRESH_NAMES.get(i)
                    : FRESH_NAMES.get(i % FRESH_NAMES.size()) + (i / FRESH_NAMES.size());
        } while (namesInUse.contains(name) || dimensionSymbols.contains(name));
        Dim dim = Dim.of(name);
        flexible.put(dim, flexible.size());
        return dim;
    }

    /** A dimension's representative; a compound's, with each of its symbols replaced by theirs. */
    Dim find(Dim dim) {
        if (dim instanceof Dim.Compound) {
            return dim.substitute(symbol -> find(Dim.of(symbol)));
        }
        Dim root = dim;
        while (parent.containsKey(root)) {
            root = parent.get(root);
        }
        return root instanceof Dim.Compound ? find(root) : root;
    }

    Shape resolve(Shape shape) {
        return new Shape(shape.kind(), find(shape.rows()), find(shape.cols()));
    }

    @Override
    public boolean unify(Dim a, Dim b) {
        Dim ra = find(a);
        Dim rb = find(b);
        if (ra.equals(rb)) {
            return true;
        }
        Integer fa = flexible.get(ra);
        Integer fb = flexible.get(rb);
        if (fa == null && fb == null) {
            return false;
        }
        // A flexible dimension may stand for a compound, but not for one made of itself.
        if (fa != null && rb.symbols().contains(ra.toString()) || fb != null && ra.symbols().contains(rb.toString())) {
            return false;
        }
        // A rigid dimension wins; between two flexible ones the older keeps its name.
        boolean aYields = fa != null && (fb == null || fa > fb);
        if (aYields) {
            parent.put(ra, rb);
        } else {
            parent.put(rb, ra);
        }
        return true;
    }

    private Shape checked(Ast node, java.util.function.Supplier<Shape> rule) {
        try {
            return rule.get();
        } catch (ShapeMismatchException e) {
            throw error(node, e.getMessage());
        }
    }

    CalcException error(Ast node, String message) {
        failedAt = node;
        return CalcException.at(source, node.span(), message);
    }

    /** The node of the last shape error, whose operands explain it; null if none. */
    Ast failedAt() {
        return failedAt;
    }
}

package dev.chainrule.tests;

import static dev.chainrule.graph.Expr.*;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.testing.property.Gen;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Random well-shaped expressions over the whole language, built through the graph's factories.
 *
 * <p>Every operator and function appears: Add, Negate, Scale, Hadamard, Divide, Power, Product in
 * all its shape combinations (matrix·matrix, matrix·vector, row·matrix, row·vector, vector·row),
 * Transpose, every {@link Fn}, Max, Sum, Norm2, LogSumExp, Softmax (and log softmax, x −
 * logsumexp(x)), Trace, Det, LogDet, Inverse, DiagonalMatrix, Diagonal, Constant, Identity and
 * Size; and the forms of the whole of matrix calculus: vectors written out ({@code [a; x]}, the
 * paper's vector of functions) and block matrices, entries and slices ({@code x[2]},
 * {@code A[1:n - 1, 2]}, at fixed and symbolic offsets), Kronecker products, vec and reshapes, the
 * commutation matrix, and symmetric variables ({@code S: symmetric[n]}); over scalars, vectors,
 * row vectors and matrices of symbolic ({@code n}, {@code m}), fixed (1, 2, 3) and compound
 * ({@code n - 1}, {@code m*n}) dimensions, nested up to depth 8 (a little more through blocks).
 *
 * <p>The variable a case is differentiated by ({@code wrt}) may be a scalar, a vector, a matrix or
 * a symmetric matrix, and may be read anywhere, by matrix-valued steps too: Jacobians and Hessians
 * through {@code det(MᵀM + I)}, {@code inv}, {@code diag(x)·A} and Kronecker products of it are what
 * the properties check.
 *
 * <p>Values stay in each function's domain: log, sqrt, a divisor and the base of a real power get
 * an argument that is positive by construction ({@code exp(e)}, {@code e.^2 + c}, {@code softplus(e) + c},
 * a positive constant, a size); arcsin, arccos and tan one bounded by construction
 * ({@code 0.9*tanh(e)}); inv, det and logdet a well-conditioned matrix ({@code MᵀM + I},
 * {@code eye + 0.2*tanh(M)}, {@code diag(p + 1) + 0.2*tanh(M)} with p positive). Sizes are raised
 * until every entry an expression takes exists ({@link Sizes}).
 *
 * <p>Expressions are in the form the type checker builds from text (the "canonical" form): a
 * scalar constant or a scalar spread over a shape ({@code c·1⃗}, {@code s·1⃗})
 * or the identity only as an operand of an element-wise operator whose other operand fixes its
 * size, {@code max} never with a literal 0 (that is the rectifier), a block row never of scalars
 * and vectors only (text reads {@code [a, b]} as a stack). So every generated expression has a
 * spelling in the language, and printing it must read back to the same node.
 */
final class ExprGen {

    /** What the expression must be. */
    enum Output {
        SCALAR, VECTOR, ANY,
        /** What functions are: mostly scalars, often vectors, sometimes matrices or rows. */
        FUNCTION
    }

    /**
     * @param output the shape of the whole expression
     * @param wrt    choose a variable {@code wrt} to differentiate by, of any kind: a scalar, a
     *               vector, a matrix or a symmetric matrix, read anywhere (matrix-valued steps
     *               included), and make sure the expression reads it
     * @param kinks  whether to use abs, sign, relu, step and max
     */
    record Options(Output output, boolean wrt, boolean kinks) {}

    private static final double[] POSITIVE_CONSTANTS = {0.5, 1, 2, 3, 0.25, 1.5};
    private static final Fn[] SMOOTH = {Fn.SIN, Fn.COS, Fn.TAN, Fn.ARCSIN, Fn.ARCCOS, Fn.ARCTAN, Fn.EXP, Fn.LOG,
            Fn.SQRT, Fn.TANH, Fn.SIGMOID, Fn.SOFTPLUS};
    private static final Fn[] KINKED = {Fn.ABS, Fn.SIGN, Fn.RELU, Fn.STEP};

    private final Random random;
    private final List<Dim> dims;
    private final Expr.Variable wrt;
    private final boolean kinks;
    private int budget;

    private ExprGen(Random random, List<Dim> dims, Expr.Variable wrt, boolean kinks, int budget) {
        this.random = random;
        this.dims = dims;
        this.wrt = wrt;
        this.kinks = kinks;
        this.budget = budget;
    }

    // ---- the generator ---------------------------------------------------------------------------

    /** Cases of growing depth: size 0 is depth 1, the largest size depth 8. */
    static Gen<Case> cases(Options options) {
        return Gen.<Case>of((random, size) -> generate(random, size, options), c -> shrink(c, options));
    }

    static Case generate(Random random, int size, Options options) {
        int depth = 1 + Math.min(7, size * 8 / 101);
        // The dimensions of this case: two or three of n, m, 1, 2, 3.
        List<Dim> pool = new ArrayList<>(List.of(Dim.of("n"), Dim.of("m"), Dim.of(2), Dim.of(3), Dim.ONE));
        java.util.Collections.shuffle(pool, random);
        List<Dim> dims = new ArrayList<>(pool.subList(0, 2 + random.nextInt(2)));
        if (dims.equals(List.of(Dim.ONE)) || dims.stream().allMatch(d -> d.equals(Dim.ONE))) {
            dims.add(Dim.of("n"));
        }
        Map<String, Integer> sizes = new HashMap<>();
        sizes.put("n", 1 + random.nextInt(4));
        sizes.put("m", 1 + random.nextInt(4));
        Expr.Variable wrt = null;
        if (options.wrt()) {
            Dim d = dims.get(random.nextInt(dims.size()));
            Dim e = dims.get(random.nextInt(dims.size()));
            wrt = (Expr.Variable) switch (random.nextInt(8)) {
                case 0, 1 -> Expr.variable("a", Shape.SCALAR);
                case 2, 3, 4 -> Expr.variable("x" + tag(d), Shape.vector(d));
                case 5, 6 -> Expr.variable("A" + tag(d) + tag(e), Shape.matrix(d, e));
                default -> Expr.symmetricVariable("S" + tag(d), d);
            };
        }
        ExprGen gen = new ExprGen(random, dims, wrt, options.kinks(), 12 + 8 * depth);
        Shape shape = switch (options.output()) {
            case SCALAR -> Shape.SCALAR;
            case VECTOR -> Shape.vector(gen.dim());
            case ANY -> gen.shape();
            case FUNCTION -> {
                int k = random.nextInt(20);
                yield k < 11 ? Shape.SCALAR : k < 16 ? Shape.vector(gen.dim())
                        : k < 17 ? Shape.row(gen.dim()) : Shape.matrix(gen.dim(), gen.dim());
            }
        };
        Expr e = gen.any(shape, depth);
        if (wrt != null && Traversal.variables(e).get(wrt.name()) == null) {
            // Make sure the expression reads the variable it is differentiated by.
            Expr reduced = wrt.shape().isScalar() ? wrt : sum(wrt);
            Expr term = wrt.shape().equals(shape) ? wrt : spread(reduced, shape);
            e = gen.chance(50) ? add(e, term) : add(term, e);
        }
        return new Case(e, Sizes.fitting(e, sizes), random.nextLong(), wrt == null ? null : wrt.name());
    }

    /** A random canonical expression of the shape over the given dimensions, of at most the depth. */
    static Expr expression(Random random, List<Dim> dims, Shape shape, int depth) {
        return new ExprGen(random, dims, null, true, 6 * depth).any(shape, depth);
    }

    /** A random n × n matrix far from singular, over the given dimensions ({@link #wellConditioned(Dim, int)}). */
    static Expr wellConditioned(Random random, List<Dim> dims, Dim n, int depth) {
        return new ExprGen(random, dims, null, true, 6 * depth).wellConditioned(n, depth);
    }

    /** A random dimension of this case. */
    private Dim dim() {
        return dims.get(random.nextInt(dims.size()));
    }

    private Shape shape() {
        int k = random.nextInt(10);
        return k < 3 ? Shape.SCALAR : k < 6 ? Shape.vector(dim()) : k < 7 ? Shape.row(dim()) : Shape.matrix(dim(), dim());
    }

    private Shape nonScalar() {
        int k = random.nextInt(10);
        return k < 5 ? Shape.vector(dim()) : k < 7 ? Shape.row(dim()) : Shape.matrix(dim(), dim());
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A name for each dimension in variable names: {@code xn}, {@code x2}, {@code Anm}. */
    static String tag(Dim d) {
        return d.toString();
    }

    // ---- leaves ----------------------------------------------------------------------------------

    /**
     * A variable of the shape: a, b, c; x, y, z; A, B (and S, symmetric, for a square matrix),
     * named by their dimensions ({@code xn}, {@code A2m}, {@code S3}). Half the time the variable
     * differentiated by, where it has the shape.
     */
    private Expr variable(Shape shape) {
        if (wrt != null && wrt.shape().equals(shape) && chance(50)) {
            return wrt;
        }
        return switch (shape.kind()) {
            case SCALAR -> variableNamed(pick(new String[] {"a", "b", "c"}), shape);
            case VECTOR -> variableNamed(pick(new String[] {"x", "y", "z"}) + tag(shape.rows()), shape);
            case ROW -> transpose(variable(shape.transpose()));
            case MATRIX -> shape.isSquareMatrix() && chance(25) ? symmetricVariable("S" + tag(shape.rows()), shape.rows())
                    : variableNamed(pick(new String[] {"A", "B"}) + tag(shape.rows()) + tag(shape.cols()), shape);
        };
    }

    private Expr variableNamed(String name, Shape shape) {
        return Expr.variable(name, shape);
    }

    private double positiveConstant() {
        return POSITIVE_CONSTANTS[random.nextInt(POSITIVE_CONSTANTS.length)];
    }

    /** A leaf that is its own size: a variable, or for a scalar also a constant or a size. */
    private Expr leaf(Shape shape) {
        if (shape.isScalar()) {
            int k = random.nextInt(10);
            if (k < 2) {
                return scalar(chance(10) ? 0 : chance(25) ? -positiveConstant() : positiveConstant());
            }
            if (k < 3) {
                Dim d = symbolic();
                if (d != null) {
                    return size(d);
                }
            }
        }
        return variable(shape);
    }

    private Dim symbolic() {
        List<Dim> symbols = dims.stream().filter(d -> d instanceof Dim.Symbol).toList();
        return symbols.isEmpty() ? null : symbols.get(random.nextInt(symbols.size()));
    }

    // ---- any value -------------------------------------------------------------------------------

    /** Any expression of the shape, its own size fixed by its leaves. */
    Expr any(Shape shape, int depth) {
        budget--;
        if (depth <= 1 || budget <= 0 || chance(12)) {
            return leaf(shape);
        }
        int d = depth - 1;
        if (shape.isScalar()) {
            return switch (random.nextInt(23)) {
                case 0, 1 -> add(any(shape, d), operand(shape, shallow(d), false));
                case 2 -> negate(any(shape, d));
                case 3 -> scale(any(shape, shallow(d)), any(shape, d));
                case 4 -> divide(any(shape, d), positive(shape, shallow(d)));
                case 5 -> power(shape, d);
                case 6, 7, 8 -> function(shape, d);
                case 9 -> kinks ? maximum(shape, d) : function(shape, d);
                case 10, 11 -> sum(any(nonScalar(), d));
                case 12 -> norm2(any(nonScalar(), d));
                case 13 -> logSumExp(any(nonScalar(), d));
                case 14 -> trace(any(square(), d));
                case 15 -> det(wellConditioned(dim(), d));
                case 16 -> logdet(wellConditioned(dim(), d));
                case 17, 18 -> {
                    Dim k = dim();
                    yield product(any(Shape.row(k), d), any(Shape.vector(k), shallow(d)));
                }
                case 19 -> chance(50) ? sum(any(Shape.SCALAR, d)) : leaf(shape);
                default -> structuredScalar(d);
            };
        }
        int k = random.nextInt(23);
        if (k >= 20 || shape.isRow() && k >= 16) {
            // Rows are rarer than the other shapes: more often written out, sliced, or a softmax.
            return structured(shape, d);
        }
        if (k < 10) {
            return switch (k) {
                case 0, 1 -> elementwise(shape, d, Expr::add);
                case 2 -> negate(any(shape, d));
                case 3 -> scale(any(Shape.SCALAR, shallow(d)), any(shape, d));
                case 4 -> elementwise(shape, d, Expr::hadamard);
                case 5 -> divide(any(shape, d), positiveOperand(shape, shallow(d)));
                case 6 -> power(shape, d);
                case 7, 8 -> function(shape, d);
                default -> kinks ? maximum(shape, d) : function(shape, d);
            };
        }
        return switch (shape.kind()) {
            case VECTOR -> switch (k % 6) {
                case 0, 1 -> {
                    Dim inner = dim();
                    yield product(any(Shape.matrix(shape.rows(), inner), d), any(Shape.vector(inner), d));
                }
                case 2 -> transpose(any(shape.transpose(), d));
                case 3 -> diagonal(any(Shape.matrix(shape.rows(), shape.rows()), d));
                case 4 -> softmax(any(shape, d));
                default -> product(inverse(wellConditioned(shape.rows(), shallow(d))), any(shape, d));
            };
            case ROW -> switch (k % 3) {
                case 0, 1 -> transpose(any(shape.transpose(), d));
                default -> {
                    Dim inner = dim();
                    yield product(any(Shape.row(inner), d), any(Shape.matrix(inner, shape.cols()), shallow(d)));
                }
            };
            case MATRIX -> {
                boolean square = shape.rows().equals(shape.cols());
                yield switch (k % 6) {
                    case 0, 1 -> {
                        Dim inner = dim();
                        yield product(any(Shape.matrix(shape.rows(), inner), d),
                                any(Shape.matrix(inner, shape.cols()), shallow(d)));
                    }
                    case 2 -> product(any(Shape.vector(shape.rows()), d), any(Shape.row(shape.cols()), shallow(d)));
                    case 3 -> transpose(any(shape.transpose(), d));
                    case 4 -> square ? inverse(wellConditioned(shape.rows(), d)) : transpose(any(shape.transpose(), d));
                    default -> square ? diagonalMatrix(any(Shape.vector(shape.rows()), d))
                            : product(any(Shape.vector(shape.rows()), d), any(Shape.row(shape.cols()), d));
                };
            }
            case SCALAR -> throw new AssertionError();
        };
    }

    // ---- vectors and matrices written out, entries, and rearrangements --------------------------

    /**
     * A scalar through the forms of matrix calculus: an entry {@code x[i]}, {@code A[i, j]}; a
     * reduction of a vector written out of parts of other lengths ({@code sum([x; a])}); a dot
     * product of two such vectors; the Frobenius product through vec; a reduction of a Kronecker
     * product.
     */
    private Expr structuredScalar(int d) {
        return switch (random.nextInt(6)) {
            // An entry of a vector or a row, and one of a matrix, equally often: canonical forms
            // turn many of either into other nodes, and each must still be met.
            case 0 -> entry(any(chance(50) ? Shape.row(dim()) : Shape.vector(dim()), d));
            case 1 -> entry(any(Shape.matrix(dim(), dim()), d));
            case 2 -> {
                Expr stack = stackOf(pattern(), d);
                yield switch (random.nextInt(3)) {
                    case 0 -> sum(stack);
                    case 1 -> norm2(stack);
                    default -> logSumExp(stack);
                };
            }
            case 3 -> {
                List<Dim> pattern = pattern();
                yield product(transpose(stackOf(pattern, d)), stackOf(pattern, shallow(d)));
            }
            case 4 -> {
                Shape m = Shape.matrix(dim(), dim());
                yield product(transpose(vec(any(m, d))), vec(any(m, shallow(d))));
            }
            default -> switch (random.nextInt(3)) {
                case 0 -> sum(kronecker(any(nonScalar(), d), any(nonScalar(), shallow(d))));
                case 1 -> trace(kronecker(any(square(), d), any(square(), shallow(d))));
                default -> norm2(kronecker(any(Shape.vector(dim()), d), any(Shape.vector(dim()), shallow(d))));
            };
        };
    }

    /** A non-scalar of the shape through the forms of matrix calculus. */
    private Expr structured(Shape shape, int d) {
        return switch (shape.kind()) {
            case VECTOR -> {
                Dim n = shape.rows();
                if (n.equals(Dim.ONE)) {
                    // A vector of length 1 has no parts, and text reads x[i] as an entry, not a slice.
                    yield chance(50) ? vec(any(shape.transpose(), d)) : logSoftmax(any(shape, d));
                }
                yield switch (random.nextInt(6)) {
                    case 0, 1 -> block(List.of(n), List.of(Dim.ONE), d);
                    case 2 -> chance(50) ? slice(block(List.of(n, Dim.ONE), List.of(Dim.ONE), d), Dim.ZERO, Dim.ZERO, shape)
                            : column(n, d);
                    case 3 -> logSoftmax(any(shape, d));
                    case 4 -> chance(50) ? vec(any(shape.transpose(), d))
                            : kronecker(any(Shape.vector(Dim.ONE), shallow(d)), any(shape, d));
                    default -> {
                        // (A ⊗ bᵀ) vec(C) = A C b, for A n × k, b of length l, C k × l.
                        Dim k = dim();
                        Dim l = dim();
                        yield product(kronecker(any(Shape.matrix(n, k), d), any(Shape.row(l), shallow(d))),
                                vec(any(Shape.matrix(k, l), shallow(d))));
                    }
                };
            }
            case ROW -> {
                Dim n = shape.cols();
                if (n.equals(Dim.ONE)) {
                    yield softmax(any(shape, d));
                }
                yield switch (random.nextInt(6)) {
                    case 0 -> transpose(block(List.of(n), List.of(Dim.ONE), d));
                    case 1, 4 -> rowBlock(n, d);
                    case 2, 5 -> {
                        Shape matrix = Shape.matrix(dim(), n);
                        yield slice(any(matrix, d), index(matrix.rows()), Dim.ZERO, shape);
                    }
                    default -> softmax(any(shape, d));
                };
            }
            case MATRIX -> {
                Dim r = shape.rows();
                Dim c = shape.cols();
                yield switch (random.nextInt(7)) {
                    case 0, 1 -> r.equals(Dim.ONE) || c.equals(Dim.ONE) ? kronecker(any(Shape.vector(r), d), any(Shape.row(c), d))
                            : block(List.of(r), List.of(c), d);
                    case 2 -> kronecker(any(Shape.vector(r), d), any(Shape.row(c), shallow(d)));
                    case 3 -> chance(50) ? kronecker(any(shape, d), any(Shape.matrix(Dim.ONE, Dim.ONE), shallow(d)))
                            : reshape(any(Shape.matrix(c, r), d), shape);
                    case 4 -> {
                        // reshape((A ⊗ B) vec(C), r, c) = A C Bᵀ.
                        Dim k = dim();
                        Dim l = dim();
                        Expr ab = kronecker(any(Shape.matrix(r, k), d), any(Shape.matrix(c, l), shallow(d)));
                        yield reshape(product(ab, vec(any(Shape.matrix(k, l), shallow(d)))), shape);
                    }
                    case 5 -> {
                        // reshape(K vec(M), r, c) = Mᵀ for M c × r.
                        Expr m = any(Shape.matrix(c, r), d);
                        yield r.equals(Dim.ONE) || c.equals(Dim.ONE) ? transpose(m)
                                : reshape(product(commutation(c, r), vec(m)), shape);
                    }
                    default -> {
                        if (r.equals(Dim.ONE) || c.equals(Dim.ONE)) {
                            yield kronecker(any(Shape.vector(r), d), any(Shape.row(c), shallow(d)));
                        }
                        // The top left block of [M, x; yᵀ, a]: M.
                        Expr whole = block(List.of(r, Dim.ONE), List.of(c, Dim.ONE), d);
                        yield slice(whole, Dim.ZERO, Dim.ZERO, shape);
                    }
                };
            }
            case SCALAR -> throw new AssertionError();
        };
    }

    /**
     * A row written out of a shorter row and a scalar, {@code [x[1:n - 1]', a]}, {@code [a, y2']}: a
     * block row with a row in it (a block row of scalars only would read as a column).
     */
    private Expr rowBlock(Dim n, int d) {
        Expr scalar = any(Shape.SCALAR, shallow(d));
        boolean scalarFirst = chance(50);
        Expr row;
        if (n instanceof Dim.Fixed f) {
            if (f.size() < 3) {
                return transpose(block(List.of(n), List.of(Dim.ONE), d));
            }
            row = any(Shape.row(Dim.of(f.size() - 1)), d);
        } else {
            Dim shorter = Dim.difference(n, Dim.ONE);
            row = slice(any(Shape.row(n), d), Dim.ZERO, scalarFirst ? Dim.ONE : Dim.ZERO, Shape.row(shorter));
        }
        return Expr.block(scalarFirst ? List.of(scalar, row) : List.of(row, scalar), 2);
    }

    /** Column j of a matrix of n rows: {@code A[1:n, j]}. */
    private Expr column(Dim n, int d) {
        Shape matrix = Shape.matrix(n, dim());
        return slice(any(matrix, d), Dim.ZERO, index(matrix.cols()), Shape.vector(n));
    }

    /** {@code log softmax(x)} as the language builds it: {@code x − logsumexp(x)}. */
    private static Expr logSoftmax(Expr x) {
        return subtract(x, expand(logSumExp(x), x.shape()));
    }

    /** One entry of a non-scalar, at a fixed index or, for a symbolic size, also the last. */
    private Expr entry(Expr e) {
        Shape s = e.shape();
        Dim row = s.isRow() ? Dim.ZERO : index(s.rows());
        Dim col = s.isVector() ? Dim.ZERO : index(s.cols());
        return slice(e, row, col, Shape.SCALAR);
    }

    /** An offset within a size: any for a fixed size; the first, the second or the last of a symbolic one. */
    private Dim index(Dim size) {
        if (size instanceof Dim.Fixed f) {
            return offset(random.nextInt(f.size()));
        }
        return switch (random.nextInt(3)) {
            case 0 -> Dim.ZERO;
            case 1 -> Dim.ONE;
            default -> Dim.difference(size, Dim.ONE);
        };
    }

    private static Dim offset(int k) {
        return k == 0 ? Dim.ZERO : Dim.of(k);
    }

    /** The lengths of the parts of a vector written out: two or three of 1 (a scalar) and the case's dimensions. */
    private List<Dim> pattern() {
        List<Dim> pattern = new ArrayList<>();
        int parts = 2 + random.nextInt(2);
        for (int i = 0; i < parts; i++) {
            pattern.add(chance(40) ? Dim.ONE : dim());
        }
        return pattern;
    }

    /** {@code [a; x; …]}: parts of these lengths stacked. */
    private Expr stackOf(List<Dim> lengths, int d) {
        List<Expr> parts = new ArrayList<>();
        for (Dim length : lengths) {
            parts.add(any(length.equals(Dim.ONE) ? Shape.SCALAR : Shape.vector(length), shallow(d)));
        }
        return stack(parts);
    }

    /**
     * A block of {@code heights} × {@code widths}, each split into parts: a fixed size into
     * several fixed ones, a symbolic n into n − 1 and 1 (either way round), its n − 1 part a
     * slice of a value of size n ({@code x[2:n]}, {@code A[1:n - 1, 1:m]}). A block of one part
     * is that part.
     */
    private Expr block(List<Dim> heights, List<Dim> widths, int d) {
        List<Segment> rows = new ArrayList<>();
        heights.forEach(h -> rows.addAll(split(h)));
        List<Segment> cols = new ArrayList<>();
        widths.forEach(w -> cols.addAll(split(w)));
        if (rows.size() == 1 && cols.size() > 1 && cols.stream().allMatch(c -> c.size().equals(Dim.ONE))) {
            // Text reads [x, y] as a stack: columns side by side need a block row of something wider.
            cols.clear();
            widths.forEach(w -> cols.add(Segment.of(w)));
        }
        List<Expr> parts = new ArrayList<>();
        for (Segment r : rows) {
            for (Segment c : cols) {
                parts.add(piece(r, c, shallow(d)));
            }
        }
        boolean vector = cols.size() == 1 && cols.get(0).size().equals(Dim.ONE);
        return Expr.block(parts, vector ? 1 : cols.size());
    }

    /** A part of a block: {@code size} entries at {@code offset} of a value of size {@code whole}. */
    private record Segment(Dim size, Dim whole, Dim offset) {
        static Segment of(Dim size) {
            return new Segment(size, size, Dim.ZERO);
        }
    }

    private List<Segment> split(Dim size) {
        if (size instanceof Dim.Fixed f) {
            List<Segment> parts = new ArrayList<>();
            int left = f.size();
            while (left > 0) {
                int k = 1 + random.nextInt(left);
                parts.add(Segment.of(Dim.of(k)));
                left -= k;
            }
            return parts;
        }
        Dim shorter = Dim.difference(size, Dim.ONE);
        return switch (random.nextInt(3)) {
            case 0 -> List.of(Segment.of(size));
            case 1 -> List.of(new Segment(shorter, size, Dim.ZERO), Segment.of(Dim.ONE));
            default -> List.of(Segment.of(Dim.ONE), new Segment(shorter, size, Dim.ONE));
        };
    }

    private Expr piece(Segment r, Segment c, int d) {
        Shape part = kind(r.size(), c.size());
        if (r.size().equals(r.whole()) && c.size().equals(c.whole())) {
            return any(part, d);
        }
        return slice(any(kind(r.whole(), c.whole()), d), r.offset(), c.offset(), part);
    }

    /** The shape of rows × cols: a scalar, a vector, a row or a matrix, as the language reads entries. */
    static Shape kind(Dim rows, Dim cols) {
        boolean oneRow = rows.equals(Dim.ONE);
        boolean oneCol = cols.equals(Dim.ONE);
        return oneRow && oneCol ? Shape.SCALAR : oneCol ? Shape.vector(rows) : oneRow ? Shape.row(cols)
                : Shape.matrix(rows, cols);
    }

    private Shape square() {
        Dim d = dim();
        return Shape.matrix(d, d);
    }

    /** A depth for a second operand: often shallower, so that trees stay small. */
    private int shallow(int depth) {
        return chance(50) ? depth : 1 + random.nextInt(Math.max(1, depth));
    }

    /** {@code l op r}, in either order, with one side sometimes a constant, a spread scalar or the identity. */
    private Expr elementwise(Shape shape, int depth, java.util.function.BinaryOperator<Expr> op) {
        Expr left = any(shape, depth);
        Expr right = operand(shape, shallow(depth), false);
        return chance(50) ? op.apply(left, right) : op.apply(right, left);
    }

    /**
     * An operand beside one that fixes the shape: sometimes a constant ({@code x + 2}), a scalar
     * spread over the shape ({@code x + a}) or, for a square matrix, the identity.
     */
    private Expr operand(Shape shape, int depth, boolean nonZero) {
        if (shape.isScalar() || !chance(30)) {
            return any(shape, depth);
        }
        int k = random.nextInt(10);
        if (k < 4) {
            return constant(nonZero || chance(80) ? positiveConstant() : 0, shape);
        }
        if (k < 8 || !shape.isSquareMatrix()) {
            return spread(any(Shape.SCALAR, Math.min(depth, 3)), shape);
        }
        return identity(shape.rows());
    }

    /** A scalar over a shape as the type checker spreads it: a constant stays a constant. */
    private static Expr spread(Expr s, Shape shape) {
        if (shape.isScalar()) {
            return s;
        }
        return s instanceof Constant c ? constant(c.value(), shape) : scale(s, ones(shape));
    }

    private Expr maximum(Shape shape, int depth) {
        Expr a = any(shape, depth);
        Expr b = operand(shape, shallow(depth), true);
        if (a instanceof Constant ca && ca.value() == 0) {
            a = constant(1, shape);
        }
        if (b instanceof Constant cb && cb.value() == 0) {
            b = constant(2, shape);
        }
        return chance(50) ? max(a, b) : max(b, a);
    }

    private Expr function(Shape shape, int depth) {
        Fn fn = kinks && chance(25) ? pick(KINKED) : pick(SMOOTH);
        Expr argument = switch (fn) {
            case LOG, SQRT -> positive(shape, depth);
            case ARCSIN, ARCCOS, TAN -> bounded(shape, depth);
            default -> any(shape, depth);
        };
        return apply(fn, argument);
    }

    /** A power with its values in the domain: any base to 2 or 3, a positive base to anything moderate. */
    private Expr power(Shape shape, int depth) {
        if (chance(40)) {
            return Expr.power(any(shape, depth), constant(chance(70) ? 2 : 3, shape));
        }
        Expr base = positive(shape, depth);
        boolean negative = chance(30);
        Expr exponent = switch (random.nextInt(3)) {
            case 0 -> {
                Expr c = scalar(pick(new Double[] {0.5, 1.5, 2.5, 0.25}));
                yield spread(negative ? negate(c) : c, shape);
            }
            case 1 -> {
                Expr b = bounded(Shape.SCALAR, shallow(depth));
                yield spread(negative ? negate(b) : b, shape);
            }
            default -> {
                Expr b = bounded(shape, shallow(depth));
                yield negative ? negate(b) : b;
            }
        };
        return Expr.power(base, exponent);
    }

    // ---- values in a domain ----------------------------------------------------------------------

    /** A positive value, at least about 0.25 unless an exponential underflows. */
    Expr positive(Shape shape, int depth) {
        budget--;
        int d = Math.max(1, depth - 1);
        int k = random.nextInt(shape.isScalar() ? 10 : 7);
        return switch (k) {
            case 0, 1 -> apply(Fn.EXP, any(shape, d));
            case 2 -> add(Expr.power(any(shape, d), constant(2, shape)), constant(positiveConstant(), shape));
            case 3 -> add(apply(Fn.SOFTPLUS, any(shape, d)), constant(0.5, shape));
            case 4 -> add(constant(positiveConstant(), shape), apply(Fn.SIGMOID, any(shape, d)));
            case 5 -> depth > 2 ? apply(Fn.SQRT, positive(shape, d)) : apply(Fn.EXP, any(shape, d));
            case 6 -> depth > 2 ? hadamardOrScale(positive(shape, d), positive(shape, shallow(d)))
                    : apply(Fn.EXP, variable(shape));
            case 7 -> scalar(positiveConstant());
            case 8 -> {
                Dim s = symbolic();
                yield s != null ? size(s) : scalar(positiveConstant());
            }
            default -> add(norm2(any(nonScalar(), d)), scalar(1));
        };
    }

    private static Expr hadamardOrScale(Expr a, Expr b) {
        return a.shape().isScalar() ? scale(a, b) : hadamard(a, b);
    }

    /** A positive divisor beside a value that fixes the shape: sometimes a positive constant or a spread positive scalar. */
    private Expr positiveOperand(Shape shape, int depth) {
        if (!shape.isScalar() && chance(30)) {
            return chance(50) ? constant(positiveConstant(), shape) : spread(positive(Shape.SCALAR, depth), shape);
        }
        return positive(shape, depth);
    }

    /** A value of magnitude below 0.9: for arcsin, arccos, tan and exponents. */
    Expr bounded(Shape shape, int depth) {
        budget--;
        int d = Math.max(1, depth - 1);
        return switch (random.nextInt(4)) {
            case 0 -> scale(scalar(0.9), apply(Fn.TANH, any(shape, d)));
            case 1 -> scale(scalar(0.9), apply(Fn.SIN, any(shape, d)));
            case 2 -> scale(scalar(0.5), apply(Fn.COS, any(shape, d)));
            default -> scale(scalar(0.8), apply(Fn.SIGMOID, any(shape, d)));
        };
    }

    /** An n × n matrix far from singular: MᵀM + cI, I + 0.2·tanh(M), diag(p + 1) + 0.2·tanh(M). */
    Expr wellConditioned(Dim n, int depth) {
        budget--;
        int d = Math.max(1, depth - 1);
        Shape square = Shape.matrix(n, n);
        return switch (random.nextInt(3)) {
            case 0 -> {
                Expr m = any(Shape.matrix(dim(), n), d);
                Expr gram = product(transpose(m), m);
                Expr shift = chance(50) ? identity(n) : scale(scalar(positiveConstant()), identity(n));
                yield chance(50) ? add(gram, shift) : add(shift, gram);
            }
            case 1 -> {
                Expr small = scale(scalar(0.2), apply(Fn.TANH, any(square, d)));
                yield chance(50) ? add(identity(n), small) : add(small, identity(n));
            }
            default -> add(diagonalMatrix(add(positive(Shape.vector(n), d), constant(1, Shape.vector(n)))),
                    scale(scalar(0.2), apply(Fn.TANH, any(square, d))));
        };
    }

    // ---- shrinking -------------------------------------------------------------------------------

    /**
     * Simpler cases, simplest first: the expression replaced by a part of the same shape, by a leaf,
     * a part shrunk in place, simpler constants; then smaller dimensions. Every candidate is
     * well-shaped, in canonical form, and has sizes at which every entry it takes exists.
     */
    static Stream<Case> shrink(Case c, Options options) {
        Predicate<Case> valid = candidate -> Canonical.isCanonical(candidate.expr())
                && (options.output() != Output.SCALAR || candidate.expr().shape().isScalar());
        return shrink(c, valid);
    }

    /** Simpler cases that pass {@code valid}, as {@link #shrink(Case, Options)}. */
    static Stream<Case> shrink(Case c, Predicate<Case> valid) {
        Stream<Case> expressions = shrinkExpr(c.expr()).map(c::withExpr);
        return Stream.concat(expressions, shrinkDims(c)).filter(s -> Sizes.fit(s.expr(), s.sizes())).filter(valid);
    }

    static Stream<Expr> shrinkExpr(Expr e) {
        List<Expr> children = e.children();
        if (children.isEmpty()) {
            return simplerLeaves(e);
        }
        // Parts of the same shape, smallest first.
        List<Expr> parts = Traversal.postOrder(e).stream()
                .filter(n -> n != e && n.shape().equals(e.shape()))
                .sorted(Comparator.comparingInt(Traversal::size))
                .toList();
        Stream<Expr> leaves = Stream.of(e.shape().isScalar() ? scalar(1) : null, sameShapeVariable(e))
                .filter(x -> x != null && !parts.contains(x));
        Stream<Expr> inPlace = java.util.stream.IntStream.range(0, children.size()).boxed()
                .flatMap(i -> shrinkExpr(children.get(i)).map(smaller -> {
                    List<Expr> copy = new ArrayList<>(children);
                    copy.set(i, smaller);
                    try {
                        return e.withChildren(copy);
                    } catch (IllegalArgumentException notWellShaped) {
                        return null;
                    }
                }))
                .filter(x -> x != null && x != e);
        return Stream.concat(Stream.concat(parts.stream(), leaves), inPlace);
    }

    /** A variable of the expression with its shape, if any. */
    private static Expr sameShapeVariable(Expr e) {
        for (Expr.Variable v : Traversal.variables(e).values()) {
            if (v.shape().equals(e.shape())) {
                return v;
            }
        }
        return null;
    }

    private static Stream<Expr> simplerLeaves(Expr leaf) {
        if (leaf instanceof Constant c && c.value() != 1 && c.value() != 0) {
            return Stream.of(constant(1, c.shape()));
        }
        if (leaf instanceof Size) {
            return Stream.of(scalar(1));
        }
        return Stream.empty();
    }

    /** Smaller sizes: a symbolic dimension's size towards 1, a fixed dimension one less. */
    private static Stream<Case> shrinkDims(Case c) {
        Set<Dim> dims = Exprs.dims(c.expr());
        List<Case> candidates = new ArrayList<>();
        for (String symbol : Exprs.symbols(c.expr())) {
            int size = c.sizes().get(symbol);
            for (int smaller = 1; smaller < size; smaller++) {
                Map<String, Integer> sizes = new HashMap<>(c.sizes());
                sizes.put(symbol, smaller);
                candidates.add(new Case(c.expr(), sizes, c.seed(), c.wrt()));
            }
        }
        // Entries and reshapes state sizes and offsets of their own, which a smaller dimension may not fit.
        boolean statesSizes = Traversal.postOrder(c.expr()).stream().anyMatch(n -> n instanceof Slice
                || n instanceof Reshape || n instanceof Commutation);
        for (Dim d : statesSizes ? Set.<Dim>of() : dims) {
            if (d instanceof Dim.Fixed f && f.size() >= 2 && !dims.contains(Dim.of(f.size() - 1))) {
                Dim smaller = Dim.of(f.size() - 1);
                try {
                    Expr mapped = Exprs.mapDims(c.expr(), x -> x.equals(d) ? smaller : x);
                    if (mapped != c.expr()) { // a block of scalars keeps its size
                        candidates.add(c.withExpr(mapped));
                    }
                } catch (IllegalArgumentException notWellShaped) {
                    // a block whose parts no longer fit: not a candidate
                }
            }
        }
        return candidates.stream();
    }

    // ---- coverage --------------------------------------------------------------------------------

    /** The node types and functions of an expression, for coverage counts: "Add", "Apply:tanh", "Product:row*vector". */
    static Set<String> features(Expr e) {
        Set<String> features = new LinkedHashSet<>();
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(e)) {
            if (seen.put(node, true) != null) {
                continue;
            }
            String type = node.getClass().getSimpleName();
            features.add(type);
            if (node instanceof Apply a) {
                features.add("Apply:" + a.fn().symbol());
            } else if (node instanceof Product p) {
                features.add("Product:" + p.left().shape().kind() + "*" + p.right().shape().kind());
            }
            if (node instanceof Variable v && v.symmetric()) {
                features.add("symmetric");
            } else if (node instanceof Block b) {
                features.add(b.shape().isVector() ? "Block:stack" : "Block:" + b.shape().kind());
            } else if (node instanceof Slice s) {
                features.add("Slice:" + s.operand().shape().kind() + "->" + s.shape().kind());
            }
            features.add("shape:" + node.shape().kind());
            for (Dim d : List.of(node.shape().rows(), node.shape().cols())) {
                features.add(d instanceof Dim.Symbol ? "dim:symbolic" : d instanceof Dim.Compound ? "dim:compound" : "dim:fixed");
            }
        }
        return features;
    }

    /** The nesting depth: 1 for a leaf. */
    static int depth(Expr e) {
        Map<Expr, Integer> depth = new IdentityHashMap<>();
        for (Expr node : Traversal.postOrder(e)) {
            int d = 1;
            for (Expr child : node.children()) {
                d = Math.max(d, depth.get(child) + 1);
            }
            depth.put(node, d);
        }
        return depth.get(e);
    }
}

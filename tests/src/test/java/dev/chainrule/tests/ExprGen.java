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
 * Transpose, every {@link Fn}, Max, Sum, Norm2, LogSumExp, Softmax, Trace, Det, LogDet, Inverse,
 * DiagonalMatrix, Diagonal, Constant, Identity and Size; over scalars, vectors, row vectors and
 * matrices of symbolic ({@code n}, {@code m}) and fixed (1, 2, 3) dimensions, nested up to depth 8.
 *
 * <p>Values stay in each function's domain: log, sqrt, a divisor and the base of a real power get
 * an argument that is positive by construction ({@code exp(e)}, {@code e.^2 + c}, {@code softplus(e) + c},
 * a positive constant, a size); arcsin, arccos and tan one bounded by construction
 * ({@code 0.9*tanh(e)}); inv, det and logdet a well-conditioned matrix ({@code MᵀM + I},
 * {@code eye + 0.2*tanh(M)}, {@code diag(p + 1) + 0.2*tanh(M)} with p positive).
 *
 * <p>Expressions are in the form the type checker builds from text (the "canonical" form): a
 * scalar constant or a scalar spread over a shape ({@code c·1⃗}, {@code s·1⃗})
 * or the identity only as an operand of an element-wise operator whose other operand fixes its
 * size, {@code max} never with a literal 0 (that is the rectifier). So every generated expression
 * has a spelling in the language, and printing it must read back to the same node.
 */
final class ExprGen {

    /** What the expression must be. */
    enum Output {
        SCALAR, VECTOR, ANY,
        /** What functions are: mostly scalars, often vectors, sometimes matrices or rows. */
        FUNCTION
    }

    /**
     * @param output       the shape of the whole expression
     * @param jacobianSafe choose a scalar or vector variable {@code wrt} and never let a
     *                     matrix-valued subexpression read it, so that forward-mode Jacobians exist
     * @param kinks        whether to use abs, sign, relu, step and max
     */
    record Options(Output output, boolean jacobianSafe, boolean kinks) {}

    private static final double[] POSITIVE_CONSTANTS = {0.5, 1, 2, 3, 0.25, 1.5};
    private static final Fn[] SMOOTH = {Fn.SIN, Fn.COS, Fn.TAN, Fn.ARCSIN, Fn.ARCCOS, Fn.ARCTAN, Fn.EXP, Fn.LOG,
            Fn.SQRT, Fn.TANH, Fn.SIGMOID, Fn.SOFTPLUS};
    private static final Fn[] KINKED = {Fn.ABS, Fn.SIGN, Fn.RELU, Fn.STEP};

    private final Random random;
    private final List<Dim> dims;
    private final String wrt;
    private final boolean kinks;
    private int budget;

    private ExprGen(Random random, List<Dim> dims, String wrt, boolean kinks, int budget) {
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
        String wrt = null;
        if (options.jacobianSafe()) {
            Dim d = dims.get(random.nextInt(dims.size()));
            wrt = random.nextInt(4) == 0 ? "a" : "x" + tag(d);
        }
        ExprGen gen = new ExprGen(random, dims, wrt, options.kinks(), 12 + 8 * depth);
        Shape shape = switch (options.output()) {
            case SCALAR -> Shape.SCALAR;
            case VECTOR -> Shape.vector(gen.dim());
            case ANY -> gen.shape();
            case FUNCTION -> {
                int k = random.nextInt(20);
                yield k < 11 ? Shape.SCALAR : k < 17 ? Shape.vector(gen.dim())
                        : k < 18 ? Shape.row(gen.dim()) : Shape.matrix(gen.dim(), gen.dim());
            }
        };
        Expr e = gen.any(shape, depth, false);
        if (wrt != null && Traversal.variables(e).get(wrt) == null && !shape.isMatrix()) {
            // Make sure the expression reads the variable it is differentiated by.
            Expr x = gen.variableNamed(wrt, wrt.equals("a") ? Shape.SCALAR : Shape.vector(gen.dimOf(wrt)));
            Expr reduced = x.shape().isScalar() ? x : sum(x);
            Expr term = x.shape().equals(shape) ? x : spread(reduced, shape);
            e = gen.chance(50) ? add(e, term) : add(term, e);
        }
        return new Case(e, sizes, random.nextLong(), wrt);
    }

    /** A random canonical expression of the shape over the given dimensions, of at most the depth. */
    static Expr expression(Random random, List<Dim> dims, Shape shape, int depth) {
        return new ExprGen(random, dims, null, true, 6 * depth).any(shape, depth, false);
    }

    /** A random n × n matrix far from singular, over the given dimensions ({@link #wellConditioned(Dim, int)}). */
    static Expr wellConditioned(Random random, List<Dim> dims, Dim n, int depth) {
        return new ExprGen(random, dims, null, true, 6 * depth).wellConditioned(n, depth);
    }

    /** A random dimension of this case. */
    private Dim dim() {
        return dims.get(random.nextInt(dims.size()));
    }

    private Dim dimOf(String vectorName) {
        String tag = vectorName.substring(1);
        return tag.chars().allMatch(Character::isDigit) ? Dim.of(Integer.parseInt(tag)) : Dim.of(tag);
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

    private Expr variable(Shape shape, boolean noWrt) {
        return switch (shape.kind()) {
            case SCALAR -> {
                String name = !noWrt && "a".equals(wrt) && chance(50) ? "a" : pick(new String[] {"a", "b", "c"});
                yield variableNamed(noWrt && name.equals(wrt) ? "b" : name, shape);
            }
            case VECTOR -> {
                String name = pick(new String[] {"x", "y", "z"}) + tag(shape.rows());
                if (!noWrt && wrt != null && wrt.equals("x" + tag(shape.rows())) && chance(50)) {
                    name = wrt;
                }
                yield variableNamed(noWrt && name.equals(wrt) ? "y" + tag(shape.rows()) : name, shape);
            }
            case ROW -> transpose(variable(shape.transpose(), noWrt));
            case MATRIX -> variableNamed(pick(new String[] {"A", "B"}) + tag(shape.rows()) + tag(shape.cols()), shape);
        };
    }

    private Expr variableNamed(String name, Shape shape) {
        return Expr.variable(name, shape);
    }

    private double positiveConstant() {
        return POSITIVE_CONSTANTS[random.nextInt(POSITIVE_CONSTANTS.length)];
    }

    /** A leaf that is its own size: a variable, or for a scalar also a constant or a size. */
    private Expr leaf(Shape shape, boolean noWrt) {
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
        return variable(shape, noWrt);
    }

    private Dim symbolic() {
        List<Dim> symbols = dims.stream().filter(d -> d instanceof Dim.Symbol).toList();
        return symbols.isEmpty() ? null : symbols.get(random.nextInt(symbols.size()));
    }

    // ---- any value -------------------------------------------------------------------------------

    /** Any expression of the shape, its own size fixed by its leaves. */
    Expr any(Shape shape, int depth, boolean noWrt) {
        noWrt |= shape.isMatrix();
        budget--;
        if (depth <= 1 || budget <= 0 || chance(12)) {
            return leaf(shape, noWrt);
        }
        int d = depth - 1;
        if (shape.isScalar()) {
            return switch (random.nextInt(20)) {
                case 0, 1 -> add(any(shape, d, noWrt), operand(shape, shallow(d), noWrt, false));
                case 2 -> negate(any(shape, d, noWrt));
                case 3 -> scale(any(shape, shallow(d), noWrt), any(shape, d, noWrt));
                case 4 -> divide(any(shape, d, noWrt), positive(shape, shallow(d), noWrt));
                case 5 -> power(shape, d, noWrt);
                case 6, 7, 8 -> function(shape, d, noWrt);
                case 9 -> kinks ? maximum(shape, d, noWrt) : function(shape, d, noWrt);
                case 10, 11 -> sum(any(nonScalar(), d, noWrt));
                case 12 -> norm2(any(nonScalar(), d, noWrt));
                case 13 -> logSumExp(any(nonScalar(), d, noWrt));
                case 14 -> trace(any(square(), d, noWrt));
                case 15 -> det(wellConditioned(dim(), d));
                case 16 -> logdet(wellConditioned(dim(), d));
                case 17, 18 -> {
                    Dim k = dim();
                    yield product(any(Shape.row(k), d, noWrt), any(Shape.vector(k), shallow(d), noWrt));
                }
                default -> chance(50) ? sum(any(Shape.SCALAR, d, noWrt)) : leaf(shape, noWrt);
            };
        }
        int k = random.nextInt(20);
        if (k < 10) {
            return switch (k) {
                case 0, 1 -> elementwise(shape, d, noWrt, Expr::add);
                case 2 -> negate(any(shape, d, noWrt));
                case 3 -> scale(any(Shape.SCALAR, shallow(d), noWrt), any(shape, d, noWrt));
                case 4 -> elementwise(shape, d, noWrt, Expr::hadamard);
                case 5 -> divide(any(shape, d, noWrt), positiveOperand(shape, shallow(d), noWrt));
                case 6 -> power(shape, d, noWrt);
                case 7, 8 -> function(shape, d, noWrt);
                default -> kinks ? maximum(shape, d, noWrt) : function(shape, d, noWrt);
            };
        }
        return switch (shape.kind()) {
            case VECTOR -> switch (k % 6) {
                case 0, 1 -> {
                    Dim inner = dim();
                    yield product(any(Shape.matrix(shape.rows(), inner), d, noWrt), any(Shape.vector(inner), d, noWrt));
                }
                case 2 -> transpose(any(shape.transpose(), d, noWrt));
                case 3 -> diagonal(any(Shape.matrix(shape.rows(), shape.rows()), d, noWrt));
                case 4 -> softmax(any(shape, d, noWrt));
                default -> product(inverse(wellConditioned(shape.rows(), shallow(d))), any(shape, d, noWrt));
            };
            case ROW -> switch (k % 3) {
                case 0, 1 -> transpose(any(shape.transpose(), d, noWrt));
                default -> {
                    Dim inner = dim();
                    yield product(any(Shape.row(inner), d, noWrt), any(Shape.matrix(inner, shape.cols()), shallow(d), noWrt));
                }
            };
            case MATRIX -> {
                boolean square = shape.rows().equals(shape.cols());
                yield switch (k % 6) {
                    case 0, 1 -> {
                        Dim inner = dim();
                        yield product(any(Shape.matrix(shape.rows(), inner), d, noWrt),
                                any(Shape.matrix(inner, shape.cols()), shallow(d), noWrt));
                    }
                    case 2 -> product(any(Shape.vector(shape.rows()), d, noWrt), any(Shape.row(shape.cols()), shallow(d), noWrt));
                    case 3 -> transpose(any(shape.transpose(), d, noWrt));
                    case 4 -> square ? inverse(wellConditioned(shape.rows(), d)) : transpose(any(shape.transpose(), d, noWrt));
                    default -> square ? diagonalMatrix(any(Shape.vector(shape.rows()), d, noWrt))
                            : product(any(Shape.vector(shape.rows()), d, noWrt), any(Shape.row(shape.cols()), d, noWrt));
                };
            }
            case SCALAR -> throw new AssertionError();
        };
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
    private Expr elementwise(Shape shape, int depth, boolean noWrt, java.util.function.BinaryOperator<Expr> op) {
        Expr left = any(shape, depth, noWrt);
        Expr right = operand(shape, shallow(depth), noWrt, false);
        return chance(50) ? op.apply(left, right) : op.apply(right, left);
    }

    /**
     * An operand beside one that fixes the shape: sometimes a constant ({@code x + 2}), a scalar
     * spread over the shape ({@code x + a}) or, for a square matrix, the identity.
     */
    private Expr operand(Shape shape, int depth, boolean noWrt, boolean nonZero) {
        if (shape.isScalar() || !chance(30)) {
            return any(shape, depth, noWrt);
        }
        int k = random.nextInt(10);
        if (k < 4) {
            return constant(nonZero || chance(80) ? positiveConstant() : 0, shape);
        }
        if (k < 8 || !shape.isSquareMatrix()) {
            return spread(any(Shape.SCALAR, Math.min(depth, 3), noWrt), shape);
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

    private Expr maximum(Shape shape, int depth, boolean noWrt) {
        Expr a = any(shape, depth, noWrt);
        Expr b = operand(shape, shallow(depth), noWrt, true);
        if (a instanceof Constant ca && ca.value() == 0) {
            a = constant(1, shape);
        }
        if (b instanceof Constant cb && cb.value() == 0) {
            b = constant(2, shape);
        }
        return chance(50) ? max(a, b) : max(b, a);
    }

    private Expr function(Shape shape, int depth, boolean noWrt) {
        Fn fn = kinks && chance(25) ? pick(KINKED) : pick(SMOOTH);
        Expr argument = switch (fn) {
            case LOG, SQRT -> positive(shape, depth, noWrt);
            case ARCSIN, ARCCOS, TAN -> bounded(shape, depth, noWrt);
            default -> any(shape, depth, noWrt);
        };
        return apply(fn, argument);
    }

    /** A power with its values in the domain: any base to 2 or 3, a positive base to anything moderate. */
    private Expr power(Shape shape, int depth, boolean noWrt) {
        if (chance(40)) {
            return Expr.power(any(shape, depth, noWrt), constant(chance(70) ? 2 : 3, shape));
        }
        Expr base = positive(shape, depth, noWrt);
        boolean negative = chance(30);
        Expr exponent = switch (random.nextInt(3)) {
            case 0 -> {
                Expr c = scalar(pick(new Double[] {0.5, 1.5, 2.5, 0.25}));
                yield spread(negative ? negate(c) : c, shape);
            }
            case 1 -> {
                Expr b = bounded(Shape.SCALAR, shallow(depth), noWrt);
                yield spread(negative ? negate(b) : b, shape);
            }
            default -> {
                Expr b = bounded(shape, shallow(depth), noWrt);
                yield negative ? negate(b) : b;
            }
        };
        return Expr.power(base, exponent);
    }

    // ---- values in a domain ----------------------------------------------------------------------

    /** A positive value, at least about 0.25 unless an exponential underflows. */
    Expr positive(Shape shape, int depth, boolean noWrt) {
        noWrt |= shape.isMatrix();
        budget--;
        int d = Math.max(1, depth - 1);
        int k = random.nextInt(shape.isScalar() ? 10 : 7);
        return switch (k) {
            case 0, 1 -> apply(Fn.EXP, any(shape, d, noWrt));
            case 2 -> add(Expr.power(any(shape, d, noWrt), constant(2, shape)), constant(positiveConstant(), shape));
            case 3 -> add(apply(Fn.SOFTPLUS, any(shape, d, noWrt)), constant(0.5, shape));
            case 4 -> add(constant(positiveConstant(), shape), apply(Fn.SIGMOID, any(shape, d, noWrt)));
            case 5 -> depth > 2 ? apply(Fn.SQRT, positive(shape, d, noWrt)) : apply(Fn.EXP, any(shape, d, noWrt));
            case 6 -> depth > 2 ? hadamardOrScale(positive(shape, d, noWrt), positive(shape, shallow(d), noWrt))
                    : apply(Fn.EXP, variable(shape, noWrt));
            case 7 -> scalar(positiveConstant());
            case 8 -> {
                Dim s = symbolic();
                yield s != null ? size(s) : scalar(positiveConstant());
            }
            default -> add(norm2(any(nonScalar(), d, noWrt)), scalar(1));
        };
    }

    private static Expr hadamardOrScale(Expr a, Expr b) {
        return a.shape().isScalar() ? scale(a, b) : hadamard(a, b);
    }

    /** A positive divisor beside a value that fixes the shape: sometimes a positive constant or a spread positive scalar. */
    private Expr positiveOperand(Shape shape, int depth, boolean noWrt) {
        if (!shape.isScalar() && chance(30)) {
            return chance(50) ? constant(positiveConstant(), shape) : spread(positive(Shape.SCALAR, depth, noWrt), shape);
        }
        return positive(shape, depth, noWrt);
    }

    /** A value of magnitude below 0.9: for arcsin, arccos, tan and exponents. */
    Expr bounded(Shape shape, int depth, boolean noWrt) {
        noWrt |= shape.isMatrix();
        budget--;
        int d = Math.max(1, depth - 1);
        return switch (random.nextInt(4)) {
            case 0 -> scale(scalar(0.9), apply(Fn.TANH, any(shape, d, noWrt)));
            case 1 -> scale(scalar(0.9), apply(Fn.SIN, any(shape, d, noWrt)));
            case 2 -> scale(scalar(0.5), apply(Fn.COS, any(shape, d, noWrt)));
            default -> scale(scalar(0.8), apply(Fn.SIGMOID, any(shape, d, noWrt)));
        };
    }

    /** An n × n matrix far from singular: MᵀM + cI, I + 0.2·tanh(M), diag(p + 1) + 0.2·tanh(M). */
    Expr wellConditioned(Dim n, int depth) {
        budget--;
        int d = Math.max(1, depth - 1);
        Shape square = Shape.matrix(n, n);
        return switch (random.nextInt(3)) {
            case 0 -> {
                Expr m = any(Shape.matrix(dim(), n), d, true);
                Expr gram = product(transpose(m), m);
                Expr shift = chance(50) ? identity(n) : scale(scalar(positiveConstant()), identity(n));
                yield chance(50) ? add(gram, shift) : add(shift, gram);
            }
            case 1 -> {
                Expr small = scale(scalar(0.2), apply(Fn.TANH, any(square, d, true)));
                yield chance(50) ? add(identity(n), small) : add(small, identity(n));
            }
            default -> add(diagonalMatrix(add(positive(Shape.vector(n), d, true), constant(1, Shape.vector(n)))),
                    scale(scalar(0.2), apply(Fn.TANH, any(square, d, true))));
        };
    }

    // ---- shrinking -------------------------------------------------------------------------------

    /**
     * Simpler cases, simplest first: the expression replaced by a part of the same shape, by a leaf,
     * a part shrunk in place, simpler constants; then smaller dimensions. Every candidate is
     * well-shaped, and keeps the generator's promises that the property relies on (canonical
     * form; for Jacobians, no matrix reading the variable).
     */
    static Stream<Case> shrink(Case c, Options options) {
        Predicate<Case> valid = candidate -> Canonical.isCanonical(candidate.expr())
                && (!options.jacobianSafe() || jacobianSafe(candidate.expr(), candidate.wrt()))
                && (options.output() != Output.SCALAR || candidate.expr().shape().isScalar());
        return shrink(c, valid);
    }

    /** Simpler cases that pass {@code valid}, as {@link #shrink(Case, Options)}. */
    static Stream<Case> shrink(Case c, Predicate<Case> valid) {
        Stream<Case> expressions = shrinkExpr(c.expr()).map(c::withExpr);
        return Stream.concat(expressions, shrinkDims(c)).filter(valid);
    }

    /** Whether no matrix-valued node depends on {@code wrt}, so that forward-mode Jacobians exist. */
    static boolean jacobianSafe(Expr e, String wrt) {
        Expr.Variable v = Traversal.variables(e).get(wrt);
        if (v == null) {
            return true;
        }
        return Traversal.dependents(e, v).stream().noneMatch(n -> n.shape().isMatrix());
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
        for (Dim d : dims) {
            if (d instanceof Dim.Fixed f && f.size() >= 2 && !dims.contains(Dim.of(f.size() - 1))) {
                Dim smaller = Dim.of(f.size() - 1);
                try {
                    Expr mapped = Exprs.mapDims(c.expr(), x -> x.equals(d) ? smaller : x);
                    candidates.add(c.withExpr(mapped));
                } catch (IllegalArgumentException notWellShaped) {
                    // cannot happen: mapping dimensions keeps shapes consistent
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
            features.add("shape:" + node.shape().kind());
            for (Dim d : List.of(node.shape().rows(), node.shape().cols())) {
                features.add(d instanceof Dim.Symbol ? "dim:symbolic" : "dim:fixed");
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

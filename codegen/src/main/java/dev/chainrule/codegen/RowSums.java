package dev.chainrule.codegen;

import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a function is a sum over the rows of its data: whether, for a symbolic dimension
 * N that is the row dimension of some parameters (the data: a matrix X[N, n], a vector y[N]) and
 * appears nowhere else, the value and every gradient are sums over i of terms that each read row i
 * of the data only, times factors that read no data (such as 1/N). Such a function's value and
 * gradients over a range of rows are what the same loops compute with every loop over N run over
 * that range only, and the ranges of a partition of the rows add up to the whole.
 *
 * <p>A function may also be such a sum plus terms that read no data at all, as a penalty on the
 * weights: {@code sum(softplus(-y .* (X*w))) / N + lambda * norm2(w)^2}. Its value and gradients
 * then split ({@link Parts}) into a row part, the sum over rows, and a row-free part; the methods
 * over a range of rows compute the row part only (so that ranges stay additive: the parts of any
 * partition add up to the row part of the whole), and the row-free part is computed once by the
 * whole and parallel calls, and by a method of its own for callers who add ranges themselves.
 *
 * <p>The analysis gives each node one of six kinds, bottom-up, and only the forms below count;
 * anything else (a softmax over the rows, a norm without its square, a nonlinear function of a
 * sum over rows) makes the function not a row sum:
 * <ul>
 * <li>{@code FREE}: reads no data and has no N in its shape (parameters, constants, N as a value);
 * <li>{@code ROWS}: shape [N, k], row i depending on row i of the data only (X, y, Xw, an
 *     element-wise function of such values, a free scalar times one);
 * <li>{@code COLUMNS}: the transpose of one, shape [k, N];
 * <li>{@code SUM}: no N in its shape, a sum over i of terms reading row i only, linearly:
 *     {@code sum(v)} or {@code Xᵀv} or {@code ‖v‖²} for {@code v} of kind ROWS, sums and
 *     differences of such, and their products with free factors;
 * <li>{@code MIXED}: no N in its shape, a sum of a {@code SUM} and a {@code FREE} term, or such a
 *     sum negated, scaled by a free factor, transposed or summed: {@code sum(v)/N + λ‖w‖²}.
 * </ul>
 */
final class RowSums {
    enum Kind { FREE, ROWS, COLUMNS, SUM, MIXED, OTHER }

    /**
     * A function that is a sum over the rows of {@code rows}, plus perhaps terms that read no data;
     * {@code data} are the parameters of N rows; {@code value} and {@code gradients} (in the order of
     * the derived function's) are its value and gradients split into those two parts.
     */
    record RowSum(Dim.Symbol rows, List<Expr.Variable> data, Parts value, Map<Expr.Variable, Parts> gradients) {
        /** Whether some part reads no rows: a penalty or constant beside the sum over rows. */
        boolean hasRowFreePart() {
            return value.rowFree() != null || gradients.values().stream().anyMatch(p -> p.rowFree() != null);
        }
    }

    /**
     * An expression {@code whole} as {@code rows + rowFree}: a sum over rows and terms that read no
     * data. Either part is null where it is zero (both never are; a zero expression has a null row part).
     */
    record Parts(Expr whole, Expr rows, Expr rowFree) {}

    private final Dim.Symbol rows;
    private final Set<Expr.Variable> data = new HashSet<>();
    private final Map<Expr, Kind> kinds = new IdentityHashMap<>();

    private RowSums(Dim.Symbol rows, List<Expr.Variable> data) {
        this.rows = rows;
        this.data.addAll(data);
    }

    /**
     * The row dimension over which the function's value and gradients are sums, if there is one:
     * the first symbolic dimension, in parameter order, that passes. Functions with Jacobians,
     * Hessians or Hessian-vector products are left out (their methods have no row-range form),
     * as are gradients with respect to the data.
     */
    static Optional<RowSum> of(DerivedFunction derived) {
        if (!derived.function().body().shape().isScalar() || derived.gradients().isEmpty()
                || !derived.derivatives().isEmpty()) {
            return Optional.empty();
        }
        List<Expr.Variable> params = derived.function().params();
        Set<Dim.Symbol> candidates = new java.util.LinkedHashSet<>();
        params.forEach(p -> {
            if (p.shape().rows() instanceof Dim.Symbol s) {
                candidates.add(s);
            }
        });
        for (Dim.Symbol n : candidates) {
            List<Expr.Variable> data = params.stream().filter(p -> p.shape().rows().equals(n)).toList();
            boolean onlyAsRows = params.stream().allMatch(p -> data.contains(p)
                    ? !mentions(p.shape().cols(), n) : !mentions(p.shape(), n));
            boolean noDataGradient = derived.gradients().keySet().stream().noneMatch(data::contains);
            if (!onlyAsRows || !noDataGradient) {
                continue;
            }
            RowSums analysis = new RowSums(n, data);
            Kind body = analysis.kind(derived.body());
            boolean sums = (body == Kind.SUM || body == Kind.MIXED)
                    && derived.gradients().values().stream().allMatch(g -> isZero(g) || analysis.splits(g));
            if (sums) {
                Map<Expr.Variable, Parts> gradients = new java.util.LinkedHashMap<>();
                derived.gradients().forEach((v, g) -> gradients.put(v, analysis.split(g)));
                return Optional.of(new RowSum(n, data, analysis.split(derived.body()), gradients));
            }
        }
        return Optional.empty();
    }

    /** The kind of a node of the function's graph with respect to a row dimension, for tests. */
    static Kind kind(Expr e, Dim.Symbol rows, List<Expr.Variable> data) {
        return new RowSums(rows, data).kind(e);
    }

    /** Whether a node is a sum over rows, perhaps plus terms that read no data. */
    private boolean splits(Expr e) {
        Kind k = kind(e);
        return k == Kind.SUM || k == Kind.MIXED || k == Kind.FREE;
    }

    /**
     * A node of kind SUM, MIXED or FREE (or a zero) as its row part plus its row-free part: the
     * sums of a MIXED node split term by term, and the linear operations over one (a negation, a
     * free factor, a transpose, a sum of entries) are applied to each part. Shared nodes below the
     * split stay shared, so the row part of the value and of the gradients still fuse.
     */
    private Parts split(Expr e) {
        if (isZero(e)) {
            return new Parts(e, null, null);
        }
        return switch (kind(e)) {
            case SUM -> new Parts(e, e, null);
            case FREE -> new Parts(e, null, e);
            case MIXED -> splitMixed(e);
            default -> throw new IllegalStateException("not a sum over rows: " + e);
        };
    }

    private Parts splitMixed(Expr e) {
        if (e instanceof Expr.Add add) {
            Parts left = split(add.left());
            Parts right = split(add.right());
            return new Parts(e, plus(left.rows(), right.rows()), plus(left.rowFree(), right.rowFree()));
        }
        // A linear operation of one operand that is a sum over rows, the others free (see classify).
        List<Expr> children = e.children();
        int linear = -1;
        for (int c = 0; c < children.size(); c++) {
            Kind k = kind(children.get(c));
            if (k == Kind.MIXED || k == Kind.SUM) {
                linear = c;
            }
        }
        Parts operand = split(children.get(linear));
        return new Parts(e, replace(e, linear, operand.rows()), replace(e, linear, operand.rowFree()));
    }

    private static Expr plus(Expr a, Expr b) {
        return a == null ? b : b == null ? a : Expr.add(a, b);
    }

    /** The node with one operand replaced, or null (zero) if the replacement is. */
    private static Expr replace(Expr e, int child, Expr by) {
        if (by == null) {
            return null;
        }
        List<Expr> children = new java.util.ArrayList<>(e.children());
        children.set(child, by);
        return e.withChildren(children);
    }

    private static boolean isZero(Expr e) {
        return e instanceof Expr.Constant c && c.value() == 0.0;
    }

    private static boolean mentions(Shape shape, Dim.Symbol n) {
        return mentions(shape.rows(), n) || mentions(shape.cols(), n);
    }

    private static boolean mentions(Dim d, Dim.Symbol n) {
        boolean[] found = {false};
        d.substitute(symbol -> {
            found[0] |= symbol.equals(n.name());
            return Dim.of(symbol);
        });
        return found[0];
    }

    private Kind kind(Expr e) {
        Kind known = kinds.get(e);
        if (known == null) {
            known = classify(e);
            kinds.put(e, known);
        }
        return known;
    }

    /** ROWS for shape [N, k], COLUMNS for [k, N], FREE without N, else OTHER: what a node of this shape can be at most. */
    private Kind byShape(Shape shape) {
        boolean inRows = mentions(shape.rows(), rows);
        boolean inCols = mentions(shape.cols(), rows);
        if (!inRows && !inCols) {
            return Kind.FREE;
        }
        if (shape.rows().equals(rows) && !inCols) {
            return Kind.ROWS;
        }
        if (shape.cols().equals(rows) && !inRows) {
            return Kind.COLUMNS;
        }
        return Kind.OTHER;
    }

    private Kind classify(Expr e) {
        if (e instanceof Expr.Variable v) {
            return data.contains(v) ? Kind.ROWS : byShape(v.shape());
        }
        if (e instanceof Expr.Constant || e instanceof Expr.Size) {
            return byShape(e.shape());
        }
        if (e instanceof Expr.Negate n) {
            return kind(n.operand());
        }
        if (e instanceof Expr.Transpose t) {
            return switch (kind(t.operand())) {
                case ROWS -> Kind.COLUMNS;
                case COLUMNS -> Kind.ROWS;
                default -> kind(t.operand());
            };
        }
        if (e instanceof Expr.Apply a) {
            Kind k = kind(a.operand());
            return k == Kind.SUM || k == Kind.MIXED ? Kind.OTHER : k;
        }
        if (e instanceof Expr.Add a) {
            return sumOrElementwise(kind(a.left()), kind(a.right()));
        }
        if (e instanceof Expr.Hadamard h) {
            return linearOrElementwise(kind(h.left()), kind(h.right()), true);
        }
        if (e instanceof Expr.Divide d) {
            return linearOrElementwise(kind(d.left()), kind(d.right()), false);
        }
        if (e instanceof Expr.Max m) {
            return elementwise(kind(m.left()), kind(m.right()));
        }
        if (e instanceof Expr.Power p) {
            if (p.base() instanceof Expr.Norm2 norm && kind(norm.operand()) == Kind.ROWS
                    && p.exponent() instanceof Expr.Constant c && c.value() == 2.0) {
                return Kind.SUM;
            }
            return elementwise(kind(p.base()), kind(p.exponent()));
        }
        if (e instanceof Expr.Scale s) {
            Kind factor = kind(s.factor());
            Kind operand = kind(s.operand());
            if (factor == Kind.FREE) {
                return operand;
            }
            return (factor == Kind.SUM || factor == Kind.MIXED) && operand == Kind.FREE ? factor : Kind.OTHER;
        }
        if (e instanceof Expr.Sum s) {
            Kind k = kind(s.operand());
            return k == Kind.ROWS || k == Kind.COLUMNS ? Kind.SUM : k;
        }
        if (e instanceof Expr.Product p) {
            return product(kind(p.left()), kind(p.right()));
        }
        // Every other operator (norms, softmax, log-sum-exp, traces, determinants, blocks, slices, ...)
        // only where it reads no data at all.
        boolean free = byShape(e.shape()) == Kind.FREE && e.children().stream().allMatch(c -> kind(c) == Kind.FREE);
        return free ? Kind.FREE : Kind.OTHER;
    }

    /** a + b: row sums add, and with free terms make a mixed sum; entries of rows or columns add entry by entry. */
    private static Kind sumOrElementwise(Kind a, Kind b) {
        if (a == Kind.SUM && b == Kind.SUM) {
            return Kind.SUM;
        }
        boolean sums = a == Kind.SUM || a == Kind.MIXED || b == Kind.SUM || b == Kind.MIXED;
        boolean terms = (a == Kind.SUM || a == Kind.MIXED || a == Kind.FREE)
                && (b == Kind.SUM || b == Kind.MIXED || b == Kind.FREE);
        if (sums && terms) {
            return Kind.MIXED;
        }
        return elementwise(a, b);
    }

    /** a ⊙ b or a ⊘ b: a (mixed) row sum times (or over) a free factor stays one; else entry by entry. */
    private static Kind linearOrElementwise(Kind a, Kind b, boolean commutes) {
        if ((a == Kind.SUM || a == Kind.MIXED) && b == Kind.FREE) {
            return a;
        }
        if (commutes && a == Kind.FREE && (b == Kind.SUM || b == Kind.MIXED)) {
            return b;
        }
        return elementwise(a, b);
    }

    /** An element-wise operation: entry i of the result reads entry i of each operand only. */
    private static Kind elementwise(Kind a, Kind b) {
        if (a == Kind.FREE && b == Kind.FREE) {
            return Kind.FREE;
        }
        if (a == Kind.ROWS && b == Kind.ROWS) {
            return Kind.ROWS;
        }
        if (a == Kind.COLUMNS && b == Kind.COLUMNS) {
            return Kind.COLUMNS;
        }
        return Kind.OTHER;
    }

    /** A matrix product: rows times free is rows ({@code Xw}), columns times rows a row sum ({@code Xᵀv}). */
    private static Kind product(Kind left, Kind right) {
        if (left == Kind.FREE && right == Kind.FREE) {
            return Kind.FREE;
        }
        if (left == Kind.ROWS && right == Kind.FREE) {
            return Kind.ROWS;
        }
        if (left == Kind.FREE && right == Kind.COLUMNS) {
            return Kind.COLUMNS;
        }
        if (left == Kind.COLUMNS && right == Kind.ROWS) {
            return Kind.SUM;
        }
        if ((left == Kind.SUM || left == Kind.MIXED) && right == Kind.FREE) {
            return left;
        }
        if (left == Kind.FREE && (right == Kind.SUM || right == Kind.MIXED)) {
            return right;
        }
        return Kind.OTHER;
    }
}

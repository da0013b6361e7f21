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
 * <p>The analysis gives each node one of five kinds, bottom-up, and only the forms below count;
 * anything else (a softmax over the rows, a norm without its square, a nonlinear function of a
 * sum over rows, a penalty added to the sum) makes the function not a row sum:
 * <ul>
 * <li>{@code FREE}: reads no data and has no N in its shape (parameters, constants, N as a value);
 * <li>{@code ROWS}: shape [N, k], row i depending on row i of the data only (X, y, Xw, an
 *     element-wise function of such values, a free scalar times one);
 * <li>{@code COLUMNS}: the transpose of one, shape [k, N];
 * <li>{@code SUM}: no N in its shape, a sum over i of terms reading row i only, linearly:
 *     {@code sum(v)} or {@code Xᵀv} or {@code ‖v‖²} for {@code v} of kind ROWS, sums and
 *     differences of such, and their products with free factors.
 * </ul>
 */
final class RowSums {
    enum Kind { FREE, ROWS, COLUMNS, SUM, OTHER }

    /** A function that is a sum over the rows of {@code rows}; {@code data} are the parameters of N rows. */
    record RowSum(Dim.Symbol rows, List<Expr.Variable> data) {}

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
            boolean sums = analysis.kind(derived.body()) == Kind.SUM
                    && derived.gradients().values().stream().allMatch(g -> analysis.kind(g) == Kind.SUM || isZero(g));
            if (sums) {
                return Optional.of(new RowSum(n, data));
            }
        }
        return Optional.empty();
    }

    /** The kind of a node of the function's graph with respect to a row dimension, for tests. */
    static Kind kind(Expr e, Dim.Symbol rows, List<Expr.Variable> data) {
        return new RowSums(rows, data).kind(e);
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
            return k == Kind.SUM ? Kind.OTHER : k;
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
            return factor == Kind.SUM && operand == Kind.FREE ? Kind.SUM : Kind.OTHER;
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

    /** a + b: row sums add; entries of rows or columns add entry by entry. */
    private static Kind sumOrElementwise(Kind a, Kind b) {
        if (a == Kind.SUM && b == Kind.SUM) {
            return Kind.SUM;
        }
        return elementwise(a, b);
    }

    /** a ⊙ b or a ⊘ b: a row sum times (or over) a free factor stays one; else entry by entry. */
    private static Kind linearOrElementwise(Kind a, Kind b, boolean commutes) {
        if (a == Kind.SUM && b == Kind.FREE || commutes && a == Kind.FREE && b == Kind.SUM) {
            return Kind.SUM;
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
        if (left == Kind.SUM && right == Kind.FREE || left == Kind.FREE && right == Kind.SUM) {
            return Kind.SUM;
        }
        return Kind.OTHER;
    }
}

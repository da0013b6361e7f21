package dev.chainrule.tests;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.graph.Traversal;
import dev.chainrule.interpret.EvaluationException;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.testing.property.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Numbers for the properties: evaluation at random points away from non-smooth points, central
 * finite differences with Richardson extrapolation, and the tolerances, in one place.
 *
 * <p><b>Finite differences.</b> With {@code h = 1e-3·max(1, |xₖ|)}, central differences
 * {@code D(h) = (f(x+h) − f(x−h))/2h} at h, h/2 and h/4 are extrapolated twice (Romberg): the
 * Richardson values {@code R₁ = (4D(h/2) − D(h))/3} and {@code R₂ = (4D(h/4) − D(h/2))/3} have error
 * O(h⁴), and {@code R = (16R₂ − R₁)/15} error O(h⁶); {@code |R₁ − R₂|} estimates the error that is
 * left, so steep functions (tan(exp(exp(x))), derivatives in the thousands) are judged by their own
 * accuracy. {@code |D(h) − D(h/4)|} measures smoothness: above 5% of {@code 1 + |R|} a kink or a jump
 * is within a step, and the point is resampled.
 *
 * <p><b>Directions.</b> A derivative is checked along a direction D of its variable: one entry, or
 * for a symmetric matrix the symmetric pair {@code E_ij + E_ji} (and {@code E_ii}), along which
 * alone a function of a symmetric matrix is defined; then {@code h = 1e-3·max(1, |xₖ|)} over the
 * entries D moves, and the analytic value is J·vec(D) for a Jacobian, ⟨G, D⟩ for a gradient.
 *
 * <p><b>Tolerance.</b> A derivative passes when
 * {@code |analytic − R| ≤ 1e-6·(1 + max(|analytic|, |R|)) + 2·|R₁ − R₂| + 1e3·ε·F/(h/4)},
 * F the largest magnitude of the differenced values: a mixed absolute and relative 1e-6, twice the
 * estimated error of the extrapolation, and the rounding error of the quotient. A wrong derivative
 * rule is off by O(1) in relative terms.
 *
 * <p><b>Points.</b> Entries are uniform in [-2, 2]. A point is used if every value involved is
 * finite and at most 1e6 in magnitude (larger ones mean exp or a power overflowed the moderate
 * range, where rounding dominates) and every kink is at least 0.02 away: the argument of abs,
 * sign, relu and step, the difference of max's operands, and a norm (non-smooth at 0) are at least
 * 0.02 in magnitude, so that no step of the differences crosses one. Up to 10 points are tried;
 * if none fits, the case is discarded.
 */
final class Numeric {
    private Numeric() {}

    static final double STEP = 1e-3;
    static final double LIMIT = 1e6;
    static final double KINK_MARGIN = 0.02;
    static final int POINTS = 10;

    /** Not smooth enough here: try another point. */
    static final class Rough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rough(String message) {
            super(message, null, false, false);
        }
    }

    /** A case at one point: its variables' values, which differences perturb in place. */
    record Point(Case c, Map<String, double[]> values) {
        Value evaluate(Expr e) {
            return Interpreter.evaluate(e, c.inputs(values), c.sizes());
        }

        double[] data(Expr e) {
            return evaluate(e).data();
        }

        double scalar(Expr e) {
            return evaluate(e).asScalar();
        }

        String show() {
            StringBuilder s = new StringBuilder();
            values.forEach((name, data) -> {
                s.append(s.length() == 0 ? "" : ", ").append(name).append(" = ");
                s.append(data.length == 1 && c.variables().get(name).shape().isScalar() ? num(data[0])
                        : java.util.Arrays.stream(data).mapToObj(Numeric::num).toList().toString());
            });
            return s.toString();
        }
    }

    /**
     * Runs {@code check} at the first of up to 10 random points where {@code exprs} are finite,
     * moderate and away from kinks, and where {@code check} finds the function smooth; discards the
     * case if there is none.
     */
    static void atSmoothPoint(Case c, List<Expr> exprs, Consumer<Point> check) {
        String why = "no point";
        for (int attempt = 0; attempt < POINTS; attempt++) {
            Point p = new Point(c, c.point(attempt));
            try {
                String unusable = unusable(p, exprs);
                if (unusable != null) {
                    why = unusable;
                    continue;
                }
                check.accept(p);
                return;
            } catch (Rough | EvaluationException e) {
                why = e.getMessage();
            }
        }
        Property.discard("no usable point: " + why);
    }

    /** Why the point is unusable for these expressions, or null if it is fine. */
    static String unusable(Point p, List<Expr> exprs) {
        for (Expr e : exprs) {
            for (double v : p.data(e)) {
                if (!Double.isFinite(v) || Math.abs(v) > LIMIT) {
                    return "value " + v;
                }
            }
        }
        double kink = kinkDistance(p, exprs);
        return kink < KINK_MARGIN ? "a kink " + kink + " away" : null;
    }

    /** How far the point is from the nearest kink of the expressions. */
    static double kinkDistance(Point p, List<Expr> exprs) {
        double distance = Double.POSITIVE_INFINITY;
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Expr root : exprs) {
            for (Expr node : Traversal.postOrder(root)) {
                if (!seen.add(node)) {
                    continue;
                }
                Expr argument = null;
                if (node instanceof Expr.Apply a && (a.fn() == Fn.ABS || a.fn() == Fn.SIGN || a.fn() == Fn.RELU
                        || a.fn() == Fn.STEP)) {
                    argument = a.operand();
                } else if (node instanceof Expr.Max m) {
                    argument = Expr.subtract(m.left(), m.right());
                } else if (node instanceof Expr.Norm2) {
                    argument = node;
                }
                if (argument != null) {
                    for (double v : p.data(argument)) {
                        distance = Math.min(distance, Math.abs(v));
                    }
                }
            }
        }
        return distance;
    }

    /**
     * The largest term any sum in {@code e} adds at the point: an operand of an addition or of a
     * sum, a product of the largest entries of a matrix product's operands. A result computed from
     * such terms carries rounding error relative to them, not to itself, when they cancel.
     */
    static double termScale(Point p, Expr e) {
        Map<Expr, Value> values =
                Interpreter.evaluateEveryNode(e, p.c().inputs(p.values()), p.c().sizes());
        double scale = 0;
        for (Map.Entry<Expr, Value> entry : values.entrySet()) {
            Expr node = entry.getKey();
            if (node instanceof Expr.Add || node instanceof Expr.Sum) {
                for (Expr operand : node.children()) {
                    scale = Math.max(scale, maxAbs(values.get(operand).data()));
                }
            } else if (node instanceof Expr.Product product) {
                scale = Math.max(scale, maxAbs(values.get(product.left()).data())
                        * maxAbs(values.get(product.right()).data()));
            }
        }
        return scale;
    }

    /**
     * How much the inverses in {@code e} amplify rounding at the point: the largest
     * ‖A‖·‖A⁻¹‖·n (entries' magnitudes, a cheap bound of A's condition number) over the matrices
     * {@code e} inverts, at least 1. A result computed through A⁻¹ carries rounding error relative
     * to its terms times that, not to its terms alone: det(I + uvᵀ) near 0 makes a Hessian's two
     * halves differ by 1e-8 of themselves with no error in either.
     */
    static double conditioning(Point p, Expr e) {
        Map<Expr, Value> values =
                Interpreter.evaluateEveryNode(e, p.c().inputs(p.values()), p.c().sizes());
        double conditioning = 1;
        for (Map.Entry<Expr, Value> entry : values.entrySet()) {
            if (entry.getKey() instanceof Expr.Inverse inverse) {
                double[] inverted = values.get(inverse.operand()).data();
                double[] result = entry.getValue().data();
                int n = (int) Math.round(Math.sqrt(inverted.length));
                conditioning = Math.max(conditioning, maxAbs(inverted) * maxAbs(result) * n);
            }
        }
        return conditioning;
    }

    /** Extrapolated central differences of every output with respect to one entry. */
    record Difference(double[] value, double[] roughness, double magnitude, double step) {}

    static Difference difference(Point p, String variable, int entry, Function<Point, double[]> f) {
        double[] direction = new double[p.values().get(variable).length];
        direction[entry] = 1;
        return difference(p, variable, new Direction(variable + "[" + entry + "]", direction), f);
    }

    /**
     * As {@link #difference(Point, String, int, Function)} with the first step {@code h}: an absolute
     * step for a value that may be large where the function is steep in it (an intermediate value,
     * det(U) of a U with entries in the hundreds), which a relative step would step over.
     */
    static Difference difference(Point p, String variable, int entry, double h, Function<Point, double[]> f) {
        double[] direction = new double[p.values().get(variable).length];
        direction[entry] = 1;
        return difference(p, variable, new Direction(variable + "[" + entry + "]", direction), h, f);
    }

    /**
     * A direction to perturb a variable along: one entry, or for a symmetric matrix the symmetric
     * pair {@code E_ij + E_ji} (and {@code E_ii}), so that the point stays symmetric.
     */
    record Direction(String name, double[] values) {}

    /**
     * The directions a variable's derivatives are checked along: its entries, one by one; for a
     * symmetric matrix, the basis of symmetric matrices {@code E_ii}, {@code E_ij + E_ji} (i < j),
     * along which alone its function is defined.
     */
    static List<Direction> directions(Expr.Variable v, Case c) {
        int entries = c.entries(v.shape());
        List<Direction> directions = new ArrayList<>();
        if (!v.symmetric()) {
            for (int k = 0; k < entries; k++) {
                double[] d = new double[entries];
                d[k] = 1;
                directions.add(new Direction(entry(v, c, k), d));
            }
            return directions;
        }
        int n = c.rows(v.shape());
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double[] d = new double[entries];
                d[i * n + j] = 1;
                d[j * n + i] = 1;
                directions.add(new Direction(i == j ? v.name() + "[" + i + "," + i + "]"
                        : "E" + i + j + " + E" + j + i + " of " + v.name(), d));
            }
        }
        return directions;
    }

    /** Σₖ m[i·columns + k]·d[k]: row i of a matrix with {@code columns} columns, read along a direction. */
    static double along(double[] m, int i, int columns, double[] d) {
        double sum = 0;
        for (int k = 0; k < columns; k++) {
            sum += m[i * columns + k] * d[k];
        }
        return sum;
    }

    /** Extrapolated central differences of every output along a direction of one variable. */
    static Difference difference(Point p, String variable, Direction direction, Function<Point, double[]> f) {
        double[] x = p.values().get(variable);
        double largest = 0;
        for (int k = 0; k < x.length; k++) {
            if (direction.values()[k] != 0) {
                largest = Math.max(largest, Math.abs(x[k]));
            }
        }
        return difference(p, variable, direction, STEP * Math.max(1, largest), f);
    }

    /** Extrapolated central differences along a direction, the first step {@code h}. */
    static Difference difference(Point p, String variable, Direction direction, double h, Function<Point, double[]> f) {
        double[] x = p.values().get(variable);
        double[] saved = x.clone();
        double[] along = direction.values();
        double[][] plus = new double[3][];
        double[][] minus = new double[3][];
        try {
            for (int level = 0; level < 3; level++) {
                double step = h / (1 << level);
                plus[level] = at(p, x, saved, along, step, f);
                minus[level] = at(p, x, saved, along, -step, f);
            }
        } finally {
            System.arraycopy(saved, 0, x, 0, x.length);
        }
        int n = plus[0].length;
        double[] value = new double[n];
        double[] roughness = new double[n];
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            double[] d = new double[3];
            for (int level = 0; level < 3; level++) {
                d[level] = (plus[level][i] - minus[level][i]) / (2 * h / (1 << level));
                magnitude = Math.max(magnitude, Math.max(Math.abs(plus[level][i]), Math.abs(minus[level][i])));
            }
            // Romberg: two Richardson steps; the difference of the first two is the error estimate.
            double r1 = (4 * d[1] - d[0]) / 3;
            double r2 = (4 * d[2] - d[1]) / 3;
            value[i] = (16 * r2 - r1) / 15;
            roughness[i] = Math.abs(r1 - r2);
            if (!Double.isFinite(value[i]) || Math.abs(d[0] - d[2]) > 0.05 * (1 + Math.abs(value[i]))) {
                throw new Rough("not smooth along " + direction.name() + ": D(h) and D(h/4) differ by "
                        + num(Math.abs(d[0] - d[2])));
            }
        }
        return new Difference(value, roughness, magnitude, h / 4);
    }

    /** f at x + step·d, written into x in place (the point's own array). */
    private static double[] at(Point p, double[] x, double[] saved, double[] d, double step, Function<Point, double[]> f) {
        for (int k = 0; k < x.length; k++) {
            x[k] = d[k] == 0 ? saved[k] : saved[k] + step * d[k];
        }
        double[] out = f.apply(p);
        for (double v : out) {
            if (!Double.isFinite(v) || Math.abs(v) > LIMIT) {
                throw new Rough("value " + v + " near the point");
            }
        }
        return out;
    }

    /** The tolerance for a derivative against {@code d}'s output {@code i}. */
    static double tolerance(double analytic, Difference d, int i) {
        double numeric = d.value()[i];
        return 1e-6 * (1 + Math.max(Math.abs(analytic), Math.abs(numeric))) + 2 * d.roughness()[i]
                + 1e3 * Math.ulp(1.0) * d.magnitude() / d.step();
    }

    /** Fails with both numbers and the error if {@code analytic} is not within tolerance of the differences. */
    static void assertMatches(String what, double analytic, Difference d, int i) {
        double numeric = d.value()[i];
        double error = Math.abs(analytic - numeric);
        double tolerance = tolerance(analytic, d, i);
        if (!(error <= tolerance)) {
            throw new AssertionError(what + ": symbolic " + num(analytic) + ", finite differences " + num(numeric)
                    + ", error " + num(error) + " > " + num(tolerance));
        }
    }

    /** Whether two results agree to {@code relative}, measured against the larger of the two and {@code scale}. */
    static boolean close(double a, double b, double relative, double scale) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return a == b;
        }
        return Math.abs(a - b) <= relative * Math.max(Math.max(Math.abs(a), Math.abs(b)), scale);
    }

    static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The entries of a variable's point, named: {@code A[1,0]}, {@code x[2]}, {@code a}. */
    static String entry(Expr.Variable v, Case c, int k) {
        return switch (v.shape().kind()) {
            case SCALAR -> v.name();
            case VECTOR, ROW -> v.name() + "[" + k + "]";
            case MATRIX -> v.name() + "[" + k / c.cols(v.shape()) + "," + k % c.cols(v.shape()) + "]";
        };
    }

    static Map<String, double[]> copy(Map<String, double[]> values) {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    static List<Expr> list(Expr... exprs) {
        return new ArrayList<>(List.of(exprs));
    }

    static String num(double x) {
        return String.format(Locale.ROOT, "%.10g", x);
    }
}

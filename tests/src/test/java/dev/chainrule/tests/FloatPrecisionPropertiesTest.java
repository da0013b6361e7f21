package dev.chainrule.tests;

import dev.chainrule.graph.Expr;
import dev.chainrule.syntax.Precision;
import dev.chainrule.testing.property.Property;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code float} class of a function ({@code precision float}) computes what its {@code double}
 * class computes, to float accuracy: the value, every gradient, the Jacobian and the Hessian, for
 * random functions over the whole language ({@link ExprGen}, as {@link CodegenPropertiesTest}).
 *
 * <p>Both classes are called at the same point, rounded to float first, so that the inputs are the
 * same numbers and only the computation differs. The double class is the oracle: it agrees with
 * the interpreter to 1e-12 ({@link CodegenPropertiesTest}).
 *
 * <p>The tolerance, and why it is honest. A float class rounds every operation to 24 bits (exp, log
 * and the like are computed in double and rounded once): a relative error of at most 2<sup>-24</sup>
 * ≈ 6e-8 each. Two things make that grow. (1) A chain of operations, each rounded: a result is
 * off by some tens of those roundings relative to the terms it is computed from, not to itself,
 * when they cancel (the functions here are small: sums of a few terms); so an entry must agree to {@code 1e-5 · S} (about 170 float roundings), S the
 * largest magnitude among all outputs of the function and among the terms its sums add
 * ({@link Numeric#termScale}), as the double comparison does at 1e-12. (2) A function amplifies a
 * rounding of its intermediates by its condition: near a pole (1/(x − y) with x ≈ y) or through
 * exp of a large number, a rounding of 6e-8 can move the result by much more. That amplification
 * is measured, not assumed: the double class is called again at the point with every input moved by
 * one float rounding (a relative 2<sup>-24</sup>, of random sign), and {@code 100} times the change
 * that makes in each entry is allowed on top. (3) Linear algebra: an LU factorisation (det, logdet,
 * inverse) rounds the matrix it factors, which moving the inputs does not reproduce when the
 * matrix is built from them in a way that hides its condition (0.25·I + EᵀE of a wide E, found by
 * the thorough run); the textbook bound for a solve, κ(M)·n·2<sup>-24</sup> relative (κ the
 * 1-norm condition of the factored n × n matrix M, computed here in double), is allowed on top,
 * times the scale S. Nothing is allowed for a wrong formula: a float class
 * that computed something else would miss by far more than either bound.
 */
class FloatPrecisionPropertiesTest {
    /** Two javac runs per batch of 50: 200 tries in CI. */
    static final int TRIES = 200;
    static final double RELATIVE = 1e-5;
    static final double CONDITION_FACTOR = 100;
    private static final double FLOAT_ROUNDING = 0x1p-24;

    private static final ExprGen.Options FUNCTIONS = new ExprGen.Options(ExprGen.Output.FUNCTION, true, true);

    /** One function's classes in both precisions. */
    record Pair(CodegenPropertiesTest.Compiled doubles, CodegenPropertiesTest.Compiled floats) {}

    @Test
    void theFloatClassAgreesWithTheDoubleClassToFloatAccuracy() {
        Map<Case, Pair> compiled = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        Property.forAll("float class = double class, to float accuracy", ExprGen.cases(FUNCTIONS))
                .tries(TRIES)
                .show(Case::show)
                .shrinkLimit(200, java.time.Duration.ofMinutes(2))
                .inBatches(CodegenPropertiesTest.BATCH, batch -> {
                    Map<Case, CodegenPropertiesTest.Compiled> doubles = CodegenPropertiesTest.compile(batch, Precision.DOUBLE);
                    Map<Case, CodegenPropertiesTest.Compiled> floats = CodegenPropertiesTest.compile(batch, Precision.FLOAT);
                    compiled.clear();
                    batch.forEach(c -> compiled.put(c, new Pair(doubles.get(c), floats.get(c))));
                })
                .check(c -> compare(c, compiled.get(c)));
    }

    @Test
    void theConditionOfAMatrixIsItsNormTimesItsInversesNorm() {
        org.junit.jupiter.api.Assertions.assertEquals(1, condition(new double[] {1, 0, 0, 1}, 2), 1e-15);
        org.junit.jupiter.api.Assertions.assertEquals(100, condition(new double[] {1, 0, 0, 100}, 2), 1e-12);
        // [[1, 2], [3, 4]]: ‖M‖₁ = 6, M⁻¹ = [[-2, 1], [1.5, -0.5]], ‖M⁻¹‖₁ = 3.5.
        org.junit.jupiter.api.Assertions.assertEquals(21, condition(new double[] {1, 2, 3, 4}, 2), 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(Double.POSITIVE_INFINITY, condition(new double[] {1, 2, 2, 4}, 2));
    }

    static void compare(Case c, Pair pair) {
        CodegenPropertiesTest.Compiled d = pair.doubles();
        List<Expr> exprs = Numeric.list(c.expr());
        exprs.addAll(d.gradients().values());
        if (d.jacobian() != null) {
            exprs.add(d.jacobian());
        }
        if (d.hessian() != null) {
            exprs.add(d.hessian());
        }
        Numeric.atSmoothPoint(c, exprs, p -> {
            Map<String, double[]> point = roundedToFloat(p.values());
            Map<String, double[]> inDouble = outputs(c, d, point, false);
            Map<String, double[]> inFloat = outputs(c, pair.floats(), point, true);
            Map<String, double[]> nudged = outputs(c, d, nudged(point, new Random(c.seed())), false);
            Numeric.Point rounded = new Numeric.Point(c, point);
            double scale = 0;
            for (double[] values : inDouble.values()) {
                scale = Math.max(scale, Numeric.maxAbs(values));
            }
            for (Expr e : exprs) {
                scale = Math.max(scale, Numeric.termScale(rounded, e));
            }
            double factored = factorisationBound(exprs, rounded) * scale;
            String where = " of " + d.function().name() + " at " + rounded.show();
            for (Map.Entry<String, double[]> output : inDouble.entrySet()) {
                double[] expected = output.getValue();
                double[] actual = inFloat.get(output.getKey());
                double[] moved = nudged.get(output.getKey());
                for (int i = 0; i < expected.length; i++) {
                    if (!Double.isFinite(expected[i])) {
                        continue; // past float's range on the way, or NaN in both: not a matter of accuracy
                    }
                    double allowed = RELATIVE * scale + CONDITION_FACTOR * Math.abs(moved[i] - expected[i]) + factored;
                    if (!(Math.abs(actual[i] - expected[i]) <= allowed)) {
                        throw new AssertionError(String.format(Locale.ROOT,
                                "%s%s: entry %d is %.9g in the double class, %.9g in the float class (allowed %.3g)",
                                output.getKey(), where, i, expected[i], actual[i], allowed));
                    }
                }
            }
        });
    }

    /**
     * The largest κ(M)·n·2⁻²⁴ over the matrices M that the outputs factor (the operands of det,
     * logdet and inverse), evaluated in double at the point; 0 where there are none.
     */
    static double factorisationBound(List<Expr> exprs, Numeric.Point point) {
        double bound = 0;
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Expr> work = new java.util.ArrayDeque<>(exprs);
        while (!work.isEmpty()) {
            Expr e = work.pop();
            if (!seen.add(e)) {
                continue;
            }
            work.addAll(e.children());
            Expr factored = e instanceof Expr.Det det ? det.operand()
                    : e instanceof Expr.LogDet logDet ? logDet.operand()
                    : e instanceof Expr.Inverse inverse ? inverse.operand() : null;
            if (factored != null) {
                double[] m = point.data(factored);
                int n = (int) Math.round(Math.sqrt(m.length));
                bound = Math.max(bound, condition(m, n) * n * FLOAT_ROUNDING);
            }
        }
        return bound;
    }

    /** ‖M‖₁ ‖M⁻¹‖₁ of a row-major n × n matrix, by Gauss–Jordan with partial pivoting; infinite if singular. */
    static double condition(double[] m, int n) {
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i * n + j];
            }
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (a[pivot][col] == 0 || !Double.isFinite(a[pivot][col])) {
                return Double.POSITIVE_INFINITY;
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int k = col; k < 2 * n; k++) {
                        a[r][k] -= factor * a[col][k];
                    }
                }
            }
        }
        double norm = 0;
        double inverseNorm = 0;
        for (int j = 0; j < n; j++) {
            double column = 0;
            double inverseColumn = 0;
            for (int i = 0; i < n; i++) {
                column += Math.abs(m[i * n + j]);
                inverseColumn += Math.abs(a[i][n + j] / a[i][i]);
            }
            norm = Math.max(norm, column);
            inverseNorm = Math.max(inverseNorm, inverseColumn);
        }
        return norm * inverseNorm;
    }

    /** The point with every entry rounded to the nearest float: the inputs both classes get. */
    static Map<String, double[]> roundedToFloat(Map<String, double[]> point) {
        Map<String, double[]> rounded = new LinkedHashMap<>();
        point.forEach((name, values) -> {
            double[] r = new double[values.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) values[i];
            }
            rounded.put(name, r);
        });
        return rounded;
    }

    /** Every entry moved by one float rounding, of random sign. */
    private static Map<String, double[]> nudged(Map<String, double[]> point, Random random) {
        Map<String, double[]> moved = new LinkedHashMap<>();
        point.forEach((name, values) -> {
            double[] m = values.clone();
            for (int i = 0; i < m.length; i++) {
                m[i] *= 1 + (random.nextBoolean() ? FLOAT_ROUNDING : -FLOAT_ROUNDING);
            }
            moved.put(name, m);
        });
        return moved;
    }

    /** Every output of a class at a point, widened to double, by name: value, gradients, Jacobian, Hessian. */
    private static Map<String, double[]> outputs(Case c, CodegenPropertiesTest.Compiled compiled,
                                                 Map<String, double[]> point, boolean single) {
        TypedFunction f = compiled.function();
        Object[] args = new Object[f.params().size()];
        for (int i = 0; i < args.length; i++) {
            Expr.Variable v = f.params().get(i);
            double[] data = point.getOrDefault(v.name(), new double[c.entries(v.shape())]);
            args[i] = v.shape().isScalar() ? (single ? (Object) (float) data[0] : (Object) data[0])
                    : single ? toFloat(data) : data.clone();
        }
        Map<String, double[]> outputs = new LinkedHashMap<>();
        Expr body = c.expr();
        if (body.shape().isScalar()) {
            outputs.put("value", new double[] {((Number) CodegenPropertiesTest.call(compiled.instance(), "value", args)).doubleValue()});
        } else {
            outputs.put("value", into(c.entries(body.shape()), single, out -> CodegenPropertiesTest.call(compiled.instance(), "value",
                    CodegenPropertiesTest.append(args, out))));
        }
        if (!compiled.gradients().isEmpty()) {
            List<Object> arrays = new ArrayList<>();
            for (Expr.Variable v : compiled.gradients().keySet()) {
                arrays.add(single ? new float[c.entries(v.shape())] : new double[c.entries(v.shape())]);
            }
            CodegenPropertiesTest.call(compiled.instance(), "valueAndGradient", CodegenPropertiesTest.append(args, arrays.toArray()));
            int k = 0;
            for (Expr.Variable v : compiled.gradients().keySet()) {
                outputs.put("gradient by " + v.name(), widened(arrays.get(k++)));
            }
        }
        if (compiled.wrt() != null) {
            String wrt = compiled.wrt().name().substring(0, 1).toUpperCase(Locale.ROOT) + compiled.wrt().name().substring(1);
            if (compiled.jacobian() != null) {
                outputs.put("Jacobian", into(c.entries(compiled.jacobian().shape()), single,
                        out -> CodegenPropertiesTest.call(compiled.instance(), "jacobian" + wrt, CodegenPropertiesTest.append(args, out))));
            }
            if (compiled.hessian() != null) {
                outputs.put("Hessian", into(c.entries(compiled.hessian().shape()), single,
                        out -> CodegenPropertiesTest.call(compiled.instance(), "hessian" + wrt, CodegenPropertiesTest.append(args, out))));
            }
        }
        return outputs;
    }

    private static double[] into(int length, boolean single, java.util.function.Consumer<Object> method) {
        Object out = single ? new float[length] : new double[length];
        method.accept(out);
        return widened(out);
    }

    private static double[] widened(Object array) {
        if (array instanceof double[] d) {
            return d;
        }
        float[] f = (float[]) array;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
